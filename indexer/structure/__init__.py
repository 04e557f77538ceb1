"""Structure of Vietnamese legal documents and technical regulations, from blocks of text."""

from __future__ import annotations

from indexer.models import DocumentMeta, ParsedDocument
from indexer.structure.amendments import legends, mark_amended
from indexer.structure.blocks import Block
from indexer.structure.ids import document_id
from indexer.structure.meta import MetaFields, extract_meta
from indexer.structure.tree import Mode, build, detect_mode

__all__ = ["Block", "MetaFields", "parse_blocks"]


def parse_blocks(
    blocks: list[Block],
    *,
    fallback_title: str,
    known: MetaFields | None = None,
    fallback_id: str | None = None,
) -> ParsedDocument:
    """Parse a document's blocks into metadata and a structure tree.

    ``known`` carries metadata a source states outright (e.g. a Markdown metadata table);
    its fields win over what the header yields. ``fallback_title`` names untitled documents,
    and ``fallback_id`` (when given) is the id of a document with neither number nor title.
    """
    mode: Mode = detect_mode(blocks)
    layout = build(blocks, mode)
    header = [line for b in layout.header for line in b.text.split("\n")]
    tail = [line for b in layout.tail for line in b.text.split("\n")]
    mark_amended(layout.nodes, legends(header))
    found = extract_meta(header, layout.nodes, tail)
    if known is not None:
        for name, value in vars(known).items():
            if value:
                setattr(found, name, value)
    numbered = found.number or ""
    if found.type and found.number and not found.number.startswith(found.type):
        numbered = f"{found.type} {found.number}"
    title = found.title or numbered or fallback_title
    untitled = not found.number and not found.title
    meta = DocumentMeta(
        id=fallback_id
        if untitled and fallback_id
        else document_id(found.number, title, found.type),
        title=title,
        number=found.number,
        type=found.type,
        issuer=found.issuer,
        issued_date=found.issued_date,
        effective_date=found.effective_date,
        legal_bases=found.legal_bases,
    )
    return ParsedDocument(meta=meta, nodes=layout.nodes)
