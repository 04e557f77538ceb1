"""Ingest: parse → chunk → analyse → embed → store, incremental by content hash.

Unchanged chunks are skipped before they are analysed or embedded; chunks that disappeared
from a document are deleted, and so are documents that disappeared from the ingested paths
(a file that failed to parse keeps its documents: a bad file loses nothing). Files that are
records rather than texts (the standards catalogue, the vbpl.vn list) are claimed by the
readers of :mod:`ingest.readers` and read by them instead of the parsers. A document whose
id is already stored from another file is an update or a reported duplicate, by the rule of
:mod:`ingest.identity`. Derived artefacts (accent model, glossary, catalogue, …) are then
refreshed by :mod:`ingest.derived`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from corpora.manifest import origin_of
from indexer.analysis import Analyzer
from indexer.chunk import chunk_document
from indexer.embed.cache import CachedEmbedder
from indexer.models import Chunk, DocumentMeta, ParsedDocument, ParseFailure
from indexer.parse import parse_paths
from indexer.parse.batch import OriginLookup
from indexer.records import LEXICAL_ONLY, content_hash, index_records
from indexer.store.base import Filters, Store
from ingest.catalogue_reader import DEFAULT_READERS
from ingest.derived import DEFAULT_DERIVED, DerivedArtifact, refresh_derived
from ingest.identity import StoredOwners
from ingest.readers import Claims, Reader, SourceArtifact


@dataclass
class IngestSummary:
    """What one ingest run did."""

    documents: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    deleted_documents: int = 0
    embedded: int = 0
    failed: list[ParseFailure] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.deleted_documents)


ProgressCallback = Callable[[IngestSummary], None]


class Ingestor:
    """Runs the indexing path into one store."""

    def __init__(
        self,
        store: Store,
        embedder: CachedEmbedder | None,
        analyzer: Analyzer | None = None,
        *,
        batch_size: int = 64,
        derived: Sequence[DerivedArtifact] = DEFAULT_DERIVED,
        origin: OriginLookup | None = origin_of,
        readers: Sequence[Reader] = DEFAULT_READERS,
        model_id: str | None = None,
    ) -> None:
        """Without an ``embedder`` chunks are stored without vectors; their content hash
        names ``model_id`` (the model a later ``kb embed`` will use), or the lexical-only
        "model" when none is given."""
        self.store = store
        self.derived = derived
        self.readers = readers
        self.origin = origin
        self.embedder = embedder
        self.model_id = embedder.model_id if embedder is not None else model_id or LEXICAL_ONLY
        self.analyzer = analyzer or Analyzer()
        self.batch_size = batch_size

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        collection: str = "default",
        on_progress: ProgressCallback | None = None,
    ) -> IngestSummary:
        """Ingest files, directories or archives into ``collection``; ``on_progress`` is
        called after each batch of chunks, after each failure and at the end."""
        started = time.perf_counter()
        summary = IngestSummary()
        misses_before = self._misses()
        seen: set[str] = set()
        pending: list[tuple[ParsedDocument, list[Chunk]]] = []
        owners = StoredOwners(self.store, paths)
        claims = Claims(self.readers)
        parsed = parse_paths(paths, collection=collection, origin=self.origin, skip=claims)
        for read in chain(parsed, claims.read(self.origin)):  # readers go once the walk is done
            if isinstance(read, SourceArtifact):
                self.store.put_artifact(read.name, read.data)
                summary.sources.append(read.name)
                continue
            item = read if isinstance(read, ParseFailure) else owners.claim(read)
            if isinstance(item, ParseFailure):
                summary.failed.append(item)
                if on_progress:
                    on_progress(summary)
                continue
            seen.add(item.meta.id)
            pending.append((item, chunk_document(item)))
            if sum(len(chunks) for _, chunks in pending) >= self.batch_size:
                self._index_batch(pending, summary)
                pending = []
                if on_progress:
                    on_progress(summary)
        self._index_batch(pending, summary)
        collections = [collection, *(r.collection for r in self.readers)]
        self._delete_vanished(paths, collections, seen, summary)
        summary.embedded = self._misses() - misses_before
        summary.rebuilt = refresh_derived(self.store, self.derived)
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)
        return summary

    def _misses(self) -> int:
        return self.embedder.stats.misses if self.embedder is not None else 0

    def _index_batch(
        self, batch: list[tuple[ParsedDocument, list[Chunk]]], summary: IngestSummary
    ) -> None:
        if not batch:
            return
        existing = self.store.chunk_hashes([doc.meta.id for doc, _ in batch])
        to_write: list[tuple[Chunk, DocumentMeta, str]] = []
        for doc, chunks in batch:
            summary.documents += 1
            for chunk in chunks:
                digest = content_hash(chunk, doc.meta, self.model_id)
                old = existing.get(chunk.id)
                if old == digest:
                    summary.unchanged += 1
                    continue
                summary.added += old is None
                summary.updated += old is not None
                to_write.append((chunk, doc.meta, digest))
        current = {chunk.id for _, chunks in batch for chunk in chunks}
        vanished = [cid for cid in existing if cid not in current]
        replaced = [chunk.id for chunk, _, _ in to_write if chunk.id in existing]
        self.store.delete_chunks(vanished + replaced)
        summary.deleted += len(vanished)
        self.store.put_documents([doc for doc, _ in batch])
        self.store.write(index_records(to_write, self.analyzer, self.embedder))

    def _delete_vanished(
        self,
        paths: Sequence[str | Path],
        collections: Sequence[str],
        seen: set[str],
        summary: IngestSummary,
    ) -> None:
        roots = [str(Path(p).resolve()) for p in paths]
        failed = {str(Path(f.path.split("#")[0]).resolve()) for f in summary.failed}
        vanished = [
            meta.id
            for meta in self.store.list_documents(Filters(collections=list(set(collections))))
            if meta.id not in seen and _came_from(meta, roots) and not _came_from(meta, failed)
        ]
        summary.deleted_documents = self.store.delete_documents(vanished)


def _came_from(meta: DocumentMeta, roots: Iterable[str]) -> bool:
    if meta.provenance is None:
        return False
    file, hash_sign, member = meta.provenance.path.partition("#")
    path = str(Path(file).resolve()) + hash_sign + member  # given relative or absolute
    return any(path == root or path.startswith((root + "/", root + "#")) for root in roots)
