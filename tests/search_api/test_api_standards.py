"""The standards API over the default corpus, on both stores: forgiving number lookup,
the catalogue list, which QCVN applies to a product (the acceptance examples), and
standards in /api/v1/search."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings


@pytest.fixture(scope="session")
def standards_api(
    standards_service: SearchService,
    make_settings: Callable[..., ApiSettings],
    make_client: Callable[[FastAPI], TestClient],
) -> Iterator[TestClient]:
    with make_client(create_app(make_settings(), standards_service)) as client:
        yield client


# (spelling, the record it must reach): every spelling of the issue, and more.
EXACT = [
    ("QCVN 4:2009/BKHCN", "QCVN 4:2009/BKHCN"),
    ("QCVN 04:2009/BKHCN", "QCVN 4:2009/BKHCN"),
    ("qcvn 4-2009 bkhcn", "QCVN 4:2009/BKHCN"),
    ("qcvn 04 2009 bkhcn", "QCVN 4:2009/BKHCN"),
    ("TCVN 6165:2009", "TCVN 6165:2009"),
    ("tcvn 6165-2009", "TCVN 6165:2009"),
    ("TCVN ISO 9001:2015", "TCVN ISO 9001:2015"),
    ("tcvn iso 9001 2015", "TCVN ISO 9001:2015"),
    ("QCVN 1:2022/BKHCN", "QCVN 01:2022/BKHCN"),
    ("Sửa đổi 1:2017 QCVN 1:2015/BKHCN", "Sửa đổi 1:2017 QCVN 1:2015/BKHCN"),
    ("SĐ1:2017 QCVN 1:2015/BKHCN", "Sửa đổi 1:2017 QCVN 1:2015/BKHCN"),
    ("QCVN 2:2021/BKHCN", "QCVN 2:2021/BKHCN"),
    ("QCVN 06:2022/BXD", "QCVN 06:2022/BXD"),  # known from its full text only
]
# (spelling, a record that must be among the candidates of the 404)
PARTIAL = [
    ("QCVN4:2009", "QCVN 4:2009/BKHCN"),
    ("tcvn6165", "TCVN 6165:2009"),
    ("qcvn 2", "QCVN 2:2021/BKHCN"),
]


@pytest.mark.parametrize(("spelling", "number"), EXACT)
def test_a_number_reaches_its_record(standards_api: TestClient, spelling: str, number: str) -> None:
    response = standards_api.get(f"/api/v1/standards/{quote(spelling, safe='')}")
    assert response.status_code == 200, response.text
    assert response.json()["number"] == number


@pytest.mark.parametrize(("spelling", "number"), PARTIAL)
def test_a_partial_number_gives_its_candidates(
    standards_api: TestClient, spelling: str, number: str
) -> None:
    response = standards_api.get(f"/api/v1/standards/{quote(spelling, safe='')}")
    assert response.status_code == 404
    body = response.json()
    assert body["error"]["code"] == "ambiguous_number" and "ứng viên" in body["error"]["message"]
    assert number in [c["number"] for c in body["candidates"]]


def test_an_unknown_number_is_said_to_be_absent_with_who_cites_it(
    standards_api: TestClient,
) -> None:
    missing = standards_api.get("/api/v1/standards/QCVN%2099%3A2030%2FBKHCN").json()
    assert missing["error"]["code"] == "standard_not_found"
    assert "chưa có trong cơ sở dữ liệu" in missing["error"]["message"]
    # a number the catalogue lacks but the corpus cites: the provisions citing it
    cited = standards_api.get("/api/v1/standards/TCVN%206909%3A2001").json()
    assert cited["error"]["code"] == "standard_not_found"
    assert cited["mentions"] and all("6909" in m["snippet"] for m in cited["mentions"])


def test_a_record_carries_status_evidence_chain_amendments_and_citing_texts(
    standards_api: TestClient,
) -> None:
    record = standards_api.get("/api/v1/standards/QCVN%201%3A2015%2FBKHCN").json()
    assert record["status"]["value"] == "hết hiệu lực" and record["status"]["evidence"]
    assert [v["number"] for v in record["chain"]] == [
        "QCVN 1:2007/BKHCN", "QCVN 1:2009/BKHCN", "QCVN 1:2015/BKHCN", "QCVN 01:2022/BKHCN",
    ]  # fmt: skip
    assert [a["number"] for a in record["amendments"]] == ["Sửa đổi 1:2017 QCVN 1:2015/BKHCN"]
    assert record["issuing_document"]["text"] == "Thông tư 22/2015/TT-BKHCN"
    helmets = standards_api.get("/api/v1/standards/QCVN%202%3A2008%2FBKHCN").json()
    link = helmets["chain"][1]["link"]
    assert link["inferred"] and "cùng số hiệu 2" in link["reason"]
    assert helmets["status"]["inferred"] and helmets["status"]["replaced_by"] == [
        "QCVN 2:2021/BKHCN"
    ]
    assert "23-2009-tt-bkhcn" in {m["document_id"] for m in helmets["mentions"]}
    metro = standards_api.get("/api/v1/standards/QCVN%2032%3A2026%2FBXD").json()
    assert metro["full_text_id"] == "qcvn-32-2026-bxd"


def test_the_list_filters_and_counts(standards_api: TestClient) -> None:
    everything = standards_api.get("/api/v1/standards", params={"k": 5}).json()
    assert everything["total"] == 995 and len(everything["items"]) == 5
    kinds = {f["value"]: f["count"] for f in everything["facets"]["kind"]}
    assert kinds == {"QCVN": 439, "TCVN": 536, "TCVN ISO/IEC": 6, "amendment": 14}
    helmets = standards_api.get(
        "/api/v1/standards", params={"q": "mu bao hiem", "agency": "BKHCN", "kind": "QCVN"}
    ).json()
    assert [i["number"] for i in helmets["items"]] == ["QCVN 2:2021/BKHCN", "QCVN 2:2008/BKHCN"]
    in_force = standards_api.get(
        "/api/v1/standards", params={"q": "mũ bảo hiểm", "status": "còn hiệu lực", "ics": "13"}
    ).json()
    assert in_force["items"] and all(i["ics"].startswith("13") for i in in_force["items"])
    page_two = standards_api.get("/api/v1/standards", params={"k": 5, "page": 2}).json()
    assert {i["id"] for i in page_two["items"]}.isdisjoint(i["id"] for i in everything["items"])
    bad = standards_api.get("/api/v1/standards", params={"k": 1000})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "k"


def _applies(api: TestClient, query: str) -> dict[str, Any]:
    response = api.get("/api/v1/applicability", params={"q": query})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("query", ["mũ bảo hiểm xe máy", "mu bao hiem xe may"])
def test_helmets_apply_qcvn_2_2021_and_2_2008_is_marked_replaced(
    standards_api: TestClient, query: str
) -> None:
    answer = _applies(standards_api, query)
    first, second = answer["matches"][:2]
    assert first["standard"]["number"] == "QCVN 2:2021/BKHCN" and first["replaced_by"] is None
    assert first["standard"]["status"]["value"] == "còn hiệu lực"
    assert second["standard"]["number"] == "QCVN 2:2008/BKHCN"
    assert second["replaced_by"] == "QCVN 2:2021/BKHCN"
    assert second["standard"]["status"]["inferred"]
    assert any("suy luận" in r for r in second["reasons"])


@pytest.mark.parametrize("query", ["xăng không chì", "2710.12.21"])
def test_unleaded_petrol_applies_qcvn_01_2022_with_its_nhom2_row(
    standards_api: TestClient, query: str
) -> None:
    answer = _applies(standards_api, query)
    first = answer["matches"][0]
    assert first["standard"]["number"] == "QCVN 01:2022/BKHCN"
    assert first["standard"]["status"]["value"] == "còn hiệu lực"
    row = next(p for p in first["products"] if p["item_no"] == "1.1")
    assert "2710.12.21" in row["hs_codes"]
    assert row["import_measure"].startswith("Kiểm tra nhà nước về chất lượng trước khi thông quan")
    assert row["inspection_agency"] == "Cục Quản lý chất lượng sản phẩm hàng hóa"
    procedures = {p["name"]: p for p in answer["procedures"]}
    inspection = procedures["Kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu"]
    assert "Quyết định 3810/QĐ-BKHCN mục 1.1" in inspection["why"]
    assert inspection["provisions"] and all(
        p["citation"]["label"] for p in inspection["provisions"]
    )
    assert any("nhập khẩu" in p["snippet"] for p in inspection["provisions"])


def test_a_rice_cooker_applies_qcvn_4_2009_and_the_procedures_are_cited(
    standards_api: TestClient,
) -> None:
    answer = _applies(standards_api, "nồi cơm điện")
    assert [m["standard"]["number"] for m in answer["matches"]] == ["QCVN 4:2009/BKHCN"]
    declaration = next(p for p in answer["procedures"] if p["name"] == "Công bố hợp quy")
    assert declaration["provisions"]
    assert all("hợp quy" in p["snippet"].lower() for p in declaration["provisions"])
    basis = answer["matches"][0]["products"][0]["legal_basis"][0]
    assert basis["text"] == "Thông tư 21/2009/TT-BKHCN" and basis["vbpl_url"]
    assert basis["note"] == "có trên vbpl.vn, chưa có trong cơ sở dữ liệu"


def test_nothing_applies_to_what_the_catalogue_does_not_know(standards_api: TestClient) -> None:
    answer = _applies(standards_api, "zzqx wvyk")
    assert answer["matches"] == [] and answer["procedures"] == []
    assert answer["message"].startswith("Không có QCVN nào")
    assert standards_api.get("/api/v1/applicability").status_code == 422


def _search(api: TestClient, query: str, **params: Any) -> dict[str, Any]:
    response = api.get("/api/v1/search", params={"q": query, **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("query", ["QCVN 4:2009/BKHCN", "qcvn 4-2009 bkhcn", "TCVN ISO 9001:2015"])
def test_a_number_query_answers_with_the_record_first(
    standards_api: TestClient, query: str
) -> None:
    found = _search(standards_api, query)
    assert found["standard"]["kind"] == "exact"
    first = found["hits"][0]
    assert (
        first["kind"] == "standard"
        and first["standard"]["number"] == found["standard"]["record"]["number"]
    )
    assert first["standard"]["status"]["evidence"]


def test_a_partial_number_query_gives_the_candidates(standards_api: TestClient) -> None:
    found = _search(standards_api, "tcvn6165")
    assert found["standard"]["kind"] == "candidates"
    assert [h["standard"]["number"] for h in found["hits"]] == ["TCVN 6165:2009"]


def test_an_absent_number_gets_an_honest_answer_and_only_the_texts_citing_it(
    standards_api: TestClient,
) -> None:
    found = _search(standards_api, "QCVN 99:2030/BKHCN")
    assert found["standard"]["kind"] == "none"
    assert "chưa có trong cơ sở dữ liệu" in found["standard"]["message"]
    assert found["hits"] == []  # not the BGTVT regulation of the same number, nor anything else
    cited = _search(standards_api, "TCVN 6909:2001")
    assert cited["hits"] and all("6909" in h["text"] for h in cited["hits"])
    circular = _search(standards_api, "Thông tư 21/2009/TT-BKHCN")
    assert circular["standard"]["message"].endswith("có trên vbpl.vn, chưa có trong cơ sở dữ liệu")
    assert "vbpl.vn" in circular["standard"]["vbpl_url"]


def test_a_product_query_gets_the_applicability_card_and_standard_hits(
    standards_api: TestClient,
) -> None:
    found = _search(standards_api, "nồi cơm điện")
    assert found["applicability"]["matches"][0]["standard"]["number"] == "QCVN 4:2009/BKHCN"
    kinds = {f["value"] for f in found["facets"]["kind"]}
    assert {"standard", "text"} <= kinds
    standards_only = _search(standards_api, "nồi cơm điện", kind="standard")
    assert standards_only["hits"] and {h["kind"] for h in standards_only["hits"]} == {"standard"}
    procedure = _search(standards_api, "thủ tục công bố hợp quy")
    assert procedure["applicability"] is None and procedure["standard"] is None
