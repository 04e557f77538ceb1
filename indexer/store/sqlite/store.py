"""The embedded store: SQLite, tantivy BM25 over analysed tokens, exact cosine over numpy.

Everything lives in one directory (``kb.sqlite``). Connections are per thread (WAL mode),
so the API can serve queries from a thread pool. The schema is in :mod:`.schema`, lexical
search in :mod:`.lexical` (a tantivy index in ``lexical/`` that follows the database), dense
search in :mod:`.vectors`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from indexer.codec import document_from_dict, meta_from_dict, to_dict
from indexer.models import DocumentMeta, ParsedDocument
from indexer.store.base import Filters, Hit, IndexRecord, LexicalQuery
from indexer.store.sqlite import lexical, schema
from indexer.store.sqlite.sql import HIT_COLUMNS, filter_sql, hit, marks
from indexer.store.sqlite.tantivy_index import PendingChanges
from indexer.store.sqlite.vectors import VectorMatrix, to_blob

#: Chunk and document ids are handled in slices of this size (SQLite's parameter limit).
_SLICE = 500

_UPSERT_DOCUMENT = (
    "INSERT INTO documents (id, collection, type, issuer, status, year, meta, keys, body)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?, ''), ?) ON CONFLICT (id) DO UPDATE SET"
    " collection = excluded.collection, type = excluded.type, issuer = excluded.issuer,"
    " status = excluded.status, year = excluded.year, meta = excluded.meta,"
    " keys = CASE WHEN ? IS NULL THEN documents.keys ELSE excluded.keys END,"
    " body = coalesce(excluded.body, documents.body)"
)


def _upsert_document(
    db: sqlite3.Connection,
    meta: DocumentMeta,
    *,
    keys: Sequence[str] | None = None,
    document: ParsedDocument | None = None,
) -> None:
    """Insert or update a document row; ``keys`` and the body are kept when not given."""
    joined = None if keys is None else " ".join(keys)
    body = None if document is None else json.dumps(to_dict(document), ensure_ascii=False)
    db.execute(
        _UPSERT_DOCUMENT,
        (
            meta.id,
            meta.collection,
            meta.type,
            meta.issuer,
            meta.status,
            meta.year,
            json.dumps(to_dict(meta), ensure_ascii=False),
            joined,
            body,
            joined,
        ),
    )


class SqliteStore:
    """Embedded store in ``directory`` (created if missing)."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "kb.sqlite"
        self._local = threading.local()
        self._lexical = lexical.LexicalIndex(directory / "lexical")
        self._vectors = VectorMatrix()
        with self._db as db:
            schema.migrate(db)

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    # -- writing -------------------------------------------------------------------------

    def write(self, records: Sequence[IndexRecord]) -> int:
        with self._lexical.engine.writing(self._db) as pending, self._db as db:
            for record in records:
                _upsert_document(db, record.document, keys=record.doc_keys)
                self._delete_chunk_rows(db, [record.chunk.id], pending)
                cursor = db.execute(
                    "INSERT INTO chunks (id, doc_id, ordinal, article, content_hash, chunk, vector)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        record.chunk.id,
                        record.chunk.doc_id,
                        record.chunk.ordinal,
                        record.chunk.citation.article,
                        record.content_hash,
                        json.dumps(to_dict(record.chunk), ensure_ascii=False),
                        to_blob(record.vector),
                    ),
                )
                assert cursor.lastrowid is not None
                lexical.add_fields(db, cursor.lastrowid, record, pending)
            schema.bump_version(db)
        return len(records)

    def _delete_chunk_rows(
        self, db: sqlite3.Connection, chunk_ids: Sequence[str], pending: PendingChanges
    ) -> int:
        deleted = 0
        for start in range(0, len(chunk_ids), _SLICE):
            part = list(chunk_ids[start : start + _SLICE])
            rowids = [
                r[0]
                for r in db.execute(f"SELECT rowid FROM chunks WHERE id IN ({marks(part)})", part)
            ]
            if rowids:
                lexical.remove_fields(db, rowids, pending)
                db.execute(f"DELETE FROM chunks WHERE rowid IN ({marks(rowids)})", rowids)
            deleted += len(rowids)
        return deleted

    def delete_chunks(self, chunk_ids: Sequence[str]) -> int:
        with self._lexical.engine.writing(self._db) as pending, self._db as db:
            deleted = self._delete_chunk_rows(db, chunk_ids, pending)
            schema.bump_version(db)
        return deleted

    def put_documents(self, documents: Sequence[ParsedDocument]) -> None:
        with self._db as db:
            for doc in documents:
                _upsert_document(db, doc.meta, document=doc)

    def delete_documents(self, doc_ids: Sequence[str]) -> int:
        if not doc_ids:
            return 0
        with self._lexical.engine.writing(self._db) as pending, self._db as db:
            for doc_id in doc_ids:
                ids = [
                    r[0] for r in db.execute("SELECT id FROM chunks WHERE doc_id = ?", (doc_id,))
                ]
                self._delete_chunk_rows(db, ids, pending)
            deleted = db.execute(
                f"DELETE FROM documents WHERE id IN ({marks(doc_ids)})", list(doc_ids)
            )
            schema.bump_version(db)
        return deleted.rowcount

    def put_artifact(self, name: str, data: bytes) -> None:
        with self._db as db:
            db.execute("INSERT OR REPLACE INTO artifacts (name, data) VALUES (?, ?)", (name, data))

    # -- reading -------------------------------------------------------------------------

    def get_artifact(self, name: str) -> bytes | None:
        row = self._db.execute("SELECT data FROM artifacts WHERE name = ?", (name,)).fetchone()
        return bytes(row[0]) if row else None

    def get_document(self, doc_id: str) -> ParsedDocument | None:
        row = self._db.execute(
            "SELECT body FROM documents WHERE id = ? AND body IS NOT NULL", (doc_id,)
        ).fetchone()
        return document_from_dict(json.loads(row[0])) if row else None

    def list_documents(self, filters: Filters | None = None) -> list[DocumentMeta]:
        doc_filters = filters if filters is None else filters.document_level()
        where, params = filter_sql(doc_filters)
        rows = self._db.execute(
            f"SELECT d.meta FROM documents d WHERE {where} ORDER BY d.id", params
        )
        return [meta_from_dict(json.loads(r[0])) for r in rows]

    def chunk_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        hashes: dict[str, str] = {}
        for start in range(0, len(doc_ids), _SLICE):
            part = list(doc_ids[start : start + _SLICE])
            rows = self._db.execute(
                f"SELECT id, content_hash FROM chunks WHERE doc_id IN ({marks(part)})", part
            )
            hashes.update(dict(rows.fetchall()))
        return hashes

    def count(self, filters: Filters | None = None) -> int:
        where, params = filter_sql(filters)
        row = self._db.execute(
            f"SELECT count(*) FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE {where}",
            params,
        ).fetchone()
        return int(row[0])

    def lexical(self, query: LexicalQuery, filters: Filters | None, k: int) -> list[Hit]:
        """Lucene's BM25 per field, weighted and summed (tantivy, as OpenSearch ranks)."""
        return self._lexical.search(self._db, query, filters, k)

    def dense(self, vector: np.ndarray, filters: Filters | None, k: int) -> list[Hit]:
        db = self._db
        return self._vectors.search(db, schema.chunks_version(db), vector, filters, k)

    def browse(self, filters: Filters, k: int) -> list[Hit]:
        where, params = filter_sql(filters)
        rows = self._db.execute(
            f"SELECT {HIT_COLUMNS} FROM chunks c JOIN documents d ON d.id = c.doc_id"
            f" WHERE {where} ORDER BY c.doc_id, c.ordinal LIMIT ?",
            [*params, k],
        )
        return [hit(row, 0.0) for row in rows]

    def missing_vectors(self, k: int) -> list[Hit]:
        rows = self._db.execute(
            f"SELECT {HIT_COLUMNS} FROM chunks c JOIN documents d ON d.id = c.doc_id"
            " WHERE c.vector IS NULL ORDER BY c.rowid LIMIT ?",
            (k,),
        )
        return [hit(row, 0.0) for row in rows]

    def count_missing_vectors(self) -> int:
        row = self._db.execute("SELECT count(*) FROM chunks WHERE vector IS NULL").fetchone()
        return int(row[0])

    def put_vectors(self, items: Sequence[tuple[Hit, np.ndarray]]) -> int:
        with self._db as db:
            updated = db.executemany(
                "UPDATE chunks SET vector = ? WHERE id = ?",
                [(to_blob(vector), h.chunk.id) for h, vector in items],
            ).rowcount
            schema.bump_version(db, lexical=False)
        return updated

    def scan(self, filters: Filters | None = None) -> Iterator[Hit]:
        where, params = filter_sql(filters)
        rows = self._db.execute(
            f"SELECT {HIT_COLUMNS} FROM chunks c JOIN documents d ON d.id = c.doc_id"
            f" WHERE {where} ORDER BY c.doc_id, c.ordinal",
            params,
        )
        for row in rows:
            yield hit(row, 0.0)

    def ping(self) -> bool:
        try:
            self._db.execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None
