"""Lexical search in the embedded store: FTS5 finds candidates, Lucene's BM25 ranks them.

Each analysed field has its own FTS5 table (rowid = the chunk's rowid) and its length in
``chunks.n_<field>``; candidates are then scored exactly as OpenSearch scores them
(:mod:`indexer.store.bm25`), so the two stores rank alike.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from indexer.store.base import Filters, Hit, IndexRecord, LexicalQuery
from indexer.store.bm25 import FieldStats, field_scores
from indexer.store.sqlite.schema import LEXICAL_FIELDS
from indexer.store.sqlite.sql import filter_sql, hits_by_rowid, marks

#: FTS5 finds k + this many candidates, which are then scored with Lucene's BM25 (bm25.py).
RESCORE_MARGIN = 20
#: A term in more than this share of a field's rows does not select candidates.
COMMON_SHARE = 0.25

FieldTerms = list[tuple[str, float, list[str]]]


def _match(terms: list[str]) -> str:
    """An FTS5 expression matching any of ``terms`` (each quoted: never an operator)."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _selective(terms: list[str], doc_freqs: dict[str, int], stats: FieldStats) -> list[str]:
    """The terms worth selecting candidates with: all but the very common ones (all of
    them when every term is common)."""
    limit = COMMON_SHARE * stats.doc_count
    rare = [t for t in terms if doc_freqs.get(t, 0) <= limit]
    return rare or terms


def field_values(record: IndexRecord) -> dict[str, str]:
    """The analysed text of each lexical field of a record."""
    return {
        "text": record.tokens,
        "title": record.title,
        "doc": record.doc,
        "folded": record.folded,
        "pairs": record.pairs,
    }


def add_fields(db: sqlite3.Connection, rowid: int, record: IndexRecord) -> None:
    """Index the lexical fields of a just-inserted chunk row, and store their lengths."""
    values = field_values(record)
    for field in LEXICAL_FIELDS:
        db.execute(
            f"INSERT INTO fts_{field} (rowid, {field}) VALUES (?, ?)", (rowid, values[field])
        )
    db.execute(
        "UPDATE chunks SET " + ", ".join(f"n_{f} = ?" for f in LEXICAL_FIELDS) + " WHERE rowid = ?",
        [*(len(values[f].split()) for f in LEXICAL_FIELDS), rowid],
    )


def remove_fields(db: sqlite3.Connection, rowids: Sequence[int]) -> None:
    """Remove chunk rows from every FTS5 table."""
    for field in LEXICAL_FIELDS:
        db.execute(f"DELETE FROM fts_{field} WHERE rowid IN ({marks(rowids)})", list(rowids))


class LexicalIndex:
    """BM25 search over the FTS5 tables; per-field statistics cached per chunk-set version."""

    def __init__(self) -> None:
        self._field_stats: tuple[int, dict[str, FieldStats]] | None = None

    def search(
        self,
        db: sqlite3.Connection,
        version: int,
        query: LexicalQuery,
        filters: Filters | None,
        k: int,
    ) -> list[Hit]:
        """The best ``k`` chunks by the weighted sum over fields of Lucene BM25.

        Terms found in more than :data:`COMMON_SHARE` of a field's rows do not select
        candidates (they still count in the score): a long question's "của", "và", "được"
        would otherwise make FTS5 score nearly every row.
        """
        fields = query.field_terms()
        if not fields:
            return []
        stats = self.stats(db, version)
        doc_freqs = {field: _doc_freqs(db, field, terms) for field, _, terms in fields}
        selecting = [
            (field, weight, _selective(terms, doc_freqs[field], stats[field]))
            for field, weight, terms in fields
        ]
        rowids = _candidates(db, selecting, filters, k + RESCORE_MARGIN)
        scores = _lucene_scores(db, fields, doc_freqs, stats, rowids)
        ranked = sorted(zip(rowids, scores, strict=True), key=lambda pair: (-pair[1], pair[0]))[:k]
        return hits_by_rowid(db, [r for r, _ in ranked], [score for _, score in ranked])

    def stats(self, db: sqlite3.Connection, version: int) -> dict[str, FieldStats]:
        """Per-field document count and total length, cached until the chunks change."""
        if self._field_stats is None or self._field_stats[0] != version:
            columns = ", ".join(f"sum(n_{f} > 0), sum(n_{f})" for f in LEXICAL_FIELDS)
            row = db.execute(f"SELECT {columns} FROM chunks").fetchone()
            stats = {
                field: FieldStats(int(row[2 * i] or 0), int(row[2 * i + 1] or 0))
                for i, field in enumerate(LEXICAL_FIELDS)
            }
            self._field_stats = (version, stats)
        return self._field_stats[1]


def _candidates(
    db: sqlite3.Connection, selecting: FieldTerms, filters: Filters | None, limit: int
) -> list[int]:
    """Rowids of the best ``limit`` rows by FTS5's own weighted bm25(), under ``filters``."""
    union = " UNION ALL ".join(
        f"SELECT rowid, -bm25(fts_{field}) * ? AS s FROM fts_{field} WHERE fts_{field} MATCH ?"
        for field, _, _ in selecting
    )
    where, params = filter_sql(filters)
    rows = db.execute(
        f"WITH hits AS MATERIALIZED ({union}),"
        " scored AS (SELECT rowid, sum(s) AS score FROM hits GROUP BY rowid)"
        " SELECT c.rowid FROM scored"
        " JOIN chunks c ON c.rowid = scored.rowid JOIN documents d ON d.id = c.doc_id"
        f" WHERE {where} ORDER BY scored.score DESC LIMIT ?",
        [
            *(x for _, weight, terms in selecting for x in (weight, _match(terms))),
            *params,
            limit,
        ],
    )
    return [row[0] for row in rows]


def _doc_freqs(db: sqlite3.Connection, field: str, terms: list[str]) -> dict[str, int]:
    """How many rows of ``field`` hold each term (FTS5's vocabulary table)."""
    rows = db.execute(
        f"SELECT term, doc FROM vocab_{field} WHERE term IN ({marks(terms)})", terms
    ).fetchall()
    return dict(rows)


def _lucene_scores(
    db: sqlite3.Connection,
    fields: FieldTerms,
    doc_freqs: dict[str, dict[str, int]],
    stats: dict[str, FieldStats],
    rowids: list[int],
) -> list[float]:
    """Weighted sum over fields of Lucene BM25 for each candidate row."""
    if not rowids:
        return []
    totals = dict.fromkeys(rowids, 0.0)
    for field, weight, terms in fields:
        contents = db.execute(
            f"SELECT f.rowid, f.{field}, c.n_{field} FROM fts_{field} f"
            f" JOIN chunks c ON c.rowid = f.rowid WHERE f.rowid IN ({marks(rowids)})",
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
