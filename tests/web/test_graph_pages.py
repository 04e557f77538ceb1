"""The legal graph on the pages, over the field corpus in each store: status badges with
their evidence on hits, documents and articles; "Văn bản liên quan" tabs; references in the
text as links to the cited anchor (or to the "not in the database" page listing who cites
it); "Được viện dẫn bởi" with counts; pháp-điển notes as links; repealed clauses marked."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient


def _links(page: str) -> dict[str, str]:
    """href → text of every reference link of a page."""
    found = re.findall(r'<a class="ref[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', page)
    return {html.unescape(href): html.unescape(text) for href, text in found}


def _badges(page: str) -> list[tuple[str, str, str]]:
    """(state, title, label) of every validity badge of a page."""
    found = re.findall(r'data-state="([^"]+)" title="([^"]*)">([^<]+)</span>', page)
    return [(state, html.unescape(title), label) for state, title, label in found]


def test_a_document_page_shows_its_status_with_evidence_and_its_related_documents(
    web: TestClient,
) -> None:
    page = web.get("/van-ban/68-2006-qh11", params={"as_of": "2019-06-01"}).text
    state, title, label = _badges(page)[0]
    assert (state, label) == ("het_hieu_luc_mot_phan", "hết hiệu lực một phần")
    assert "35/2018/QH14" in title
    assert "Văn bản liên quan" in page
    tabs = re.findall(r'role="tab" id="tab-link-([a-z_]+)"[^>]*>([^<]+)</a>', page)
    names = [name for name, _ in tabs]
    assert {"huong_dan", "duoc_sua_doi", "bi_thay_the", "duoc_vien_dan"} <= set(names)
    guides = page[page.index('id="tab-huong_dan"') :]
    assert "Nghị định 127/2007/NĐ-CP" in guides[: guides.index("</section>")]
    before = web.get("/van-ban/68-2006-qh11", params={"as_of": "2006-12-31"}).text
    state, title, label = _badges(before)[0]
    assert label == "chưa có hiệu lực" and "Luật này có hiệu lực thi hành từ ngày 01" in title


def test_a_reference_in_an_article_links_to_the_cited_clause_anchor(web: TestClient) -> None:
    page = web.get("/van-ban/127-2007-nd-cp/dieu/6").text
    links = _links(page)
    target = "/van-ban/68-2006-qh11/dieu/17#dieu-17-khoan-1-diem-dd"
    assert links[target] == "điểm đ khoản 1 Điều 17 của Luật Tiêu chuẩn và Quy chuẩn kỹ thuật"
    assert links["/van-ban/127-2007-nd-cp/dieu/6#dieu-6-khoan-1-diem-a"] == (
        "điểm a khoản 1 Điều này"
    )
    cited = web.get(target.split("#")[0]).text
    assert 'id="dieu-17-khoan-1-diem-dd"' in cited


def test_an_article_says_who_cites_it_and_its_note_is_a_link(web: TestClient) -> None:
    page = web.get("/van-ban/68-2006-qh11/dieu/17").text
    heading = re.search(r"<h2>Được viện dẫn bởi \((\d+)\)</h2>", page)
    assert heading is not None and int(heading.group(1)) >= 3
    cited = page[page.index('id="duoc-vien-dan-boi"') :]
    assert '<a href="/van-ban/127-2007-nd-cp/dieu/6#dieu-6-khoan-3-diem-a">' in cited
    note = re.search(r'<p class="note">(.*?)</p>', page, re.S)
    assert note is not None and '<a class="ref" href="/van-ban/68-2006-qh11/dieu/17#dieu-17"' in (
        note.group(1)
    )
    law = web.get("/van-ban/68-2006-qh11").text
    assert re.search(
        r'href="/van-ban/68-2006-qh11/dieu/17#duoc-vien-dan-boi">Được viện dẫn bởi \d+', law
    )


def test_a_pháp_điển_note_links_the_amending_article(web: TestClient) -> None:
    page = web.get("/van-ban/28-2012-tt-bkhcn/dieu/12", params={"as_of": "2021-06-01"}).text
    links = _links(page)
    assert (
        links["/van-ban/06-2020-tt-bkhcn/dieu/19#dieu-19"] == "Điều 19 Thông tư số 06/2020/TT-BKHCN"
    )
    missing = [href for href in links if href.startswith("/van-ban-chua-co/2_2017_tt_bkhcn")]
    assert missing == ["/van-ban-chua-co/2_2017_tt_bkhcn?dieu=1"]


def test_repealed_clauses_are_marked_with_their_number_kept(web: TestClient) -> None:
    page = web.get("/van-ban/28-2012-tt-bkhcn/dieu/12", params={"as_of": "2021-06-01"}).text
    for clause in ("2", "3", "4"):
        block = re.search(
            rf'<div class="khoan repealed" id="dieu-12-khoan-{clause}">(.*?)</div>', page, re.S
        )
        assert block is not None, clause
        assert "bãi bỏ bởi khoản 3 Điều 19 06/2020/TT-BKHCN" in block.group(1)
    assert page.index('id="dieu-12-khoan-1"') < page.index('id="dieu-12-khoan-2"')
    assert page.index('id="dieu-12-khoan-4"') < page.index('id="dieu-12-khoan-5"')


def test_the_not_in_the_database_page_lists_who_cites_it(web: TestClient) -> None:
    page = web.get("/van-ban-chua-co/39_2016_tt_bgtvt")
    assert page.status_code == 200
    assert "chưa có trong cơ sở dữ liệu" in page.text
    assert '<a href="/van-ban/41-2018-tt-bgtvt/dieu/5#dieu-5-khoan-1">' in page.text
    assert "thay thế" in page.text
    article = web.get("/van-ban-chua-co/68_2006_qh11", params={"dieu": "99"})
    assert article.status_code == 200 and "Điều 99" in article.text
    assert "Chưa có văn bản nào trong cơ sở dữ liệu viện dẫn Điều 99" in article.text
    assert web.get("/van-ban-chua-co/khong_co_van_ban").status_code == 404


def test_hits_carry_status_badges_on_the_date_searched(web: TestClient) -> None:
    def badges(as_of: str) -> list[tuple[str, str, str]]:
        page = web.get("/", params={"q": "Điều 5 Nghị định 127/2007/NĐ-CP", "as_of": as_of}).text
        first = page[page.index('<li class="hit') :]  # "hit named" when it is the article asked
        return _badges(first[: first.index("</h3>")])

    before, after = badges("2018-06-30"), badges("2018-07-01")
    assert [b[2] for b in before] == ["còn hiệu lực"]
    assert [b[2] for b in after] == ["còn hiệu lực", "đã sửa đổi, bổ sung"]
    assert "78/2018/NĐ-CP" in after[1][1]
    bad = web.get("/", params={"q": "hợp quy", "as_of": "2018-02-30"})
    assert bad.status_code == 422 and "as_of" in bad.text
