"""The Store contract: one mixin per capability, run against every store implementation.

Not collected on its own (the name does not start with test_); `test_sqlite_store.py` and
`test_opensearch_store.py` subclass :class:`StoreContract` and provide the ``store`` fixture.
The records are real: the first articles of the Pháp điển 19.8 page (Luật 68/2006/QH11 …),
analysed by the real analyzer and embedded by the real embedder.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from indexer.analysis import fold
from indexer.models import ParsedDocument
from indexer.store.base import Filters, IndexRecord, LexicalQuery, Store


def _unique_title(records: list[IndexRecord]) -> IndexRecord:
    """A record whose article heading no other record shares (an article in one chunk)."""
    titles = [r.title for r in records]
    return next(r for r in records[1:] if titles.count(r.title) == 1)


class WriteContract:
    def test_write_returns_the_count_and_count_agrees(
        self, store: Store, records: list[IndexRecord]
    ) -> None:
        assert store.write(records) == len(records)
        assert store.count() == len(records)

    def test_rewriting_the_same_ids_replaces_instead_of_duplicating(
        self, store: Store, records: list[IndexRecord]
    ) -> None:
        store.write(records)
        changed = replace(records[0], content_hash="changed")
        store.write([changed])
        assert store.count() == len(records)
        assert store.chunk_hashes([records[0].chunk.doc_id])[records[0].chunk.id] == "changed"

    def test_chunk_hashes_cover_exactly_the_documents_asked(
        self, store: Store, records: list[IndexRecord]
    ) -> None:
        store.write(records)
        doc_id = records[0].chunk.doc_id
        hashes = store.chunk_hashes([doc_id])
        expected = {r.chunk.id: r.content_hash for r in records if r.chunk.doc_id == doc_id}
        assert hashes == expected
        assert store.chunk_hashes(["no-such-document"]) == {}


class DeleteContract:
    def test_delete_chunks(self, store: Store, records: list[IndexRecord]) -> None:
        store.write(records)
        assert store.delete_chunks([records[0].chunk.id, "no/such/chunk"]) == 1
        assert store.count() == len(records) - 1
        assert records[0].chunk.id not in store.chunk_hashes([records[0].chunk.doc_id])

    def test_delete_documents_removes_their_chunks(
        self, store: Store, records: list[IndexRecord], documents: list[ParsedDocument]
    ) -> None:
        store.put_documents(documents)
        store.write(records)
        doc_id = records[0].chunk.doc_id
        own = sum(r.chunk.doc_id == doc_id for r in records)
        assert store.delete_documents([doc_id]) == 1
        assert store.count() == len(records) - own
        assert store.get_document(doc_id) is None
        assert store.delete_documents([]) == 0


class FilterContract:
    def test_filters_on_document_fields(self, store: Store, records: list[IndexRecord]) -> None:
        store.write(records)
        laws = sum(r.document.type == "Luật" for r in records)
        assert 0 < laws < len(records)
        assert store.count(Filters(types=["Luật"])) == laws
        assert store.count(Filters(collections=["default"])) == len(records)
        assert store.count(Filters(collections=["elsewhere"])) == 0
        year = records[0].document.year
        assert year is not None
        same_year = sum(r.document.year == year for r in records)
        assert store.count(Filters(year_from=year, year_to=year)) == same_year

    def test_document_keys_and_articles_find_one_article(
        self, store: Store, records: list[IndexRecord]
    ) -> None:
        store.write(records)
        target = records[0]
        article = target.chunk.citation.article
        expected = [
            r.chunk.id
            for r in records
            if r.chunk.doc_id == target.chunk.doc_id and r.chunk.citation.article == article
        ]
        hits = store.browse(Filters(doc_keys=[target.doc_keys[-1]], articles=[article]), 10)
        assert [h.chunk.id for h in hits] == expected

    def test_browse_and_scan_follow_document_order(
        self, store: Store, records: list[IndexRecord]
    ) -> None:
        store.write(records)
        doc_id = records[0].chunk.doc_id
        browsed = store.browse(Filters(doc_ids=[doc_id]), 1000)
        ordinals = [h.chunk.ordinal for h in browsed]
        assert ordinals == sorted(ordinals) and len(ordinals) > 1
        assert len(list(store.scan())) == len(records)


class LexicalContract:
    def test_title_words_find_their_article_first(
        self, store: Store, records: list[IndexRecord]
    ) -> None:
        store.write(records)
        target = _unique_title(records)
        tokens = target.title.split()
        hits = store.lexical(LexicalQuery(tokens=tokens), None, 5)
        assert hits[0].chunk.id == target.chunk.id
        assert hits[0].score > 0

    def test_folded_tokens_match_without_diacritics(
        self, store: Store, records: list[IndexRecord]
    ) -> None:
        store.write(records)
        target = _unique_title(records)
        folded_title = [t for t in target.folded.split() if t in _folded_words(target.title)]
        hits = store.lexical(LexicalQuery(folded=folded_title), None, 5)
        assert target.chunk.id in [h.chunk.id for h in hits]

    def test_empty_query_and_filters(self, store: Store, records: list[IndexRecord]) -> None:
        store.write(records)
        assert store.lexical(LexicalQuery(), None, 5) == []
        tokens = records[2].title.split()
        assert store.lexical(LexicalQuery(tokens=tokens), Filters(collections=["none"]), 5) == []

    def test_filters_keep_the_scores_and_order_of_the_chunks_they_pass(
        self, store: Store, records: list[IndexRecord]
    ) -> None:
        store.write(records)
        query = LexicalQuery(tokens=[t for r in records for t in r.title.split()])
        everything = store.lexical(query, None, 100)
        target = records[2]
        article = target.chunk.citation.article
        cases = [
            (Filters(types=[target.document.type or ""]), lambda r: r.document.type),
            (
                Filters(year_from=target.document.year, year_to=target.document.year),
                lambda r: r.document.year,
            ),
            (
                Filters(doc_keys=[target.doc_keys[-1]], articles=[article or ""]),
                lambda r: (r.chunk.doc_id, r.chunk.citation.article),
            ),
        ]
        by_id = {r.chunk.id: r for r in records}
        for filters, key in cases:
            hits = store.lexical(query, filters, 100)
            expected = [
                (h.chunk.id, pytest.approx(h.score, rel=1e-6))
                for h in everything
                if key(by_id[h.chunk.id]) == key(target)
            ]
            assert 0 < len(expected) < len(everything)
            assert [(h.chunk.id, h.score) for h in hits] == expected


class DenseContract:
    def test_own_vector_is_the_nearest(self, store: Store, records: list[IndexRecord]) -> None:
        store.write(records)
        target = records[5]
        hits = store.dense(target.vector, None, 3)
        assert hits[0].chunk.id == target.chunk.id
        assert hits[0].score == pytest.approx(1.0, abs=1e-3)
        assert hits[0].score >= hits[1].score

    def test_filters_apply_to_dense_search(self, store: Store, records: list[IndexRecord]) -> None:
        store.write(records)
        target = next(r for r in records if r.document.type != "Luật")
        hits = store.dense(target.vector, Filters(types=["Luật"]), 5)
        assert hits and all(h.document.type == "Luật" for h in hits)


class MissingVectorContract:
    def test_vectors_added_later_make_dense_search_find_them(
        self, store: Store, records: list[IndexRecord]
    ) -> None:
        lexical_only = [replace(r, vector=None) for r in records]
        store.write(lexical_only[:6] + records[6:])
        assert store.count_missing_vectors() == 6
        assert store.dense(records[2].vector, None, 1)[0].chunk.id != records[2].chunk.id
        waiting = store.missing_vectors(4)
        assert [h.chunk.id for h in waiting] == [r.chunk.id for r in records[:4]]
        by_id = {r.chunk.id: r.vector for r in records}
        assert store.put_vectors([(h, by_id[h.chunk.id]) for h in waiting]) == 4
        assert store.count_missing_vectors() == 2
        assert [h.chunk.id for h in store.missing_vectors(10)] == [r.chunk.id for r in records[4:6]]
        assert store.dense(records[2].vector, None, 1)[0].chunk.id == records[2].chunk.id
        # the lexical fields and the content hash are untouched
        assert store.chunk_hashes([records[2].chunk.doc_id])[records[2].chunk.id] == (
            records[2].content_hash
        )
        tokens = records[2].title.split()
        assert records[2].chunk.id in [
            h.chunk.id for h in store.lexical(LexicalQuery(tokens), None, 10)
        ]

    def test_a_vector_for_a_deleted_chunk_is_skipped(
        self, store: Store, records: list[IndexRecord]
    ) -> None:
        store.write([replace(r, vector=None) for r in records[:3]])
        waiting = store.missing_vectors(3)
        store.delete_chunks([records[0].chunk.id])
        assert (
            store.put_vectors([(h, r.vector) for h, r in zip(waiting, records, strict=False)]) == 2
        )
        assert store.count_missing_vectors() == 0


class DocumentContract:
    def test_documents_round_trip(self, store: Store, documents: list[ParsedDocument]) -> None:
        store.put_documents(documents)
        stored = store.get_document(documents[0].meta.id)
        assert stored is not None
        assert stored.meta == documents[0].meta
        assert [n.number for n in stored.articles()] == [n.number for n in documents[0].articles()]
        assert {m.id for m in store.list_documents()} == {d.meta.id for d in documents}
        assert store.get_document("no-such-document") is None


class ArtifactContract:
    def test_artifacts_round_trip_bytes(self, store: Store) -> None:
        blob = bytes(range(256)) * 10
        store.put_artifact("accents", blob)
        assert store.get_artifact("accents") == blob
        store.put_artifact("accents", b"v2")
        assert store.get_artifact("accents") == b"v2"
        assert store.get_artifact("missing") is None


class StoreContract(
    WriteContract,
    DeleteContract,
    FilterContract,
    LexicalContract,
    DenseContract,
    MissingVectorContract,
    DocumentContract,
    ArtifactContract,
):
    """Every contract; subclasses provide a fresh, empty ``store`` fixture."""

    @pytest.fixture
    def store(self) -> Store:
        raise NotImplementedError


def _folded_words(title_tokens: str) -> set[str]:
    return {fold(t) for t in title_tokens.split()}
