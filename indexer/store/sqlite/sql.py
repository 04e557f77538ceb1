"""SQL fragments shared by the embedded store's modules: filters and hit rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from indexer.codec import chunk_from_dict, meta_from_dict
from indexer.store.base import Filters, Hit

#: The columns :func:`hit` reads, over ``c`` (chunks) joined with ``d`` (documents).
HIT_COLUMNS = "c.chunk, d.meta"
_CHUNKS_FIRST = "chunks c JOIN documents d ON d.id = c.doc_id"
# CROSS JOIN keeps SQLite from walking every chunk in (doc_id, ordinal) order and testing
# the filters row by row: 0.3 s for a document-number filter over the whole Pháp điển, where
# finding the few documents first and then their chunks by index takes milliseconds.
_DOCUMENTS_FIRST = "documents d CROSS JOIN chunks c ON c.doc_id = d.id"


def chunks_join(filters: Filters | None) -> str:
    """``chunks c`` joined with ``documents d``, in the order that is fast for ``filters``."""
    return _CHUNKS_FIRST if filters is None or filters.is_empty() else _DOCUMENTS_FIRST


def marks(values: Sequence[Any]) -> str:
    """``?, ?, …`` for an ``IN (…)`` over ``values``."""
    return ",".join("?" * len(values))


def filter_sql(filters: Filters | None) -> tuple[str, list[Any]]:
    """A SQL condition over ``d`` (documents) and ``c`` (chunks), with its parameters."""
    if filters is None or filters.is_empty():
        return "1", []
    clauses: list[str] = []
    params: list[Any] = []

    def member(column: str, values: Sequence[str]) -> None:
        if values:
            clauses.append(f"{column} IN ({marks(values)})")
            params.extend(values)

    member("d.collection", filters.collections)
    member("d.type", filters.types)
    member("d.issuer", filters.issuers)
    member("d.status", filters.statuses)
    member("d.id", filters.doc_ids)
    member("c.article", filters.articles)
    if filters.year_from is not None:
        clauses.append("d.year >= ?")
        params.append(filters.year_from)
    if filters.year_to is not None:
        clauses.append("d.year <= ?")
        params.append(filters.year_to)
    if filters.doc_keys:
        keys = " OR ".join("(' ' || d.keys || ' ') LIKE ?" for _ in filters.doc_keys)
        clauses.append(f"({keys})")
        params.extend(f"% {key} %" for key in filters.doc_keys)
    return " AND ".join(clauses), params


def hit(row: sqlite3.Row | tuple[Any, ...], score: float) -> Hit:
    """A hit from a row of :data:`HIT_COLUMNS`."""
    return Hit(
        chunk=chunk_from_dict(json.loads(row[0])),
        document=meta_from_dict(json.loads(row[1])),
        score=score,
    )


def hits_by_rowid(db: sqlite3.Connection, rowids: list[int], scores: list[float]) -> list[Hit]:
    """Hits for chunk rows, in the given order; each document's metadata parsed once."""
    if not rowids:
        return []
    rows = db.execute(
        f"SELECT rowid, chunk, doc_id FROM chunks WHERE rowid IN ({marks(rowids)})", rowids
    ).fetchall()
    doc_ids = list({row[2] for row in rows})
    metas = {
        doc_id: meta_from_dict(json.loads(meta))
        for doc_id, meta in db.execute(
            f"SELECT id, meta FROM documents WHERE id IN ({marks(doc_ids)})", doc_ids
        )
    }
    by_rowid = {row[0]: (row[1], metas[row[2]]) for row in rows if row[2] in metas}
    return [
        Hit(chunk=chunk_from_dict(json.loads(by_rowid[r][0])), document=by_rowid[r][1], score=s)
        for r, s in zip(rowids, scores, strict=True)
        if r in by_rowid
    ]


def allowed_rowids(db: sqlite3.Connection, filters: Filters) -> list[int]:
    """The rowids of the chunks that pass ``filters``."""
    where, params = filter_sql(filters)
    rows = db.execute(f"SELECT c.rowid FROM {chunks_join(filters)} WHERE {where}", params)
    return [r[0] for r in rows]
