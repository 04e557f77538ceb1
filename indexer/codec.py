"""JSON-safe dictionaries to and from the data model, for stores and the API."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from indexer.models import Chunk, Citation, DocumentMeta, Node, ParsedDocument, Provenance


def to_dict(obj: Chunk | DocumentMeta | ParsedDocument | Node) -> dict[str, Any]:
    """A plain dictionary of a model object (nested dataclasses included)."""
    return asdict(obj)


def meta_from_dict(data: dict[str, Any]) -> DocumentMeta:
    fields = dict(data)
    provenance = fields.pop("provenance", None)
    return DocumentMeta(
        **fields, provenance=Provenance(**provenance) if provenance is not None else None
    )


def node_from_dict(data: dict[str, Any]) -> Node:
    fields = dict(data)
    children = [node_from_dict(child) for child in fields.pop("children", [])]
    return Node(**fields, children=children)


def document_from_dict(data: dict[str, Any]) -> ParsedDocument:
    return ParsedDocument(
        meta=meta_from_dict(data["meta"]), nodes=[node_from_dict(n) for n in data["nodes"]]
    )


def chunk_from_dict(data: dict[str, Any]) -> Chunk:
    fields = dict(data)
    citation = Citation(**fields.pop("citation"))
    return Chunk(**fields, citation=citation)
