"""The OpenSearch store against the store contract, on a real node (index per test)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from store_contract import StoreContract

from indexer.store.base import IndexRecord
from indexer.store.opensearch.indices import chunks_index_body
from indexer.store.opensearch.store import OpenSearchStore

pytestmark = pytest.mark.opensearch


class TestOpenSearchStore(StoreContract):
    @pytest.fixture
    def store(self, opensearch_url: str) -> Iterator[OpenSearchStore]:
        store = OpenSearchStore(opensearch_url, prefix=f"test-{uuid.uuid4().hex[:12]}")
        yield store
        store.drop()
        store.close()


def test_the_chunk_mapping_names_the_lucene_engine() -> None:
    vector = chunks_index_body(384)["mappings"]["properties"]["vector"]
    assert vector["method"]["engine"] == "lucene"


def test_reindex_swaps_aliases_atomically_and_keeps_the_chunks(
    opensearch_url: str, records: list[IndexRecord]
) -> None:
    store = OpenSearchStore(opensearch_url, prefix=f"test-{uuid.uuid4().hex[:12]}")
    try:
        store.write(records)
        old = set(store.client.indices.get_alias(name=store.names.chunks_alias("default")))
        new = store.reindex("default")
        aliases = store.client.indices.get_alias(name=store.names.chunks_read)
        assert set(aliases) == {new} and new not in old
        assert store.count() == len(records)
        assert store.dense(records[0].vector, None, 1)[0].chunk.id == records[0].chunk.id
    finally:
        store.drop()
        store.close()
