"""OpenSearch stopping in the middle of an ingest: the store retries with backoff; a node back
in time lets the ingest finish, one that stays down gives a clear failure, and the rerun
converges to the index a clean ingest builds (same chunk ids and content hashes).

The node is taken "down" by a loopback forwarder in front of the real test node.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from raw_data import raw
from tcp_proxy import TcpProxy

from indexer.store.base import StoreUnavailableError
from indexer.store.opensearch.store import OpenSearchStore
from ingest.pipeline import Ingestor, IngestSummary

pytestmark = pytest.mark.opensearch

DELAYS = (0.5, 1.0, 2.0, 4.0)


def _laws() -> list[Path]:
    folder = raw("docs_original_formats/docx")
    return [folder / "LUATCHUYENGIAOCONGNGHE.docx", folder / "LUATKHOAHOCCONGNGHE.docx"]


def _snapshot(store: OpenSearchStore) -> tuple[list[str], dict[str, str]]:
    ids = [meta.id for meta in store.list_documents()]
    return ids, store.chunk_hashes(ids)


@pytest.fixture(scope="module")
def clean_index(opensearch_url: str) -> Iterator[tuple[list[str], dict[str, str]]]:
    """What an uninterrupted lexical-only ingest of the two laws stores."""
    store = OpenSearchStore(opensearch_url, prefix=f"test-ref-{uuid.uuid4().hex[:8]}")
    Ingestor(store, None, batch_size=16).ingest(_laws())
    yield _snapshot(store)
    store.drop()
    store.close()


@pytest.fixture
def store(proxy: TcpProxy, opensearch_url: str) -> Iterator[OpenSearchStore]:
    prefix = f"test-outage-{uuid.uuid4().hex[:8]}"
    store = OpenSearchStore(proxy.url, prefix=prefix, retry_delays=DELAYS)
    yield store
    store.close()
    OpenSearchStore(opensearch_url, prefix=prefix).drop()


def _stop_after_first_batch(
    proxy: TcpProxy, back_after: float | None
) -> Callable[[IngestSummary], None]:
    def on_progress(summary: IngestSummary) -> None:
        if summary.documents and proxy.is_listening:
            proxy.stop()
            if back_after is not None:
                threading.Timer(back_after, proxy.start).start()

    return on_progress


def test_a_node_back_within_the_retries_lets_the_ingest_finish(
    proxy: TcpProxy, store: OpenSearchStore, clean_index: tuple[list[str], dict[str, str]]
) -> None:
    on_progress = _stop_after_first_batch(proxy, back_after=1.5)
    summary = Ingestor(store, None, batch_size=16).ingest(_laws(), on_progress=on_progress)
    assert summary.failed == []
    assert _snapshot(store) == clean_index


def test_a_node_that_stays_down_fails_clearly_and_the_rerun_converges(
    proxy: TcpProxy, store: OpenSearchStore, clean_index: tuple[list[str], dict[str, str]]
) -> None:
    on_progress = _stop_after_first_batch(proxy, back_after=None)
    with pytest.raises(StoreUnavailableError, match=r"after 5 attempts over 8 s"):
        Ingestor(store, None, batch_size=16).ingest(_laws(), on_progress=on_progress)

    proxy.start()
    Ingestor(store, None, batch_size=16).ingest(_laws())
    assert _snapshot(store) == clean_index
