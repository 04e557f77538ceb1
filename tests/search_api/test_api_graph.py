"""The legal graph through the API, on the field corpus in both stores: relations in both
directions with evidence and dates, validity on a date for documents, articles and clauses,
``as_of`` on search, the status facet and filter, resolved references and who cites whom."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def _group(body: dict[str, Any], name: str) -> list[dict[str, Any]]:
    found = [g for g in body["groups"] if g["name"] == name]
    assert found, [g["name"] for g in body["groups"]]
    relations: list[dict[str, Any]] = found[0]["relations"]
    return relations


def _walk(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(n for child in node["children"] for n in _walk(child))]


def test_luat_68_2006_lists_its_guides_and_the_law_that_amends_it(api: TestClient) -> None:
    response = api.get("/api/v1/documents/68-2006-qh11/relations")
    assert response.status_code == 200
    body = response.json()
    assert body["document"]["label"] == "Luật 68/2006/QH11"
    guides = {r["source"]["key"] for r in _group(body, "huong_dan")}
    assert "127_2007_nd_cp" in guides
    changed = _group(body, "duoc_sua_doi") + _group(body, "bi_thay_the")
    by_35 = [r for r in changed if r["source"]["key"] == "35_2018_qh14"]
    articles = {r["target"]["article"] for r in by_35}
    assert articles == {"14", "15", "16", "29", "31", "59", "60"}
    assert {r["date"] for r in by_35} == {"2019-01-01"}
    assert all(r["evidence"]["text"] for r in by_35)
    cited = _group(body, "duoc_vien_dan")
    assert {r["target"]["key"] for r in cited} == {"68_2006_qh11"}


def test_nd_127_2007_shows_its_amendment_by_nd_78_2018_both_ways(api: TestClient) -> None:
    amended = _group(api.get("/api/v1/documents/127-2007-nd-cp/relations").json(), "duoc_sua_doi")
    by_78 = [r for r in amended if r["source"]["key"] == "78_2018_nd_cp"]
    assert {"2a", "3", "4a", "5", "9", "10"} <= {r["target"]["article"] for r in by_78}
    inserted = [r for r in by_78 if r["effect"] == "insert"]
    assert {r["target"]["article"] for r in inserted} == {"2a", "4a"}
    assert all(r["label"] == "bổ sung (điều, khoản mới)" for r in inserted)
    assert {r["date"] for r in by_78} == {"2018-07-01"}
    assert by_78[0]["target"]["document_id"] == "127-2007-nd-cp"
    key = by_78[0]["source"]["document_id"] or "78_2018_nd_cp"
    amending = _group(api.get(f"/api/v1/documents/{key}/relations").json(), "sua_doi")
    assert "127_2007_nd_cp" in {r["target"]["key"] for r in amending}


def test_the_law_on_quality_lists_the_circulars_that_guide_its_decree(api: TestClient) -> None:
    body = api.get("/api/v1/documents/05-2007-qh12/relations").json()
    assert {"132_2008_nd_cp", "74_2018_nd_cp"} <= {
        r["source"]["key"] for r in _group(body, "huong_dan")
    }
    through = _group(body, "huong_dan_tiep")
    assert {"27_2019_tt_bkhcn", "6_2020_tt_bkhcn", "22_2009_tt_bkhcn"} <= {
        r["source"]["key"] for r in through
    }
    assert {r["target"]["key"] for r in through} == {"132_2008_nd_cp"}


def test_a_document_only_cited_has_relations_and_says_it_is_not_in_the_database(
    api: TestClient,
) -> None:
    body = api.get("/api/v1/documents/39_2016_tt_bgtvt/relations").json()
    assert body["document"]["in_database"] is False and body["document"]["document_id"] is None
    (replaced,) = _group(body, "bi_thay_the")
    assert replaced["source"]["key"] == "41_2018_tt_bgtvt" and replaced["date"] == "2018-09-15"
    missing = api.get("/api/v1/documents/khong-co-van-ban-nay/relations")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"].startswith("Không có văn bản")


def test_document_validity_changes_with_as_of_and_carries_its_evidence(api: TestClient) -> None:
    before = api.get("/api/v1/documents/68-2006-qh11", params={"as_of": "2006-12-31"}).json()
    after = api.get("/api/v1/documents/68-2006-qh11", params={"as_of": "2019-01-01"}).json()
    assert before["document"]["status"] == "chưa có hiệu lực"
    assert before["document"]["validity"]["evidence"][0]["text"].startswith("Luật này có hiệu lực")
    assert after["document"]["status"] == "hết hiệu lực một phần"
    changes = after["document"]["validity"]["changes"]
    assert changes and {c["source"]["key"] for c in changes} == {"35_2018_qh14"}


def test_article_validity_before_and_after_its_amendment(api: TestClient) -> None:
    url = "/api/v1/documents/127-2007-nd-cp/articles/5"
    before = api.get(url, params={"as_of": "2018-06-30"}).json()["article"]["validity"]
    after = api.get(url, params={"as_of": "2018-07-01"}).json()["article"]["validity"]
    assert (before["state"], after["state"]) == ("chua_sua_doi", "da_sua_doi_bo_sung")
    assert any(p["source"]["key"] == "78_2018_nd_cp" for p in before["pending"])
    assert "sửa đổi, bổ sung bởi" in after["description"]
    assert {c["source"]["key"] for c in after["changes"]} == {"78_2018_nd_cp"}


def test_repealed_clauses_are_marked_and_the_numbering_kept(api: TestClient) -> None:
    url = "/api/v1/documents/28-2012-tt-bkhcn/articles/12"
    article = api.get(url, params={"as_of": "2021-06-01"}).json()["article"]
    clauses = [c for c in article["children"] if c["kind"] == "khoan"]
    assert [c["number"] for c in clauses] == ["1", "2", "3", "4", "5"]
    assert [c["repealed"] for c in clauses] == [False, True, True, True, False]
    assert clauses[4]["text"].startswith("Trường hợp sản phẩm, hàng hóa được quản lý")
    for repealed in clauses[1:4]:
        assert repealed["validity"]["state"] == "het_hieu_luc"
        assert repealed["anchor"] == f"dieu-12-khoan-{repealed['number']}"
        (change,) = repealed["validity"]["changes"]
        assert change["source"]["label"] == "khoản 3 Điều 19 Thông tư 06/2020/TT-BKHCN"
    earlier = api.get(url, params={"as_of": "2020-12-31"}).json()["article"]["children"]
    assert earlier[1]["validity"]["state"] == "chua_sua_doi"
    assert earlier[1]["validity"]["pending"]


@pytest.mark.parametrize("bad", ["2019-02-30", "01/07/2018", "hom nay", "1800-01-01"])
def test_a_bad_date_is_a_vietnamese_422(api: TestClient, bad: str) -> None:
    for url in (
        "/api/v1/documents/68-2006-qh11",
        "/api/v1/documents/68-2006-qh11/articles/5",
        "/api/v1/search?q=hợp+quy",
    ):
        response = api.get(url, params={"as_of": bad})
        assert response.status_code == 422, url
        error = response.json()["error"]
        assert error["field"] == "as_of" and error["message"].startswith("as_of: phải")


def test_search_as_of_gives_the_article_status_on_that_date(api: TestClient) -> None:
    def state(as_of: str) -> tuple[str, str]:
        params = {"q": "Điều 5 Nghị định 127/2007/NĐ-CP", "as_of": as_of}
        hit = api.get("/api/v1/search", params=params).json()["hits"][0]
        assert hit["citation"]["article"] == "5"
        return hit["validity"]["state"], hit["document"]["status"]

    assert state("2018-06-30") == ("chua_sua_doi", "còn hiệu lực")
    assert state("2018-07-01")[0] == "da_sua_doi_bo_sung"


def test_the_status_filter_returns_the_hits_the_facet_counts(api: TestClient) -> None:
    params = {"q": "công bố hợp quy", "mode": "lexical", "k": 100}
    for as_of in ("2024-01-01", "2008-01-01"):
        response = api.get("/api/v1/search", params={**params, "as_of": as_of}).json()
        facet = response["facets"]["status"]
        assert facet and sum(f["count"] for f in facet) == response["total"]
        for entry in facet:
            chosen = {**params, "as_of": as_of, "status": entry["value"]}
            filtered = api.get("/api/v1/search", params=chosen).json()
            assert filtered["total"] == entry["count"], (as_of, entry)
            assert {h["document"]["status"] for h in filtered["hits"]} == {entry["value"]}
    values = {
        f["value"] for f in api.get("/api/v1/search", params=params).json()["facets"]["status"]
    }
    assert {"còn hiệu lực", "hết hiệu lực một phần"} <= values


def test_references_in_an_article_resolve_to_anchors_of_stored_articles(api: TestClient) -> None:
    article = api.get("/api/v1/documents/127-2007-nd-cp/articles/6").json()["article"]
    targets = {
        (t["key"], t["article"], t["clause"], t["point"]): t
        for node in _walk(article)
        for ref in node["references"]
        for t in ref["targets"]
    }
    d = targets[("68_2006_qh11", "17", "1", "đ")]
    assert (d["document_id"], d["anchor"], d["in_database"]) == (
        "68-2006-qh11", "dieu-17-khoan-1-diem-dd", True
    )  # fmt: skip
    assert d["label"] == "điểm đ khoản 1 Điều 17 Luật 68/2006/QH11"
    here = targets[("127_2007_nd_cp", "6", "1", "a")]  # "điểm a khoản 1 Điều này"
    assert here["anchor"] == "dieu-6-khoan-1-diem-a"
    law = api.get("/api/v1/documents/68-2006-qh11/articles/17").json()
    anchors = {n["anchor"] for n in _walk(law["article"])}
    assert "dieu-17-khoan-1-diem-dd" in anchors and "dieu-17-khoan-1-diem-d" in anchors


def test_an_article_says_who_cites_it_and_its_note_links_its_source(api: TestClient) -> None:
    body = api.get("/api/v1/documents/68-2006-qh11/articles/17").json()
    cited = body["cited_by"]
    assert cited["count"] == len(cited["citations"]) >= 3
    assert "điểm a khoản 3 Điều 6 Nghị định 127/2007/NĐ-CP" in {
        c["at"]["label"] for c in cited["citations"]
    }
    assert body["article"]["cited_by"] == cited["count"]
    (note,) = body["article"]["note_references"]
    assert note["text"] == "Điều 17 Luật số 68/2006/QH11"
    assert note["targets"][0]["anchor"] == "dieu-17"
