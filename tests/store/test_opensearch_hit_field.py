"""Searches fetch each hit's stored ``hit`` field instead of its ``_source``; an index
written before that field existed is still read (from ``_source``) and written to."""

from __future__ import annotations

from typing import Any

import pytest
from opensearchpy import helpers

from indexer.codec import to_dict
from indexer.store.base import Filters, IndexRecord, LexicalQuery
from indexer.store.opensearch.actions import chunk_action
from indexer.store.opensearch.indices import chunks_index_body
from indexer.store.opensearch.store import OpenSearchStore

pytestmark = pytest.mark.opensearch


def _old_action(index: str, record: IndexRecord) -> dict[str, Any]:
    """A chunk as the store wrote it before the ``hit`` field: payload in ``_source``."""
    action = chunk_action(index, record)
    del action["_source"]["hit"]
    action["_source"]["chunk"] = to_dict(record.chunk)
    action["_source"]["document"] = to_dict(record.document)
    return action


def _old_index(store: OpenSearchStore, records: list[IndexRecord]) -> None:
    """The default collection's index with the old mapping and old chunks."""
    body = chunks_index_body(store.dim)
    del body["mappings"]["properties"]["hit"]
    alias = store.names.chunks_alias("default")
    body["aliases"] = {alias: {}, store.names.chunks_read: {}}
    store.client.indices.create(index=store.names.chunks_concrete("default"), body=body)
    helpers.bulk(store.client, (_old_action(alias, r) for r in records), refresh=True)


def test_hits_come_from_the_stored_field_alone(
    opensearch_store: OpenSearchStore, records: list[IndexRecord]
) -> None:
    opensearch_store.write(records)
    raw = opensearch_store.client.search(
        index=opensearch_store.names.chunks_read, body={"stored_fields": ["hit"], "_source": False}
    )["hits"]["hits"][0]
    assert "_source" not in raw and raw["fields"]["hit"]
    found = opensearch_store.browse(Filters(doc_ids=[records[0].chunk.doc_id]), 100)
    assert {hit.chunk.id for hit in found} >= {records[0].chunk.id}
    assert found[0].chunk == next(r.chunk for r in records if r.chunk.id == found[0].chunk.id)


def test_an_index_written_before_the_field_is_read_and_written(
    opensearch_store: OpenSearchStore, records: list[IndexRecord]
) -> None:
    old, new = records[: len(records) // 2], records[len(records) // 2 :]
    _old_index(opensearch_store, old)
    query = LexicalQuery(tokens=old[0].title.split())
    assert old[0].chunk.id in {hit.chunk.id for hit in opensearch_store.lexical(query, None, 50)}
    opensearch_store.write(new)  # takes the field into the old mapping first
    scanned = {hit.chunk.id: hit for hit in opensearch_store.scan()}
    assert set(scanned) == {r.chunk.id for r in records}
    assert all(scanned[r.chunk.id].chunk == r.chunk for r in records)
    assert all(scanned[r.chunk.id].document == r.document for r in records)
