"""Re-indexing a collection on a real node: the alias swap is atomic, and a re-index killed
just before its swap leaves the old index serving and nothing for the next one to trip on."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from tcp_proxy import TcpProxy

from indexer.store.base import IndexRecord, LexicalQuery
from indexer.store.opensearch.indices import IndexNames
from indexer.store.opensearch.store import OpenSearchStore

pytestmark = pytest.mark.opensearch


def _stamped(store: OpenSearchStore) -> set[str]:
    pattern = f"{store.names.chunks_alias('default')}-*"
    return set(store.client.indices.get(index=pattern))


def _serving(store: OpenSearchStore) -> set[str]:
    return set(store.client.indices.get_alias(name=store.names.chunks_read))


def test_reindex_swaps_aliases_atomically_and_keeps_the_chunks(
    opensearch_store: OpenSearchStore, records: list[IndexRecord]
) -> None:
    opensearch_store.write(records)
    old = _serving(opensearch_store)
    new = opensearch_store.reindex("default")
    assert _serving(opensearch_store) == {new} and new not in old
    assert _stamped(opensearch_store) == {new}, "the old index is deleted"
    assert opensearch_store.count() == len(records)
    assert opensearch_store.dense(records[0].vector, None, 1)[0].chunk.id == records[0].chunk.id


def test_a_reindex_killed_before_its_swap_leaves_the_old_index_serving(
    opensearch_url: str, opensearch_store: OpenSearchStore, records: list[IndexRecord]
) -> None:
    opensearch_store.write(records)
    serving = _serving(opensearch_store)
    query = LexicalQuery(tokens=records[0].title.split())
    answer = [hit.chunk.id for hit in opensearch_store.lexical(query, None, 10)]
    node = TcpProxy(urlsplit(opensearch_url).port or 9200, cut_before=b"POST /_aliases")
    node.start()
    doomed = OpenSearchStore(node.url, prefix=opensearch_store.names.prefix)
    try:
        with pytest.raises(OpenSearchConnectionError):
            doomed.reindex("default")
    finally:
        node.stop()
        doomed.close()

    assert _serving(opensearch_store) == serving
    assert len(_stamped(opensearch_store) - serving) == 1, "the copy was built, never swapped in"
    assert opensearch_store.count() == len(records)
    assert [hit.chunk.id for hit in opensearch_store.lexical(query, None, 10)] == answer

    new = opensearch_store.reindex("default")
    orphan_and_old_deleted = "the next reindex deleted the orphan and the old index"
    assert _stamped(opensearch_store) == {new}, orphan_and_old_deleted
    assert opensearch_store.count() == len(records)
    assert [hit.chunk.id for hit in opensearch_store.lexical(query, None, 10)] == answer


def test_a_collection_never_claims_another_collections_indices() -> None:
    names = IndexNames("kb")
    assert names.is_chunks_concrete("default", names.chunks_concrete("default"))
    assert not names.is_chunks_concrete("default", names.chunks_concrete("default-2"))
    assert not names.is_chunks_concrete("default", names.chunks_alias("default"))
