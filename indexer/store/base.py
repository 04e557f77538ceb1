"""The Store protocol that the embedded (SQLite + numpy) and OpenSearch stores both implement.

A store holds three things: chunks (text, citation, analysed tokens, vector), the parsed
documents they come from (for the table of contents and full text), and small named
artifacts built at ingest time (the accent model, the glossary). It never analyses text:
every token it sees was produced by :mod:`indexer.analysis`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from indexer.models import Chunk, DocumentMeta, ParsedDocument


class StoreError(Exception):
    """Base class of store errors."""


class StoreUnavailableError(StoreError):
    """The backing service cannot be reached (the API answers 503)."""


@dataclass
class IndexRecord:
    """A chunk as written to a store: content, document fields, analysed tokens, vector.

    ``tokens``/``folded``/``title``/``doc``/``pairs`` are space-joined analysed tokens: of
    the structural heading (chapter, article title) + text, the same folded, of the
    structural heading alone, of the document's title and number, and the adjacent word
    pairs of heading + text; ``doc_keys`` are the normalised
    document-number keys of the chunk's document. ``vector`` is None for a lexical-only
    index (such a chunk never comes back from dense search).
    """

    chunk: Chunk
    document: DocumentMeta
    content_hash: str
    tokens: str
    folded: str
    title: str
    doc: str
    pairs: str
    doc_keys: list[str]
    vector: np.ndarray | None


#: The Filters attributes that restrict a stored field to whole values, and that field.
KEYWORD_FILTER_FIELDS = (
    ("collections", "collection"),
    ("types", "type"),
    ("issuers", "issuer"),
    ("statuses", "status"),
    ("doc_ids", "doc_id"),
    ("doc_keys", "doc_keys"),
    ("articles", "article"),
)


@dataclass(frozen=True)
class Filters:
    """Restrictions on which chunks a query may return; None or empty means no restriction."""

    collections: Sequence[str] = ()
    types: Sequence[str] = ()
    issuers: Sequence[str] = ()
    statuses: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None
    doc_ids: Sequence[str] = ()
    doc_keys: Sequence[str] = ()
    articles: Sequence[str] = ()

    def document_level(self) -> Filters:
        """The same filters without the chunk-level ones (articles), for listing documents."""
        return replace(self, articles=())

    def is_empty(self) -> bool:
        return not any(
            (
                self.collections,
                self.types,
                self.issuers,
                self.statuses,
                self.year_from is not None,
                self.year_to is not None,
                self.doc_ids,
                self.doc_keys,
                self.articles,
            )
        )


@dataclass(frozen=True)
class LexicalWeights:
    """Per-field weights of the lexical score (tuned on the training questions)."""

    text: float = 1.0
    title: float = 0.5
    doc: float = 0.2
    folded: float = 0.3
    pairs: float = 0.5


@dataclass(frozen=True)
class LexicalQuery:
    """Analysed query tokens, OR-ed: accented ones match text, title and doc, folded ones
    the folded field. Either list may be empty."""

    tokens: Sequence[str] = ()
    folded: Sequence[str] = ()
    pairs: Sequence[str] = ()
    weights: LexicalWeights = field(default_factory=LexicalWeights)

    def is_empty(self) -> bool:
        return not self.tokens and not self.folded and not self.pairs

    def field_terms(self) -> list[tuple[str, float, list[str]]]:
        """(field, weight, distinct terms) of every field this query searches."""
        w = self.weights
        fields = (
            ("text", w.text, self.tokens),
            ("title", w.title, self.tokens),
            ("doc", w.doc, self.tokens),
            ("folded", w.folded, self.folded),
            ("pairs", w.pairs, self.pairs),
        )
        return [
            (field, weight, list(dict.fromkeys(terms)))
            for field, weight, terms in fields
            if weight > 0 and terms
        ]


@dataclass(frozen=True)
class Hit:
    """One chunk returned by a store with its score (higher is better)."""

    chunk: Chunk
    document: DocumentMeta
    score: float


class Store(Protocol):
    """What the indexing pipeline and the search service need from a store."""

    def write(self, records: Sequence[IndexRecord]) -> int:
        """Insert or replace chunks by id; returns how many were written."""
        ...

    def delete_chunks(self, chunk_ids: Sequence[str]) -> int:
        """Delete chunks by id; returns how many existed."""
        ...

    def put_documents(self, documents: Sequence[ParsedDocument]) -> None:
        """Insert or replace parsed documents (metadata + structure) by id."""
        ...

    def delete_documents(self, doc_ids: Sequence[str]) -> int:
        """Delete documents and all their chunks; returns how many documents existed."""
        ...

    def get_document(self, doc_id: str) -> ParsedDocument | None: ...

    def list_documents(self, filters: Filters | None = None) -> list[DocumentMeta]:
        """Metadata of the stored documents that pass ``filters`` (doc-level fields only)."""
        ...

    def chunk_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """chunk id → content hash for every stored chunk of the given documents."""
        ...

    def count(self, filters: Filters | None = None) -> int:
        """Number of chunks that pass ``filters``."""
        ...

    def lexical(self, query: LexicalQuery, filters: Filters | None, k: int) -> list[Hit]:
        """BM25 over the analysed fields; the best ``k`` chunks."""
        ...

    def dense(self, vector: np.ndarray, filters: Filters | None, k: int) -> list[Hit]:
        """Nearest chunks by cosine similarity to a unit ``vector``."""
        ...

    def browse(self, filters: Filters, k: int) -> list[Hit]:
        """Chunks passing ``filters`` in document order (score 0), at most ``k``."""
        ...

    def missing_vectors(self, k: int) -> list[Hit]:
        """At most ``k`` chunks that have no vector yet (a lexical-only ingest), score 0."""
        ...

    def count_missing_vectors(self) -> int:
        """Number of chunks that have no vector yet."""
        ...

    def put_vectors(self, items: Sequence[tuple[Hit, np.ndarray]]) -> int:
        """Give stored chunks (as :meth:`missing_vectors` returned them) their vectors;
        returns how many chunks were updated (a chunk deleted meanwhile is skipped)."""
        ...

    def scan(self, filters: Filters | None = None) -> Iterator[Hit]:
        """Every chunk passing ``filters``, in document order, streamed."""
        ...

    def put_artifact(self, name: str, data: bytes) -> None:
        """Store a named blob built at ingest time (accent model, glossary)."""
        ...

    def get_artifact(self, name: str) -> bytes | None: ...

    def ping(self) -> bool:
        """True when the store can answer queries."""
        ...

    def close(self) -> None: ...
