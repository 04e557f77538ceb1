"""Embedding in the background of a running server: `kb serve` after `kb ingest --no-embed`
serves keyword search at once and adds the vectors meanwhile; the search service switches
hybrid search on by itself when the last one is written (:meth:`SearchService.usable_mode`).
"""

from __future__ import annotations

import threading

from rich.console import Console

from indexer.embed import embedding_dim, make_embedder
from indexer.settings import Settings
from indexer.store import make_store
from ingest.embedding import EmbedProgress, embed_missing
from ingest.progress import StatusDisplay, embed_line


class BackgroundEmbedding:
    """A daemon thread embedding the stored chunks that have no vector, with a plain log
    line every ``every`` seconds on ``console``; :meth:`stop` ends it after its batch."""

    def __init__(self, settings: Settings, console: Console, *, every: float = 10.0) -> None:
        self.settings = settings
        self.display = StatusDisplay(console, every=every, plain=True)
        self.progress: EmbedProgress | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="embed-missing", daemon=True)

    def start(self) -> BackgroundEmbedding:
        self._thread.start()
        return self

    def _run(self) -> None:
        store = make_store(self.settings, dim=embedding_dim(self.settings))
        try:
            if store.count_missing_vectors() == 0:
                return
            self.display.print("semantic search: embedding the chunks that have no vector yet")
            self.progress = embed_missing(
                store,
                make_embedder(self.settings),
                on_progress=lambda p: self.display.update(embed_line(p)),
                stop=self._stop,
            )
            self.display.close()
            if self.progress.share_ready >= 1.0:
                self.display.print("semantic search: every chunk has its vector; hybrid is on")
        finally:
            store.close()

    def stop(self, timeout: float | None = None) -> None:
        """Ask the thread to stop after the batch it is embedding, and wait for it."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)
