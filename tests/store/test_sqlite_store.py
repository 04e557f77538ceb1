"""The embedded store (SQLite FTS5 + numpy) against the store contract."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_contract import StoreContract

from indexer.store.base import Filters, IndexRecord, LexicalQuery
from indexer.store.bm25 import FieldStats, field_score
from indexer.store.sqlite import SqliteStore

_ATTRIBUTE = {
    "text": "tokens",
    "title": "title",
    "doc": "doc",
    "folded": "folded",
    "pairs": "pairs",
}


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


def test_a_second_connection_sees_writes_and_deletes_for_lexical_search(
    tmp_path: Path, records: list[IndexRecord]
) -> None:
    """The tantivy index follows writes made through another store object (process)."""
    reader = SqliteStore(tmp_path / "store")
    query = LexicalQuery(tokens=records[1].title.split())
    assert reader.lexical(query, None, 5) == []
    writer = SqliteStore(tmp_path / "store")
    writer.write(records)
    assert records[1].chunk.id in [h.chunk.id for h in reader.lexical(query, None, 5)]
    writer.delete_chunks([records[1].chunk.id])
    assert records[1].chunk.id not in [h.chunk.id for h in reader.lexical(query, None, 50)]


def test_a_lost_or_stale_lexical_index_is_rebuilt_from_the_database(
    tmp_path: Path, records: list[IndexRecord]
) -> None:
    """A crash between the database and the index commits, or a store written before the
    index existed: the index is rebuilt from the fields the database keeps."""
    store = SqliteStore(tmp_path / "store")
    store.write(records)
    query = LexicalQuery(tokens=records[3].title.split(), folded=records[3].folded.split()[:5])
    expected = [(h.chunk.id, h.score) for h in store.lexical(query, None, 10)]
    store.close()
    shutil.rmtree(tmp_path / "store" / "lexical")
    reopened = SqliteStore(tmp_path / "store")
    assert [(h.chunk.id, h.score) for h in reopened.lexical(query, None, 10)] == expected
    (tmp_path / "store" / "lexical" / "synced").write_text("0", "ascii")  # behind the database
    reopened.write(records[:1])  # a writer that finds the index behind rebuilds it as well
    again = SqliteStore(tmp_path / "store")
    assert [h.chunk.id for h in again.lexical(query, None, 10)] == [c for c, _ in expected]


def test_scores_are_lucene_bm25_summed_over_fields(
    tmp_path: Path, records: list[IndexRecord]
) -> None:
    """tantivy's score equals Lucene's legacy BM25 (what OpenSearch computes) per field,
    weighted and summed: the reproduction of :mod:`indexer.store.bm25` agrees to float32."""
    store = SqliteStore(tmp_path / "store")
    store.write(records)
    target = records[4]
    query = LexicalQuery(tokens=target.title.split()[:4], folded=target.folded.split()[:3])
    hits = store.lexical(query, None, 3)
    by_id = {r.chunk.id: r for r in records}
    for hit in hits:
        record = by_id[hit.chunk.id]
        expected = 0.0
        for name, weight, terms in query.field_terms():
            texts = [getattr(r, _ATTRIBUTE[name]) for r in records]
            stats = FieldStats(len(texts), sum(len(t.split()) for t in texts))
            doc_freqs = {t: sum(t in text.split() for text in texts) for t in terms}
            expected += field_score(
                getattr(record, _ATTRIBUTE[name]).split(), terms, doc_freqs, stats, weight
            )
        assert hit.score == pytest.approx(expected, rel=1e-5)
