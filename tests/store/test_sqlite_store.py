"""The embedded store (SQLite FTS5 + numpy) against the store contract."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_contract import StoreContract

from indexer.store.base import Filters, IndexRecord
from indexer.store.sqlite import SqliteStore


class TestSqliteStore(StoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[SqliteStore]:
        store = SqliteStore(tmp_path / "store")
        yield store
        store.close()


def test_a_second_connection_sees_writes_for_dense_search(
    tmp_path: Path, records: list[IndexRecord]
) -> None:
    """The vector matrix is reloaded when another process (here: connection) writes."""
    reader = SqliteStore(tmp_path / "store")
    assert reader.dense(records[0].vector, None, 1) == []
    writer = SqliteStore(tmp_path / "store")
    writer.write(records[:3])
    assert reader.dense(records[0].vector, None, 1)[0].chunk.id == records[0].chunk.id
    assert reader.count(Filters(doc_ids=[records[0].chunk.doc_id])) == 3
