"""Bulk actions of the OpenSearch store and hits read back from ``_source`` (pure)."""

from __future__ import annotations

from typing import Any

import numpy as np

from indexer.codec import chunk_from_dict, meta_from_dict, to_dict
from indexer.models import ParsedDocument
from indexer.store.base import Hit, IndexRecord


def chunk_action(index: str, record: IndexRecord) -> dict[str, Any]:
    """The bulk action that writes one chunk record (pure; `_id` is the chunk id)."""
    meta = record.document
    action: dict[str, Any] = {
        "_op_type": "index",
        "_index": index,
        "_id": record.chunk.id,
        "_source": {
            "id": record.chunk.id,
            "doc_id": record.chunk.doc_id,
            "collection": meta.collection,
            "ordinal": record.chunk.ordinal,
            "article": record.chunk.citation.article,
            "content_hash": record.content_hash,
            "type": meta.type,
            "issuer": meta.issuer,
            "status": meta.status,
            "year": meta.year,
            "doc_keys": record.doc_keys,
            "text": record.tokens,
            "title": record.title,
            "doc": record.doc,
            "pairs": record.pairs,
            "folded": record.folded,
            "chunk": to_dict(record.chunk),
            "document": to_dict(meta),
        },
    }
    if record.vector is not None:
        action["_source"]["vector"] = np.asarray(record.vector, dtype=np.float32).tolist()
    return action


def hit_from_source(raw: dict[str, Any], score: float) -> Hit:
    """The hit a search returned, from its ``_source``."""
    source = raw["_source"]
    return Hit(
        chunk=chunk_from_dict(source["chunk"]),
        document=meta_from_dict(source["document"]),
        score=score,
    )


def document_action(index: str, doc: ParsedDocument) -> dict[str, Any]:
    """The bulk action that writes one document (its filter fields, metadata and body)."""
    meta = doc.meta
    return {
        "_op_type": "index",
        "_index": index,
        "_id": meta.id,
        "_source": {
            "id": meta.id,
            "collection": meta.collection,
            "type": meta.type,
            "issuer": meta.issuer,
            "status": meta.status,
            "year": meta.year,
            "meta": to_dict(meta),
            "body": to_dict(doc),
        },
    }


def vector_action(index: str, hit: Hit, vector: np.ndarray) -> dict[str, Any]:
    """The bulk action that adds its vector to a chunk stored without one."""
    return {
        "_op_type": "update",
        "_index": index,
        "_id": hit.chunk.id,
        "doc": {"vector": np.asarray(vector, dtype=np.float32).tolist()},
    }
