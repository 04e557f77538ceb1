"""Lexical search in the embedded store: a tantivy index over the analysed tokens.

tantivy scores a term with Lucene's BM25 — k1 1.2, b 0.75, the same idf, the (k1 + 1) factor
of OpenSearch's legacy similarity and the same one-byte length norms — so the weighted sum
over fields it returns is OpenSearch's score to float32 precision (measured on the bench
queries: at most 3e-7 apart), and the two stores rank alike. Its whitespace tokenizer keeps
the tokens :mod:`indexer.analysis` produced as they are.

The index lives next to ``kb.sqlite`` in ``lexical/`` and follows the database: writes and
deletes of chunks update it under a file lock, then record the database's lexical version
in ``lexical/synced``. A reader that finds that marker behind the database (a crash between
the two commits, or a store written before this index existed) rebuilds the index from the
fields the database keeps (:func:`indexer.store.sqlite.lexical.stored_fields`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy
from filelock import FileLock

from indexer.store.base import KEYWORD_FILTER_FIELDS, Filters, LexicalQuery
from indexer.store.sqlite import schema
from indexer.store.sqlite.schema import LEXICAL_FIELDS

_WRITER_HEAP = 64_000_000
_LOCK_TIMEOUT_S = 600


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("rowid", stored=True, indexed=True, fast=True)
    for name in LEXICAL_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for _, name in KEYWORD_FILTER_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("year", indexed=True, fast=True)
    return builder.build()


@dataclass
class LexicalRow:
    """What the index holds of one chunk: its analysed fields and its filter values."""

    rowid: int
    fields: dict[str, str]
    keywords: dict[str, list[str]]
    year: int | None

    def document(self) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_integer("rowid", self.rowid)
        for name, text in self.fields.items():
            doc.add_text(name, text)
        for name, values in self.keywords.items():
            for value in values:
                doc.add_text(name, value)
        if self.year is not None:
            doc.add_integer("year", self.year)
        return doc


@dataclass
class PendingChanges:
    """Rows a database transaction removed and added, applied to the index after it."""

    removed: list[int] = field(default_factory=list)
    added: list[LexicalRow] = field(default_factory=list)


RowSource = Callable[[sqlite3.Connection], Iterable["LexicalRow"]]


class TantivyLexical:
    """The tantivy index of one embedded store, kept in step with its database; ``source``
    reads every row back from the database (for a rebuild)."""

    def __init__(self, directory: Path, source: RowSource) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.source = source
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(directory), reuse=True)
        self._marker = directory / "synced"
        self._lock = FileLock(directory.parent / "lexical.lock", timeout=_LOCK_TIMEOUT_S)
        self._thread_lock = threading.Lock()
        self._searcher: tuple[int, Any] | None = None

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def writing(self, db: sqlite3.Connection) -> Iterator[PendingChanges]:
        """Collect the changes of one database transaction (run inside the block) and apply
        them to the index once it is committed; other writers wait on the file lock."""
        with self._lock:
            pending = PendingChanges()
            yield pending
            version = schema.lexical_version(db)
            if self._synced() == version - 1:
                self._apply(pending)
                self._mark(version)
            else:
                self._rebuild(db)

    def _apply(self, pending: PendingChanges) -> None:
        writer = self.index.writer(_WRITER_HEAP, 1)
        for rowid in pending.removed:
            writer.delete_documents_by_term("rowid", rowid)
        for row in pending.added:
            writer.add_document(row.document())
        writer.commit()
        writer.wait_merging_threads()

    def _rebuild(self, db: sqlite3.Connection) -> None:
        version = schema.lexical_version(db)
        writer = self.index.writer(_WRITER_HEAP, 1)
        writer.delete_all_documents()
        for row in self.source(db):
            writer.add_document(row.document())
        writer.commit()
        writer.wait_merging_threads()
        self._mark(version)

    def _synced(self) -> int | None:
        try:
            return int(self._marker.read_text("ascii"))
        except (FileNotFoundError, ValueError):
            return None

    def _mark(self, version: int) -> None:
        temporary = self._marker.with_suffix(".tmp")
        temporary.write_text(str(version), "ascii")
        temporary.replace(self._marker)

    # -- reading -------------------------------------------------------------------------

    def search(
        self, db: sqlite3.Connection, query: LexicalQuery, filters: Filters | None, k: int
    ) -> list[tuple[int, float]]:
        """(rowid, score) of the best ``k`` chunks by the weighted sum over fields of BM25."""
        clauses = [
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(tantivy.Query.term_query(self.schema, name, term), w),
            )
            for name, w, terms in query.field_terms()
            for term in terms
        ]
        if not clauses:
            return []
        matching = tantivy.Query.boolean_query(clauses)
        restriction = self._filter_query(filters)
        if restriction is not None:
            matching = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, matching), (tantivy.Occur.Must, restriction)]
            )
        searcher = self.searcher(db)
        found = searcher.search(matching, k).hits
        return [(int(searcher.doc(address)["rowid"][0]), float(s)) for s, address in found]

    def _filter_query(self, filters: Filters | None) -> tantivy.Query | None:
        """The filters as one query that matches and scores nothing else (score 0)."""
        if filters is None or filters.is_empty():
            return None
        parts = [
            tantivy.Query.term_set_query(self.schema, name, list(getattr(filters, attr)))
            for attr, name in KEYWORD_FILTER_FIELDS
            if getattr(filters, attr)
        ]
        if filters.year_from is not None or filters.year_to is not None:
            parts.append(
                tantivy.Query.range_query(
                    self.schema,
                    "year",
                    tantivy.FieldType.Integer,
                    filters.year_from,
                    filters.year_to,
                )
            )
        every = tantivy.Query.boolean_query([(tantivy.Occur.Must, part) for part in parts])
        return tantivy.Query.const_score_query(every, 0.0)

    def searcher(self, db: sqlite3.Connection) -> Any:
        """A searcher over the index as of the database's current lexical version."""
        version = schema.lexical_version(db)
        with self._thread_lock:
            if self._searcher is not None and self._searcher[0] == version:
                return self._searcher[1]
        if self._synced() != version:
            with self._lock:  # a writer between its two commits finishes first
                if self._synced() != schema.lexical_version(db):
                    self._rebuild(db)
            version = schema.lexical_version(db)
        self.index.reload()
        searcher = self.index.searcher()
        with self._thread_lock:
            self._searcher = (version, searcher)
        return searcher


def rows_of(values: Sequence[tuple[Any, ...]]) -> list[LexicalRow]:
    """Rows from (rowid, *fields, collection, type, issuer, status, doc_id, keys, article,
    year) tuples, in that order."""
    rows = []
    n = len(LEXICAL_FIELDS)
    for value in values:
        rowid, texts, rest = value[0], value[1 : 1 + n], value[1 + n :]
        collection, type_, issuer, status, doc_id, keys, article, year = rest
        keywords = {
            "collection": [collection],
            "type": [type_] if type_ else [],
            "issuer": [issuer] if issuer else [],
            "status": [status] if status else [],
            "doc_id": [doc_id],
            "doc_keys": keys.split() if keys else [],
            "article": [article] if article else [],
        }
        rows.append(
            LexicalRow(rowid, dict(zip(LEXICAL_FIELDS, texts, strict=True)), keywords, year)
        )
    return rows
