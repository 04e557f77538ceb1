"""The OpenSearch store against the store contract, on a real node (index per test)."""

from __future__ import annotations

import pytest
from store_contract import StoreContract

from indexer.store.opensearch.indices import chunks_index_body
from indexer.store.opensearch.store import OpenSearchStore

pytestmark = pytest.mark.opensearch


class TestOpenSearchStore(StoreContract):
    @pytest.fixture
    def store(self, opensearch_store: OpenSearchStore) -> OpenSearchStore:
        return opensearch_store


def test_the_chunk_mapping_names_the_lucene_engine() -> None:
    vector = chunks_index_body(384)["mappings"]["properties"]["vector"]
    assert vector["method"]["engine"] == "lucene"
