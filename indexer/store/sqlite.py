"""The embedded store: SQLite FTS5 over analysed tokens + exact cosine over a numpy matrix.

Everything lives in one directory (``kb.sqlite``); vectors are float32 blobs loaded into
one matrix on the first dense query and reloaded after writes. Connections are per thread
(WAL mode), so the API can serve queries from a thread pool.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from indexer.codec import chunk_from_dict, document_from_dict, meta_from_dict, to_dict
from indexer.models import DocumentMeta, ParsedDocument
from indexer.store.base import Filters, Hit, IndexRecord, LexicalQuery
from indexer.store.bm25 import FieldStats, field_scores

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    collection TEXT NOT NULL,
    type TEXT, issuer TEXT, status TEXT, year INTEGER,
    keys TEXT NOT NULL DEFAULT '',
    meta TEXT NOT NULL,
    body TEXT
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    article TEXT,
    content_hash TEXT NOT NULL,
    chunk TEXT NOT NULL,
    vector BLOB,
    {length_columns}
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks (doc_id, ordinal);
{fts_tables}
CREATE TABLE IF NOT EXISTS artifacts (name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO state (key, value) VALUES ('chunks_version', 0);
"""

#: One FTS5 table per analysed field, so BM25 is computed per field (as Lucene does) and
#: the field scores are summed with their weights — the two stores rank alike.
LEXICAL_FIELDS = ("text", "title", "doc", "folded", "pairs")
_FTS_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts_{field} USING fts5("
    "{field}, tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\");"
    "CREATE VIRTUAL TABLE IF NOT EXISTS vocab_{field} USING fts5vocab(fts_{field}, row);"
)
SCHEMA_VERSION = 4
#: FTS5 finds k + this many candidates, which are then scored with Lucene's BM25 (bm25.py).
RESCORE_MARGIN = 20
#: A term in more than this share of a field's rows does not select candidates.
COMMON_SHARE = 0.25

_HIT_COLUMNS = "c.chunk, d.meta"


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _match(terms: list[str]) -> str:
    """An FTS5 expression matching any of ``terms``."""
    return " OR ".join(_quote(t) for t in terms)


def _selective(terms: list[str], doc_freqs: dict[str, int], stats: FieldStats) -> list[str]:
    """The terms worth selecting candidates with: all but the very common ones (all of
    them when every term is common)."""
    limit = COMMON_SHARE * stats.doc_count
    rare = [t for t in terms if doc_freqs.get(t, 0) <= limit]
    return rare or terms


def _field_values(record: IndexRecord) -> dict[str, str]:
    return {
        "text": record.tokens,
        "title": record.title,
        "doc": record.doc,
        "folded": record.folded,
        "pairs": record.pairs,
    }


def _filter_sql(filters: Filters | None) -> tuple[str, list[Any]]:
    """A SQL condition over ``d`` (documents) and ``c`` (chunks), with its parameters."""
    if filters is None or filters.is_empty():
        return "1", []
    clauses: list[str] = []
    params: list[Any] = []

    def member(column: str, values: Sequence[str]) -> None:
        if values:
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
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


def _hit(row: sqlite3.Row | tuple[Any, ...], score: float) -> Hit:
    return Hit(
        chunk=chunk_from_dict(json.loads(row[0])),
        document=meta_from_dict(json.loads(row[1])),
        score=score,
    )


class SqliteStore:
    """Embedded store in ``directory`` (created if missing)."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "kb.sqlite"
        self._local = threading.local()
        self._matrix_lock = threading.Lock()
        self._matrix: tuple[int, np.ndarray, np.ndarray] | None = None
        self._field_stats: tuple[int, dict[str, FieldStats]] | None = None
        with self._db:
            self._migrate()

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    def _migrate(self) -> None:
        """Create the schema; a store written by an older layout is emptied (re-ingest)."""
        db = self._db
        has_state = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'state'"
        ).fetchone()
        version = (
            db.execute("SELECT value FROM state WHERE key = 'schema_version'").fetchone()
            if has_state
            else None
        )
        if version is None or version[0] != SCHEMA_VERSION:
            _drop_all_tables(db)
        fts = "\n".join(_FTS_TABLE.format(field=f) for f in LEXICAL_FIELDS)
        lengths = ", ".join(f"n_{f} INTEGER NOT NULL DEFAULT 0" for f in LEXICAL_FIELDS)
        db.executescript(_SCHEMA.format(fts_tables=fts, length_columns=lengths))
        db.execute(
            "INSERT OR REPLACE INTO state (key, value) VALUES ('schema_version', ?)",
            (SCHEMA_VERSION,),
        )

    @staticmethod
    def _bump_version(db: sqlite3.Connection) -> None:
        db.execute("UPDATE state SET value = value + 1 WHERE key = 'chunks_version'")

    def _version(self) -> int:
        """Changes whenever chunks change, in this process or another one."""
        row = self._db.execute("SELECT value FROM state WHERE key = 'chunks_version'").fetchone()
        return int(row[0])

    # -- writing -------------------------------------------------------------------------

    def write(self, records: Sequence[IndexRecord]) -> int:
        with self._db as db:
            for record in records:
                self._ensure_document_row(db, record)
                self._delete_chunk_rows(db, [record.chunk.id])
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
                        None
                        if record.vector is None
                        else np.asarray(record.vector, dtype=np.float32).tobytes(),
                    ),
                )
                values = _field_values(record)
                for field in LEXICAL_FIELDS:
                    db.execute(
                        f"INSERT INTO fts_{field} (rowid, {field}) VALUES (?, ?)",
                        (cursor.lastrowid, values[field]),
                    )
                db.execute(
                    "UPDATE chunks SET "
                    + ", ".join(f"n_{f} = ?" for f in LEXICAL_FIELDS)
                    + " WHERE rowid = ?",
                    [*(len(values[f].split()) for f in LEXICAL_FIELDS), cursor.lastrowid],
                )
            self._bump_version(db)
        return len(records)

    def _ensure_document_row(self, db: sqlite3.Connection, record: IndexRecord) -> None:
        meta = record.document
        db.execute(
            "INSERT INTO documents (id, collection, type, issuer, status, year, keys, meta)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " collection = excluded.collection, type = excluded.type,"
            " issuer = excluded.issuer, status = excluded.status, year = excluded.year,"
            " keys = excluded.keys, meta = excluded.meta",
            (
                meta.id,
                meta.collection,
                meta.type,
                meta.issuer,
                meta.status,
                meta.year,
                " ".join(record.doc_keys),
                json.dumps(to_dict(meta), ensure_ascii=False),
            ),
        )

    def _delete_chunk_rows(self, db: sqlite3.Connection, chunk_ids: Sequence[str]) -> int:
        deleted = 0
        for start in range(0, len(chunk_ids), 500):
            part = list(chunk_ids[start : start + 500])
            marks = ",".join("?" * len(part))
            rowids = [
                r[0] for r in db.execute(f"SELECT rowid FROM chunks WHERE id IN ({marks})", part)
            ]
            if rowids:
                rmarks = ",".join("?" * len(rowids))
                for field in LEXICAL_FIELDS:
                    db.execute(f"DELETE FROM fts_{field} WHERE rowid IN ({rmarks})", rowids)
                db.execute(f"DELETE FROM chunks WHERE rowid IN ({rmarks})", rowids)
            deleted += len(rowids)
        return deleted

    def delete_chunks(self, chunk_ids: Sequence[str]) -> int:
        with self._db as db:
            deleted = self._delete_chunk_rows(db, chunk_ids)
            self._bump_version(db)
        return deleted

    def put_documents(self, documents: Sequence[ParsedDocument]) -> None:
        with self._db as db:
            for doc in documents:
                meta = doc.meta
                db.execute(
                    "INSERT INTO documents (id, collection, type, issuer, status, year, meta, body)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    " collection = excluded.collection, type = excluded.type,"
                    " issuer = excluded.issuer, status = excluded.status, year = excluded.year,"
                    " meta = excluded.meta, body = excluded.body",
                    (
                        meta.id,
                        meta.collection,
                        meta.type,
                        meta.issuer,
                        meta.status,
                        meta.year,
                        json.dumps(to_dict(meta), ensure_ascii=False),
                        json.dumps(to_dict(doc), ensure_ascii=False),
                    ),
                )

    def delete_documents(self, doc_ids: Sequence[str]) -> int:
        if not doc_ids:
            return 0
        with self._db as db:
            for doc_id in doc_ids:
                ids = [
                    r[0] for r in db.execute("SELECT id FROM chunks WHERE doc_id = ?", (doc_id,))
                ]
                self._delete_chunk_rows(db, ids)
            marks = ",".join("?" * len(doc_ids))
            deleted = db.execute(f"DELETE FROM documents WHERE id IN ({marks})", list(doc_ids))
            self._bump_version(db)
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
        where, params = _filter_sql(doc_filters)
        rows = self._db.execute(
            f"SELECT d.meta FROM documents d WHERE {where} ORDER BY d.id", params
        )
        return [meta_from_dict(json.loads(r[0])) for r in rows]

    def chunk_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        hashes: dict[str, str] = {}
        for start in range(0, len(doc_ids), 500):
            part = list(doc_ids[start : start + 500])
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT id, content_hash FROM chunks WHERE doc_id IN ({marks})", part
            )
            hashes.update(dict(rows.fetchall()))
        return hashes

    def count(self, filters: Filters | None = None) -> int:
        where, params = _filter_sql(filters)
        row = self._db.execute(
            f"SELECT count(*) FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE {where}",
            params,
        ).fetchone()
        return int(row[0])

    def lexical(self, query: LexicalQuery, filters: Filters | None, k: int) -> list[Hit]:
        """FTS5 finds the best candidates; Lucene's BM25 (per field, weighted sum) ranks them.

        Terms found in more than :data:`COMMON_SHARE` of a field's rows do not select
        candidates (they still count in the score): a long question's "của", "và", "được"
        would otherwise make FTS5 score nearly every row.
        """
        fields = query.field_terms()
        if not fields:
            return []
        stats = self._stats()
        doc_freqs = {field: self._doc_freqs(field, terms) for field, _, terms in fields}
        selecting = [
            (field, weight, _selective(terms, doc_freqs[field], stats[field]))
            for field, weight, terms in fields
        ]
        union = " UNION ALL ".join(
            f"SELECT rowid, -bm25(fts_{field}) * ? AS s FROM fts_{field} WHERE fts_{field} MATCH ?"
            for field, _, _ in selecting
        )
        where, params = _filter_sql(filters)
        rowids = [
            row[0]
            for row in self._db.execute(
                f"WITH hits AS MATERIALIZED ({union}),"
                " scored AS (SELECT rowid, sum(s) AS score FROM hits GROUP BY rowid)"
                " SELECT c.rowid FROM scored"
                " JOIN chunks c ON c.rowid = scored.rowid JOIN documents d ON d.id = c.doc_id"
                f" WHERE {where} ORDER BY scored.score DESC LIMIT ?",
                [
                    *(x for _, weight, terms in selecting for x in (weight, _match(terms))),
                    *params,
                    k + RESCORE_MARGIN,
                ],
            )
        ]
        scores = self._lucene_scores(fields, doc_freqs, stats, rowids)
        ranked = sorted(zip(rowids, scores, strict=True), key=lambda pair: (-pair[1], pair[0]))[:k]
        return self._hits_by_rowid([r for r, _ in ranked], [score for _, score in ranked])

    def _doc_freqs(self, field: str, terms: list[str]) -> dict[str, int]:
        """How many rows of ``field`` hold each term (FTS5's vocabulary table)."""
        marks = ",".join("?" * len(terms))
        rows = self._db.execute(
            f"SELECT term, doc FROM vocab_{field} WHERE term IN ({marks})", terms
        ).fetchall()
        return dict(rows)

    def _lucene_scores(
        self,
        fields: list[tuple[str, float, list[str]]],
        doc_freqs: dict[str, dict[str, int]],
        stats: dict[str, FieldStats],
        rowids: list[int],
    ) -> list[float]:
        """Weighted sum over fields of Lucene BM25 for each candidate row."""
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        totals = dict.fromkeys(rowids, 0.0)
        for field, weight, terms in fields:
            contents = self._db.execute(
                f"SELECT f.rowid, f.{field}, c.n_{field} FROM fts_{field} f"
                f" JOIN chunks c ON c.rowid = f.rowid WHERE f.rowid IN ({marks})",
                rowids,
            ).fetchall()
            # chunks of one document share its doc field, of one article their title field
            lengths = {text: length for _, text, length in contents}
            scores = field_scores(
                list(lengths), list(lengths.values()), terms, doc_freqs[field], stats[field], weight
            )
            by_text = dict(zip(lengths, scores, strict=True))
            for rowid, text, _ in contents:
                totals[rowid] += by_text[text]
        return [totals[r] for r in rowids]

    def _stats(self) -> dict[str, FieldStats]:
        """Per-field document count and total length, cached until the chunks change."""
        version = self._version()
        if self._field_stats is None or self._field_stats[0] != version:
            columns = ", ".join(f"sum(n_{f} > 0), sum(n_{f})" for f in LEXICAL_FIELDS)
            row = self._db.execute(f"SELECT {columns} FROM chunks").fetchone()
            stats = {
                field: FieldStats(int(row[2 * i] or 0), int(row[2 * i + 1] or 0))
                for i, field in enumerate(LEXICAL_FIELDS)
            }
            self._field_stats = (version, stats)
        return self._field_stats[1]

    def dense(self, vector: np.ndarray, filters: Filters | None, k: int) -> list[Hit]:
        rowids, matrix = self._vectors()
        if filters is not None and not filters.is_empty():
            allowed = self._allowed_rowids(filters)
            keep = np.isin(rowids, allowed)
            rowids, matrix = rowids[keep], matrix[keep]
        if len(rowids) == 0:
            return []
        scores = matrix @ np.asarray(vector, dtype=np.float32)
        top = min(k, len(scores))
        best = np.argpartition(-scores, top - 1)[:top]
        best = best[np.argsort(-scores[best])]
        return self._hits_by_rowid([int(rowids[i]) for i in best], [float(scores[i]) for i in best])

    def browse(self, filters: Filters, k: int) -> list[Hit]:
        where, params = _filter_sql(filters)
        rows = self._db.execute(
            f"SELECT {_HIT_COLUMNS} FROM chunks c JOIN documents d ON d.id = c.doc_id"
            f" WHERE {where} ORDER BY c.doc_id, c.ordinal LIMIT ?",
            [*params, k],
        )
        return [_hit(row, 0.0) for row in rows]

    def scan(self, filters: Filters | None = None) -> Iterator[Hit]:
        where, params = _filter_sql(filters)
        rows = self._db.execute(
            f"SELECT {_HIT_COLUMNS} FROM chunks c JOIN documents d ON d.id = c.doc_id"
            f" WHERE {where} ORDER BY c.doc_id, c.ordinal",
            params,
        )
        for row in rows:
            yield _hit(row, 0.0)

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

    # -- helpers -------------------------------------------------------------------------

    def _vectors(self) -> tuple[np.ndarray, np.ndarray]:
        with self._matrix_lock:
            version = self._version()
            if self._matrix is None or self._matrix[0] != version:
                rows = self._db.execute(
                    "SELECT rowid, vector FROM chunks WHERE vector IS NOT NULL ORDER BY rowid"
                ).fetchall()
                rowids = np.array([r[0] for r in rows], dtype=np.int64)
                matrix = (
                    np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
                    if rows
                    else np.zeros((0, 0), dtype=np.float32)
                )
                self._matrix = (version, rowids, matrix)
            return self._matrix[1], self._matrix[2]

    def _allowed_rowids(self, filters: Filters) -> np.ndarray:
        where, params = _filter_sql(filters)
        rows = self._db.execute(
            f"SELECT c.rowid FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE {where}",
            params,
        )
        return np.array([r[0] for r in rows], dtype=np.int64)

    def _hits_by_rowid(self, rowids: list[int], scores: list[float]) -> list[Hit]:
        """Hits for chunk rows, in the given order; each document's metadata parsed once."""
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        rows = self._db.execute(
            f"SELECT rowid, chunk, doc_id FROM chunks WHERE rowid IN ({marks})", rowids
        ).fetchall()
        doc_ids = list({row[2] for row in rows})
        doc_marks = ",".join("?" * len(doc_ids))
        metas = {
            doc_id: meta_from_dict(json.loads(meta))
            for doc_id, meta in self._db.execute(
                f"SELECT id, meta FROM documents WHERE id IN ({doc_marks})", doc_ids
            )
        }
        by_rowid = {row[0]: (row[1], metas[row[2]]) for row in rows if row[2] in metas}
        return [
            Hit(chunk=chunk_from_dict(json.loads(by_rowid[r][0])), document=by_rowid[r][1], score=s)
            for r, s in zip(rowids, scores, strict=True)
            if r in by_rowid
        ]


def _drop_all_tables(db: sqlite3.Connection) -> None:
    """Drop virtual tables first (their shadow tables go with them), then the rest."""
    for kind in ("CREATE VIRTUAL TABLE%", "%"):
        names = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE ?", (kind,)
        ).fetchall()
        for (name,) in names:
            db.execute(f'DROP TABLE IF EXISTS "{name}"')
