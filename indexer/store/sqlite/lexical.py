"""Lexical search in the embedded store: the analysed fields kept in SQLite, searched with
tantivy (:mod:`.tantivy_index`), which ranks exactly as OpenSearch does.

Each analysed field is kept in its own FTS5 table (rowid = the chunk's rowid): the database
stays the one source of truth, from which the tantivy index is rebuilt when it is missing
or behind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from indexer.store.base import Filters, Hit, IndexRecord, LexicalQuery
from indexer.store.sqlite.schema import LEXICAL_FIELDS
from indexer.store.sqlite.sql import hits_by_rowid, marks
from indexer.store.sqlite.tantivy_index import (
    LexicalRow,
    PendingChanges,
    TantivyLexical,
    rows_of,
)

#: Rows read per query when the tantivy index is rebuilt from the database.
_REBUILD_PAGE = 2000


def field_values(record: IndexRecord) -> dict[str, str]:
    """The analysed text of each lexical field of a record."""
    return {
        "text": record.tokens,
        "title": record.title,
        "doc": record.doc,
        "folded": record.folded,
        "pairs": record.pairs,
    }


def add_fields(
    db: sqlite3.Connection, rowid: int, record: IndexRecord, pending: PendingChanges
) -> None:
    """Keep the lexical fields of a just-inserted chunk row, and queue it for the index."""
    values = field_values(record)
    for field in LEXICAL_FIELDS:
        db.execute(
            f"INSERT INTO fts_{field} (rowid, {field}) VALUES (?, ?)", (rowid, values[field])
        )
    meta = record.document
    keywords = {
        "collection": [meta.collection],
        "type": [meta.type] if meta.type else [],
        "issuer": [meta.issuer] if meta.issuer else [],
        "status": [meta.status] if meta.status else [],
        "doc_id": [record.chunk.doc_id],
        "doc_keys": list(record.doc_keys),
        "article": [record.chunk.citation.article] if record.chunk.citation.article else [],
    }
    pending.added.append(LexicalRow(rowid, values, keywords, meta.year))


def remove_fields(db: sqlite3.Connection, rowids: Sequence[int], pending: PendingChanges) -> None:
    """Remove chunk rows from every FTS5 table, and queue their removal from the index."""
    for field in LEXICAL_FIELDS:
        db.execute(f"DELETE FROM fts_{field} WHERE rowid IN ({marks(rowids)})", list(rowids))
    pending.removed.extend(rowids)


def stored_rows(db: sqlite3.Connection) -> Iterator[LexicalRow]:
    """Every chunk's lexical row, read back from the database, page by page."""
    columns = ", ".join(f"f_{f}.{f}" for f in LEXICAL_FIELDS)
    joins = " ".join(f"JOIN fts_{f} f_{f} ON f_{f}.rowid = c.rowid" for f in LEXICAL_FIELDS)
    last = -1
    while True:
        page = db.execute(
            f"SELECT c.rowid, {columns}, d.collection, d.type, d.issuer, d.status, c.doc_id,"
            f" d.keys, c.article, d.year FROM chunks c {joins}"
            " JOIN documents d ON d.id = c.doc_id WHERE c.rowid > ? ORDER BY c.rowid LIMIT ?",
            (last, _REBUILD_PAGE),
        ).fetchall()
        if not page:
            return
        yield from rows_of(page)
        last = page[-1][0]


class LexicalIndex:
    """BM25 search over the analysed fields of one embedded store (in ``directory``)."""

    def __init__(self, directory: Path) -> None:
        self.engine = TantivyLexical(directory, stored_rows)

    def search(
        self, db: sqlite3.Connection, query: LexicalQuery, filters: Filters | None, k: int
    ) -> list[Hit]:
        """The best ``k`` chunks by the weighted sum over fields of Lucene BM25."""
        if query.is_empty():
            return []
        ranked = self.engine.search(db, query, filters, k)
        return hits_by_rowid(db, [r for r, _ in ranked], [score for _, score in ranked])
