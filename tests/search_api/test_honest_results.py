"""Honest answers over the field corpus, in each store: nonsense and hostile queries get no
hit and a "no match" answer, real ones keep their hits, and every answer says what it is."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from indexer.store.base import Filters
from search_api.evidence import DENSE_FLOOR, dense_by_unit
from search_api.fuse import unit_key
from search_api.schemas import SearchRequest
from search_api.service import SearchService

# Never used to calibrate (eval/noise_floor.py has its own list).
NONSENSE = ("zzxxqq", "qqwwee rrtt", "xkzjvb plmoqa", "asdfjkl;")
HOSTILE = (
    "<script>alert(1)</script>",
    "<iframe src=javascript:alert(2)>",
    "1' or '1'='1",
    "../../../../windows/win.ini",
)
REAL = (
    "kiểm định phương tiện đo",
    "thu tuc cong bo hop quy",
    "trách nhiệm của tổ chức đánh giá sự phù hợp",
    "chuẩn quốc gia về đo lường",
)


def _search(api: TestClient, **params: Any) -> dict[str, Any]:
    response = api.get("/api/v1/search", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("query", NONSENSE + HOSTILE)
@pytest.mark.parametrize("mode", ["hybrid", "lexical", "semantic"])
def test_nonsense_and_hostile_queries_find_nothing(api: TestClient, query: str, mode: str) -> None:
    body = _search(api, q=query, mode=mode)
    assert body["hits"] == [] and body["total"] == 0
    assert body["answer"] == "none"
    assert all(counts == [] for counts in body["facets"].values())


@pytest.mark.parametrize("query", REAL)
def test_real_queries_keep_their_hits(api: TestClient, query: str) -> None:
    body = _search(api, q=query)
    assert body["answer"] == "results" and len(body["hits"]) == 10 and body["total"] > 10


def test_a_kept_hit_holds_the_query_words_or_is_close_in_meaning(
    field_service: SearchService,
) -> None:
    plan = field_service.plan("kiểm định phương tiện đo")
    words = field_service.query_words(plan)
    dense = dense_by_unit(field_service.dense_hits(plan, Filters(), 100))
    kept = field_service.retrieve(plan, "hybrid", Filters())
    assert len(kept) > 20
    for hit in kept:
        assert words.covers(hit) or dense.get(unit_key(hit.chunk), 0.0) >= DENSE_FLOOR


def test_a_misspelt_query_suggests_the_known_spelling(api: TestClient) -> None:
    body = _search(api, q="hopp chuaan")
    assert body["answer"] == "none"
    assert "hợp chuẩn" in [s["query"] for s in body["suggestions"]]


def test_a_number_not_in_the_database_says_so(api: TestClient) -> None:
    alone = _search(api, q="Nghị định 999/2099/NĐ-CP")
    assert alone["answer"] == "standard" and alone["hits"] == []
    assert "chưa có trong cơ sở dữ liệu" in alone["standard"]["message"]
    with_article = _search(api, q="Điều 5 Nghị định 999/2099/NĐ-CP")
    assert with_article["answer"] == "none" and with_article["hits"] == []
    assert with_article["missing_numbers"] == ["999/2099/NĐ-CP"]


def test_a_definition_answer_says_so(field_service: SearchService) -> None:
    response = field_service.search(SearchRequest(q="hop chuan la gi"))
    assert response.answer == "definition"
    assert response.definitions and "hợp chuẩn" in response.definitions[0].term.lower()


def test_a_named_article_answer_says_so(field_service: SearchService) -> None:
    response = field_service.search(SearchRequest(q="Điều 23 Luật 68/2006/QH11"))
    assert response.answer == "article"
    assert response.hits[0].citation.article == "23"
    assert response.hits[0].document.number == "68/2006/QH11"


def test_sort_by_date_puts_the_newest_documents_first(field_service: SearchService) -> None:
    by_date = field_service.search(SearchRequest(q="đo lường", k=30, sort="date"))
    dates = [h.document.issued_date or "" for h in by_date.hits]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 1
    by_relevance = field_service.search(SearchRequest(q="đo lường", k=30))
    assert by_date.total == by_relevance.total
