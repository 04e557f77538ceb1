"""Search on the real field corpus, on both stores: the acceptance queries of the product."""

from __future__ import annotations

import pytest

from search_api.schemas import SearchRequest, SearchResponse
from search_api.service import SearchService


def search(service: SearchService, q: str, **kwargs: object) -> SearchResponse:
    return service.search(SearchRequest(q=q, **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["thủ tục công bố hợp quy", "thu tuc cong bo hop quy"])
def test_cong_bo_hop_quy_with_or_without_diacritics(
    field_service: SearchService, query: str
) -> None:
    response = search(field_service, query, k=3)
    headings = [h.heading.rsplit(" › ", 1)[-1].lower() for h in response.hits]
    assert sum("hợp quy" in heading for heading in headings) >= 2, headings


@pytest.mark.parametrize(
    "query", ["68/2006/QH11 điều 23", "điều 23 luật 68/2006", "dieu 23 luat 68/2006/qh11"]
)
def test_a_named_article_comes_first(field_service: SearchService, query: str) -> None:
    first = search(field_service, query).hits[0]
    assert first.citation.article == "23"
    assert first.citation.document_number == "68/2006/QH11"
    assert first.citation.label.startswith("Điều 23")


@pytest.mark.parametrize(
    ("query", "number", "article"),
    [
        ("luật đo lường điều 16", "04/2011/QH13", "16"),
        ("dieu 16 luat do luong", "04/2011/QH13", "16"),
        ("Điều 48 Luật Tiêu chuẩn và quy chuẩn kỹ thuật", "68/2006/QH11", "48"),
    ],
)
def test_an_article_of_a_law_named_by_its_title_comes_first(
    field_service: SearchService, query: str, number: str, article: str
) -> None:
    first = search(field_service, query).hits[0]
    assert (first.citation.document_number, first.citation.article) == (number, article)


def test_a_document_number_alone_lists_that_document_and_is_not_rewritten(
    field_service: SearchService,
) -> None:
    response = search(field_service, "04/2011/QH13", k=5)
    assert response.restored_query is None
    assert {h.document.number for h in response.hits} == {"04/2011/QH13"}
    assert response.hits[0].citation.article == "1"


def test_a_query_with_diacritics_is_never_rewritten(field_service: SearchService) -> None:
    assert search(field_service, "thủ tục công bố hợp quy").restored_query is None
    restored = search(field_service, "thu tuc cong bo hop quy").restored_query
    assert restored == "thủ tục công bố hợp quy"


@pytest.mark.parametrize(
    ("query", "term", "label"),
    [
        ("hợp chuẩn là gì", "hợp chuẩn", "khoản 8 Điều 3 Luật 68/2006/QH11"),
        ("hop chuan la gi", "hợp chuẩn", "khoản 8 Điều 3 Luật 68/2006/QH11"),
        ("định nghĩa đo lường", "đo lường", "khoản 1 Điều 3 Luật 04/2011/QH13"),
        ("thế nào là quy chuẩn kỹ thuật", "quy chuẩn kỹ thuật", "khoản 2 Điều 3 Luật 68/2006/QH11"),
    ],
)
def test_definition_questions_answer_with_the_defining_clause(
    field_service: SearchService, query: str, term: str, label: str
) -> None:
    response = search(field_service, query)
    assert response.definitions, query
    assert any(d.citation.label == label for d in response.definitions)
    assert all(term in d.term.lower() for d in response.definitions)
    defining = next(d for d in response.definitions if d.citation.label == label)
    first = response.hits[0]
    assert first.document.number == defining.citation.document_number
    assert first.citation.article == defining.citation.article


def test_snippets_are_escaped_and_mark_the_matched_words(field_service: SearchService) -> None:
    response = search(field_service, "<script>alert(1)</script> hợp quy", k=3)
    for hit in response.hits:
        assert "<script>" not in hit.snippet
        assert hit.snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert any("<mark>" in h.snippet for h in response.hits)


def test_filters_restrict_hits_and_facets_count_them(field_service: SearchService) -> None:
    everything = search(field_service, "kiểm định phương tiện đo", k=20)
    types = {f.value: f.count for f in everything.facets["type"]}
    assert types.get("Luật") and types.get("Thông tư")
    only_laws = search(field_service, "kiểm định phương tiện đo", k=20, type=["Luật"])
    assert only_laws.hits and all(h.document.type == "Luật" for h in only_laws.hits)
    recent = search(field_service, "kiểm định phương tiện đo", k=20, year_from=2015)
    assert recent.hits and all((h.document.issued_date or "0") >= "2015" for h in recent.hits)
