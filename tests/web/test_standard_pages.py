"""Pages of the standards catalogue over the default corpus, in each store: the record page,
the lookup page of an absent number, links from the numbers in texts, links between a full
text and its record, and the answer cards of the search page."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings


@pytest.fixture(scope="session")
def site(
    standards_service: SearchService, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    settings = ApiSettings(
        home=tmp_path_factory.mktemp("standards-web"), rate_limit_per_minute=0, api_key=None
    )
    with TestClient(create_app(settings, standards_service), headers={"accept": "text/html"}) as c:
        yield c


def _text(page: str) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", page).split()))


def test_the_record_page_shows_status_chain_amendments_and_citing_articles(
    site: TestClient,
) -> None:
    page = site.get("/tieu-chuan/qcvn-1-2015-bkhcn")
    assert page.status_code == 200
    text = _text(page.text)
    assert '<span class="badge out-of-force">hết hiệu lực</span>' in page.text
    assert "QCVN 01:2022/BKHCN thay thế QCVN 1:2015/BKHCN" in text  # the evidence
    chain = page.text[page.text.index('id="chain"') :]
    numbers = re.findall(r'<a href="/tieu-chuan/[^"]+">(QCVN [^<]+)</a>', chain)
    assert numbers == [
        "QCVN 1:2007/BKHCN", "QCVN 1:2009/BKHCN", "QCVN 1:2015/BKHCN", "QCVN 01:2022/BKHCN",
    ]  # fmt: skip
    assert "Sửa đổi 1:2017 QCVN 1:2015/BKHCN" in chain
    assert 'id="amendments"' in page.text
    helmets = site.get("/tieu-chuan/qcvn-2-2008-bkhcn").text
    assert "hết hiệu lực (suy luận)" in _text(helmets)
    assert "suy luận: cùng số hiệu 2, cùng cơ quan BKHCN" in _text(helmets)
    mentions = helmets[helmets.index('id="mentions"') :]
    assert '<a href="/van-ban/23-2009-tt-bkhcn/dieu/' in mentions


def test_an_unknown_record_and_an_absent_number(site: TestClient) -> None:
    assert site.get("/tieu-chuan/qcvn-999-2099-bkhcn").status_code == 404
    exact = site.get(
        "/tieu-chuan/tra-cuu", params={"so": "qcvn 4-2009 bkhcn"}, follow_redirects=False
    )
    assert exact.status_code == 303 and exact.headers["location"] == "/tieu-chuan/qcvn-4-2009-bkhcn"
    absent = site.get("/tieu-chuan/tra-cuu", params={"so": "TCVN 6909:2001"})
    assert absent.status_code == 200
    text = _text(absent.text)
    assert "TCVN 6909:2001: chưa có trong cơ sở dữ liệu" in text
    assert '<a href="/van-ban/07-2002-tt-bkhcn/dieu/' in absent.text  # who cites it


def test_numbers_in_texts_link_to_records_and_full_texts_to_their_record(
    site: TestClient,
) -> None:
    article = site.get("/van-ban/23-2009-tt-bkhcn/dieu/3").text
    assert '<a class="std" href="/tieu-chuan/qcvn-2-2008-bkhcn">QCVN 2:2008/BKHCN</a>' in article
    metro = site.get("/van-ban/qcvn-32-2026-bxd").text
    assert 'class="record-link" href="/tieu-chuan/qcvn-32-2026-bxd"' in metro
    record = site.get("/tieu-chuan/qcvn-32-2026-bxd").text
    assert '<a href="/van-ban/qcvn-32-2026-bxd">Đọc toàn văn QCVN 32:2026/BXD</a>' in record
    fire = site.get("/van-ban/qcvn-06-2022-bxd").text
    # the amending circular in the clause note is a link when the graph resolves it
    assert "sửa đổi bởi Sửa đổi 1:2023 (Thông tư 09/2023/TT-BXD)" in re.sub(r"<[^>]+>", "", fire)
    assert '<a class="std" href="/tieu-chuan/tra-cuu?so=TCVN%203890">TCVN 3890</a>' in fire


def test_the_search_page_shows_the_answer_cards_and_standard_hits(site: TestClient) -> None:
    product = site.get("/", params={"q": "mu bao hiem xe may"}).text
    start = product.index("applicability-card")
    card = product[start : product.index("</section>", start)]
    assert "QCVN 2:2021/BKHCN" in card and "đã được thay thế bởi QCVN 2:2021/BKHCN" in card
    assert "Quyết định 2711/QĐ-BKHCN" in product
    number = site.get("/", params={"q": "QCVN 1:2015/BKHCN"}).text
    assert "record-card" in number
    assert '<li class="hit" data-kind="standard">' in number
    assert '<span class="badge out-of-force">hết hiệu lực</span>' in number
    absent = _text(site.get("/", params={"q": "QCVN 99:2030/BKHCN"}).text)
    assert "QCVN 99:2030/BKHCN: chưa có trong cơ sở dữ liệu" in absent
    assert "Tra số hiệu ở trên" in absent  # the answer is the honest absence, no hit list
