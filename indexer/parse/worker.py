"""Parse one input item (run inside a worker process)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from indexer.models import ParsedDocument
from indexer.parse import markdown
from indexer.parse.corpus_json import corpus_documents, load_json
from indexer.parse.detect import detect
from indexer.parse.doc import doc_to_docx
from indexer.parse.inputs import Item
from indexer.parse.limits import Limits, RejectedFile, check_zip
from indexer.parse.pdf import pdf_blocks
from indexer.parse.phapdien.articles import PhapDienArticle, collect_articles
from indexer.parse.phapdien.html import html_events
from indexer.structure import MetaFields, parse_blocks
from indexer.structure.blocks import Block, join_continuations, text_blocks
from indexer.structure.ids import file_document_id
from indexer.structure.patterns import PARAGRAPH_START


@dataclass
class Outcome:
    """What one file gave: whole documents, and/or pháp-điển entries to merge later."""

    documents: list[ParsedDocument] = field(default_factory=list)
    articles: list[PhapDienArticle] = field(default_factory=list)


def _decode(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


def _document(
    blocks: list[Block], item: Item, known: MetaFields | None = None, title: str | None = None
) -> Outcome:
    if not any(b.text.strip() for b in blocks):
        raise RejectedFile("no text found")
    stem = PurePath(item.name).stem
    doc = parse_blocks(
        blocks,
        fallback_title=title or stem,
        known=known,
        fallback_id=None if title else file_document_id(stem, item.sha256),
    )
    if not doc.nodes:
        raise RejectedFile("no content after the header")
    return Outcome(documents=[doc])


def _markdown(item: Item) -> Outcome:
    page = markdown.markdown_page(_decode(item.data))
    if markdown.is_phapdien_rendering(page.blocks):
        events = markdown.phapdien_events(page.blocks, page.title or PurePath(item.name).stem)
        return Outcome(articles=collect_articles(events))
    return _document(page.blocks, item, page.known(), page.title)


def parse_item(item: Item, limits: Limits) -> Outcome:
    """Parse one file's bytes according to its detected kind."""
    kind = detect(item.name, item.data)
    if kind == "phapdien_html":
        return Outcome(articles=collect_articles(html_events(item.data)))
    if kind == "json":
        return Outcome(documents=corpus_documents(load_json(item.data, limits)))
    if kind == "markdown":
        return _markdown(item)
    if kind == "text":
        blocks = join_continuations(text_blocks(_decode(item.data).splitlines()), PARAGRAPH_START)
        return _document(blocks, item)
    if kind == "pdf":
        blocks, _ = pdf_blocks(item.data, limits)
        return _document(blocks, item)
    from indexer.parse.unstructured_blocks import docx_blocks, html_blocks

    if kind == "html":
        blocks = html_blocks(item.data)
        if not blocks:
            raise RejectedFile("no text found in the HTML (scripts and styles are not content)")
        return _document(blocks, item)
    data = item.data
    if kind == "doc":
        data = doc_to_docx(data, timeout_s=limits.timeout_s / 2)
    check_zip(data, limits)
    return _document(docx_blocks(data), item)
