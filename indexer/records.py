"""Analyse and embed chunks into store records: the analysis step, once, for every store.

A record carries the chunk, its document's fields, the analysed tokens of each lexical field
and the chunk's vector (None for a lexical-only index); :func:`content_hash` says whether a
stored record is still what the current code would write.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import numpy as np

from indexer.analysis import Analyzer
from indexer.chunk import SEPARATOR
from indexer.cite.find import doc_keys
from indexer.codec import to_dict
from indexer.embed.base import Embedder
from indexer.models import Chunk, DocumentMeta
from indexer.store.base import IndexRecord

#: Bump when analysis or chunk serialisation changes, so every chunk is rewritten.
PIPELINE_VERSION = "3"
#: The "model" of an index built without vectors.
LEXICAL_ONLY = "lexical-only"


def content_hash(chunk: Chunk, meta: DocumentMeta, model_id: str) -> str:
    """Hash of everything a stored chunk is made of: text, citation, document fields, model."""
    meta_fields = to_dict(meta)
    meta_fields.pop("provenance", None)
    payload = json.dumps(
        [PIPELINE_VERSION, model_id, to_dict(chunk), meta_fields],
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def structural_heading(chunk: Chunk) -> str:
    """The heading without its document part: "Chương II › Điều 23. Tên điều"."""
    return SEPARATOR.join(chunk.heading.split(SEPARATOR)[1:])


def document_keys(meta: DocumentMeta) -> list[str]:
    """The normalised document-number keys (full and partial) of a document."""
    return doc_keys(meta.number) if meta.number else []


def index_records(
    items: Sequence[tuple[Chunk, DocumentMeta, str]],
    analyzer: Analyzer,
    embedder: Embedder | None,
) -> list[IndexRecord]:
    """Analyse and embed (chunk, document, content hash) triples into store records;
    without an embedder the records have no vector (a lexical-only index)."""
    if not items:
        return []
    vectors: list[np.ndarray] | list[None] = (
        list(embedder.embed_passages([chunk.embedding_text() for chunk, _, _ in items]))
        if embedder is not None
        else [None] * len(items)
    )
    keys: dict[str, list[str]] = {}
    doc_tokens: dict[str, str] = {}
    records = []
    for (chunk, meta, digest), vector in zip(items, vectors, strict=True):
        structure = structural_heading(chunk)
        body = analyzer.run(f"{structure}\n{chunk.text}")
        records.append(
            IndexRecord(
                chunk=chunk,
                document=meta,
                content_hash=digest,
                tokens=" ".join(body.tokens),
                folded=" ".join(body.folded),
                title=" ".join(analyzer.run(structure).tokens),
                pairs=" ".join(body.pairs),
                doc=doc_tokens.setdefault(
                    meta.id, " ".join(analyzer.run(f"{meta.title} {meta.number or ''}").tokens)
                ),
                doc_keys=keys.setdefault(meta.id, document_keys(meta)),
                vector=vector,
            )
        )
    return records
