"""Stores: pick one from the settings with :func:`make_store`."""

from __future__ import annotations

from indexer.settings import Settings
from indexer.store.base import Store


def make_store(settings: Settings, *, dim: int, patient: bool = False) -> Store:
    """The store named by ``KB_STORE``: embedded (default) or OpenSearch, whose vector
    mapping has ``dim`` dimensions (:func:`indexer.embed.embedding_dim`). A ``patient`` store
    (for ingest) waits out a cluster that restarts; a search fails fast instead."""
    match settings.store:
        case "embedded":
            from indexer.store.sqlite import SqliteStore

            return SqliteStore(settings.embedded_store_dir)
        case "opensearch":
            from indexer.store.opensearch.retry import RETRY_DELAYS
            from indexer.store.opensearch.store import OpenSearchStore

            return OpenSearchStore(
                settings.opensearch_url,
                prefix=settings.index,
                dim=dim,
                timeout=settings.store_timeout_s,
                write_timeout=settings.store_write_timeout_s,
                retry_delays=RETRY_DELAYS if patient else (),
            )
