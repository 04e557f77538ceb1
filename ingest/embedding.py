"""Give vectors to the chunks a lexical-only ingest (``kb ingest --no-embed``) stored without.

Resumable: vectors are written to the store batch by batch and every passage goes through
the embedding cache, so a stopped run starts again where it stopped, and a batch cut short
is not embedded twice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from indexer.embed.cache import CachedEmbedder
from indexer.store.base import Store, StoreError


@dataclass
class EmbedProgress:
    """Where an embedding run stands: ``done`` of the ``missing`` vectors are written."""

    total: int
    missing: int
    done: int = 0
    embedded: int = 0
    seconds: float = 0.0

    @property
    def share_ready(self) -> float:
        """The share of the store's chunks that have a vector (1.0 for an empty store)."""
        if self.total == 0:
            return 1.0
        return min(1.0, (self.total - self.missing + self.done) / self.total)

    @property
    def rate(self) -> float:
        """Vectors written per second so far."""
        return self.done / self.seconds if self.seconds > 0 else 0.0


EmbedCallback = Callable[[EmbedProgress], None]


def embed_missing(
    store: Store,
    embedder: CachedEmbedder,
    *,
    batch_size: int = 64,
    on_progress: EmbedCallback | None = None,
    stop: threading.Event | None = None,
) -> EmbedProgress:
    """Embed every stored chunk without a vector, ``batch_size`` at a time; ``on_progress``
    is called after each batch. Returns early, with what was done, once ``stop`` is set."""
    started = time.perf_counter()
    progress = EmbedProgress(total=store.count(), missing=store.count_missing_vectors())
    misses_before = embedder.stats.misses
    if on_progress:
        on_progress(progress)
    while not (stop is not None and stop.is_set()):
        waiting = store.missing_vectors(batch_size)
        if not waiting:
            break
        vectors = embedder.embed_passages([hit.chunk.embedding_text() for hit in waiting])
        written = store.put_vectors(list(zip(waiting, vectors, strict=True)))
        if written == 0:
            raise StoreError(f"the store took none of {len(waiting)} vectors; stopping")
        progress.done += written
        progress.embedded = embedder.stats.misses - misses_before
        progress.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(progress)
    progress.seconds = time.perf_counter() - started
    return progress
