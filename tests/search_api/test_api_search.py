"""`/api/v1/search` over the field corpus, in each store: contract, filters, pages, errors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from indexer.analysis import fold
from indexer.structure.ids import split_issuers
from search_api.schemas import MAX_PAGE, MAX_QUERY_CHARS, SearchRequest, SearchResponse
from search_api.service import SearchService

QUERY = "thủ tục công bố hợp quy"


def _search(api: TestClient, **params: Any) -> dict[str, Any]:
    response = api.get("/api/v1/search", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _ids(body: dict[str, Any]) -> list[str]:
    return [hit["id"] for hit in body["hits"]]


@pytest.mark.parametrize("mode", ["lexical", "hybrid"])
def test_get_and_post_answer_the_same(api: TestClient, mode: str) -> None:
    params = {"q": QUERY, "mode": mode, "k": 7, "type": ["Luật", "Nghị định", "Thông tư"]}
    got = _search(api, **params)
    posted = api.post("/api/v1/search", json=params)
    assert posted.status_code == 200
    assert got["hits"] and _ids(got) == _ids(posted.json())
    assert got["facets"] == posted.json()["facets"]


def test_search_returns_the_kb_search_json(api: TestClient, field_service: SearchService) -> None:
    body = _search(api, q=QUERY, mode="hybrid", k=5)
    expected = field_service.search(SearchRequest(q=QUERY, mode="hybrid", k=5))
    SearchResponse.model_validate(body)
    body.pop("took_ms")
    assert body == expected.model_dump(mode="json", exclude={"took_ms"})


def test_hits_are_cited_with_marked_snippets(api: TestClient) -> None:
    body = _search(api, q="kiểm định phương tiện đo", mode="lexical", k=5)
    assert body["total"] >= len(body["hits"]) == 5
    for hit in body["hits"]:
        assert hit["citation"]["label"].startswith(("Điều", "khoản", "điểm", "Mục", "Phụ lục"))
        assert hit["document"]["id"] and hit["document"]["title"]
    assert any("<mark>" in hit["snippet"] for hit in body["hits"])
    assert set(body["facets"]) == {"type", "issuer", "year", "status"}


def test_type_filter_restricts_hits_and_keeps_the_sibling_types(api: TestClient) -> None:
    unfiltered = _search(api, q="đo lường", mode="lexical", k=50)
    types = {f["value"]: f["count"] for f in unfiltered["facets"]["type"]}
    assert len(types) >= 2, "the field corpus mixes document types"
    wanted = list(types)[-1]
    body = _search(api, q="đo lường", mode="lexical", k=50, type=wanted)
    assert body["hits"]
    assert {hit["document"]["type"] for hit in body["hits"]} == {wanted}
    assert {f["value"]: f["count"] for f in body["facets"]["type"]} == types  # siblings stay


FACET_QUERIES = ("đo lường", "chất lượng sản phẩm hàng hóa", "thu tuc cong bo hop quy")


@pytest.mark.parametrize("query", FACET_QUERIES)
def test_every_facet_count_is_the_total_its_click_gives(api: TestClient, query: str) -> None:
    """Issue 14: "Luật (17)" clicked gave "116 kết quả"."""
    unfiltered = _search(api, q=query, k=10)
    checked = 0
    for name, values in unfiltered["facets"].items():
        for facet in values:
            if name == "year":
                params = {"year_from": facet["value"], "year_to": facet["value"]}
            else:
                params = {name: facet["value"]}
            clicked = _search(api, q=query, k=10, **params)
            assert clicked["total"] == facet["count"], (name, facet)
            checked += 1
    assert checked >= 6


def test_a_joint_document_counts_under_each_issuer(api: TestClient) -> None:
    body = _search(api, q="chất lượng sản phẩm hàng hóa", k=10)
    issuers = [f["value"] for f in body["facets"]["issuer"]]
    assert all(", Bộ " not in issuer for issuer in issuers), issuers
    joint = next(
        h
        for h in _search(api, q="chất lượng sản phẩm hàng hóa", k=100)["hits"]
        if len(split_issuers(h["document"]["issuer"] or "")) > 1
    )
    for issuer in split_issuers(joint["document"]["issuer"]):
        filtered = _search(api, q="chất lượng sản phẩm hàng hóa", k=100, issuer=issuer)
        assert joint["id"] in {h["id"] for h in filtered["hits"]}


def test_issuer_filter(api: TestClient) -> None:
    unfiltered = _search(api, q="chất lượng sản phẩm", mode="hybrid", k=20)
    issuer = unfiltered["facets"]["issuer"][0]["value"]
    body = _search(api, q="chất lượng sản phẩm", mode="hybrid", k=20, issuer=issuer)
    assert body["hits"]
    assert all(issuer in split_issuers(h["document"]["issuer"]) for h in body["hits"])


def test_year_range_filter(api: TestClient) -> None:
    unfiltered = _search(api, q="đo lường", mode="lexical", k=50)
    years = sorted(int(f["value"]) for f in unfiltered["facets"]["year"])
    low, high = years[0], years[len(years) // 2]
    body = _search(api, q="đo lường", mode="lexical", k=50, year_from=low, year_to=high)
    assert body["hits"]
    for hit in body["hits"]:
        assert low <= int(hit["document"]["issued_date"][:4]) <= high
    years_in = [f["count"] for f in body["facets"]["year"] if low <= int(f["value"]) <= high]
    assert sum(years_in) == body["total"]  # the other years stay listed, for another click


def test_pages_continue_the_ranking(api: TestClient) -> None:
    first_twenty = _ids(_search(api, q="đo lường", mode="lexical", k=20))
    page_two = _ids(_search(api, q="đo lường", mode="lexical", k=10, page=2))
    assert len(first_twenty) == 20
    assert page_two == first_twenty[10:]


def test_restored_query_only_for_a_query_without_diacritics(api: TestClient) -> None:
    plain = _search(api, q="thu tuc cong bo hop quy", mode="lexical")
    assert plain["restored_query"]
    assert fold(plain["restored_query"]).lower() == "thu tuc cong bo hop quy"
    assert plain["restored_query"] != "thu tuc cong bo hop quy"
    assert _search(api, q=QUERY, mode="lexical")["restored_query"] is None


def test_restore_false_searches_exactly_as_typed(api: TestClient) -> None:
    typed = "thu tuc cong bo hop quy"
    restored = _search(api, q=typed, mode="lexical", k=20)
    exact = _search(api, q=typed, mode="lexical", k=20, restore=False)
    assert exact["restored_query"] is None
    assert exact["query"] == typed and exact["hits"]
    assert _ids(exact) != _ids(restored)


def test_definitions_for_a_what_is_question(api: TestClient) -> None:
    body = _search(api, q="hợp chuẩn là gì")
    assert body["definitions"]
    first = body["definitions"][0]
    # The field laws define "Công bố hợp chuẩn" and "Chứng nhận hợp chuẩn", not "hợp chuẩn".
    assert all("hop chuan" in fold(d["term"]).lower() for d in body["definitions"])
    assert first["definition"] and first["citation"]["label"].startswith(("Điều", "khoản"))
    assert body["hits"][0]["citation"]["article"] == first["citation"]["article"]


_BAD = [
    ({"q": QUERY, "k": 0}, "k"),
    ({"q": QUERY, "k": 101}, "k"),
    ({"q": "a" * (MAX_QUERY_CHARS + 1)}, "q"),
    ({"q": ""}, "q"),
    ({}, "q"),
    ({"q": QUERY, "mode": "fuzzy"}, "mode"),
    ({"q": QUERY, "sort": "newest"}, "sort"),
    ({"q": QUERY, "page": MAX_PAGE + 1}, "page"),
    ({"q": QUERY, "page": 0}, "page"),
    ({"q": QUERY, "year_from": 2010, "year_to": 2000}, "year_to"),
    ({"q": QUERY, "year_from": 1800}, "year_from"),
]


@pytest.mark.parametrize(("params", "field"), _BAD)
def test_bad_parameters_are_422_naming_the_field(
    api: TestClient, params: dict[str, Any], field: str
) -> None:
    for response in (
        api.get("/api/v1/search", params=params),
        api.post("/api/v1/search", json=params),
    ):
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["code"] == "invalid_parameter"
        assert error["field"] == field
        assert field in error["message"]


def test_non_numeric_k_and_malformed_json_are_422(api: TestClient) -> None:
    assert (
        api.get("/api/v1/search", params={"q": QUERY, "k": "ten"}).json()["error"]["field"] == "k"
    )
    response = api.post(
        "/api/v1/search", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_parameter"
