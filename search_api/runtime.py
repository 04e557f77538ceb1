"""The live objects behind one app: the store, the search service and the suggest index.

:meth:`Runtime.search` is the one entry point of a search for the API and the pages alike:
it records the latency metric once for both.

The service is built on first use, not at startup, so the app starts (and ``/readyz``
answers 503) while the store is down; building it again is tried on the next request.
:meth:`Runtime.reload` refreshes what ingest and delete change. Under several workers
(``shared_state_dir`` set) it also touches a generation file there, and every worker that
finds the file newer than what it loaded reloads before its next read, so an upload through
one worker is seen by all.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from indexer.embed import embedding_dim, make_embedder
from indexer.embed.base import Embedder
from indexer.embed.cache import CachedEmbedder, EmbeddingCache
from indexer.settings import Settings
from indexer.store import make_store
from indexer.store.base import Store
from indexer.store.deadline import store_deadline
from search_api.metrics import Metrics
from search_api.schemas import SearchRequest, SearchResponse
from search_api.service import SearchService
from search_api.suggest import SuggestIndex

#: The search a server answers once before it takes requests (:meth:`Runtime.warm_up`).
WARM_UP_QUERY = "thủ tục công bố hợp quy"


class Runtime:
    """Holds the store and builds the service and suggest index lazily, thread-safely."""

    def __init__(
        self,
        settings: Settings,
        service: SearchService | None = None,
        metrics: Metrics | None = None,
        shared_state_dir: Path | None = None,
    ) -> None:
        self.settings = settings
        self.metrics = metrics or Metrics()
        self.owns_store = service is None
        self.store: Store = (
            service.store
            if service is not None
            else make_store(settings, dim=embedding_dim(settings))
        )
        self._service = service
        self._embedder: Embedder | None = None
        self._suggest: SuggestIndex | None = None
        self._lock = threading.Lock()
        #: Held for the whole of an ingest or delete: writes are serialised.
        self.write_lock = threading.Lock()
        self._generation = shared_state_dir / "generation" if shared_state_dir else None
        self._seen_generation = self._generation_stamp()
        self._catching_up = threading.Lock()

    def service(self) -> SearchService:
        """The search service, built on first call (raises while the store is down)."""
        self._catch_up()
        if self._service is None:
            with self._lock:
                # Kept apart so that retries while the store is down reuse the model.
                self._embedder = self._embedder or make_embedder(self.settings)
            # The service reads the store: never under the lock, or every search would queue
            # behind one waiting on a store that does not answer.
            service = SearchService(self.store, self._embedder)
            with self._lock:
                self._service = self._service or service
        return self._service

    def search(self, request: SearchRequest) -> SearchResponse:
        """Answer a search and record its latency by mode; all its store calls (building the
        service included) share one deadline of ``KB_STORE_TIMEOUT_S``."""
        with store_deadline(self.settings.store_timeout_s):
            response = self.service().search(request)
        self.metrics.observe_search(response.mode, response.took_ms / 1000)
        return response

    def warm_up(self, query: str = WARM_UP_QUERY) -> tuple[float, str | None]:
        """Build the service, load the query embedder and answer one hybrid search (not
        counted in the metrics), so the first real request finds everything loaded. Returns
        the seconds spent and, when the store did not answer, why (the first request then
        builds the service, as it would have)."""
        started = time.perf_counter()
        problem = None
        try:
            with store_deadline(self.settings.store_timeout_s):
                service = self.service()
                service.embedder.embed_query(query)
                service.search(SearchRequest(q=query, mode="hybrid"))
        except Exception as error:  # a store down at start-up must not stop the server
            problem = f"{type(error).__name__}: {error}"
        return time.perf_counter() - started, problem

    def ingest_embedder(self) -> CachedEmbedder:
        """The service's embedder behind the persistent cache the ingest pipeline needs."""
        embedder = self.service().embedder
        if isinstance(embedder, CachedEmbedder):
            return embedder
        return CachedEmbedder(embedder, EmbeddingCache(self.settings.embedding_cache_path))

    def suggest_index(self) -> SuggestIndex:
        """The prefix index over the stored documents, built on first call."""
        self._catch_up()
        if self._suggest is None:
            index = SuggestIndex(self.store.list_documents())
            with self._lock:
                self._suggest = index
        return self._suggest

    def reload(self) -> None:
        """Reload the service's models and rebuild the suggest index after a write, and
        tell the other workers to do the same."""
        self._reload_here()
        if self._generation is not None:
            written = self._generation.with_name(f"generation.{os.getpid()}")
            written.write_text(str(time.time_ns()))
            os.replace(written, self._generation)
            self._seen_generation = self._generation_stamp()

    def _reload_here(self) -> None:
        self.service().reload()
        index = SuggestIndex(self.store.list_documents())
        with self._lock:
            self._suggest = index

    def _generation_stamp(self) -> int | None:
        try:
            return self._generation.stat().st_mtime_ns if self._generation else None
        except FileNotFoundError:
            return None

    def _catch_up(self) -> None:
        """Reload once another worker has written since this one last loaded (one thread
        reloads; the others go on with what is loaded)."""
        stamp = self._generation_stamp()
        if stamp == self._seen_generation or not self._catching_up.acquire(blocking=False):
            return
        try:
            if self._service is not None:
                self._reload_here()
            else:  # nothing loaded but perhaps the suggest index: built again when asked
                with self._lock:
                    self._suggest = None
            self._seen_generation = stamp
        finally:
            self._catching_up.release()

    def close(self) -> None:
        """Close the store if this runtime opened it (an injected service keeps its own)."""
        if self.owns_store:
            self.store.close()
