"""The pages a reader meets, over the field corpus in each store: titles and headings that
name the query, the no-match state, answers that say what they are, the pager, and
document and article pages reached from a search."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient


def _hit_links(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'<h3><a href="([^"]+)"', page)]


def test_the_results_page_names_the_query(web: TestClient) -> None:
    page = web.get("/", params={"q": "kiểm định phương tiện đo"}).text
    assert "<title>kiểm định phương tiện đo – Tra cứu" in page
    assert re.search(r"<h1[^>]*>Kết quả tìm kiếm: «kiểm định phương tiện đo»</h1>", page)
    assert page.count("aria-live") == 1  # only the result count is announced
    assert re.search(r'<p class="summary" role="status" aria-live="polite">\d+ kết quả', page)
    fragment = web.get("/ket-qua", params={"q": "kiểm định phương tiện đo"}).text
    assert "<title>kiểm định phương tiện đo – Tra cứu" in fragment  # htmx updates the title


def test_a_nonsense_query_gets_the_no_match_state(web: TestClient) -> None:
    page = web.get("/", params={"q": "<script>alert(1)</script>"}).text
    assert "Không tìm thấy kết quả phù hợp" in page
    assert '<li class="hit' not in page and "<script>alert" not in page


def test_a_definition_answer_is_not_counted_as_the_results(web: TestClient) -> None:
    page = web.get("/", params={"q": "hợp chuẩn là gì"}).text
    assert "Định nghĩa theo văn bản" in page
    assert re.search(r"Định nghĩa ở trên · \d+ điều khoản liên quan", page)
    assert 'data-copy-text="' in page.split('class="definitions"')[1].split("</section>")[0]


def test_a_named_article_is_labelled(web: TestClient) -> None:
    page = web.get("/", params={"q": "Điều 23 Luật 68/2006/QH11"}).text
    assert "Điều được nêu trong câu hỏi" in page
    assert _hit_links(page)[0].startswith("/van-ban/68-2006-qh11/dieu/23")


def test_the_pager_has_next_and_last(web: TestClient) -> None:
    first = web.get("/", params={"q": "đo lường"}).text
    pager = first.split('aria-label="Trang kết quả"')[1].split("</nav>")[0]
    assert "Sau ›" in pager and "Cuối »" in pager and "‹ Trước" not in pager
    last = re.search(r'<a href="([^"]+)"[^>]*>Cuối »</a>', pager)
    assert last is not None
    end = web.get(html.unescape(last.group(1))).text
    end_pager = end.split('aria-label="Trang kết quả"')[1].split("</nav>")[0]
    assert "‹ Trước" in end_pager and "Cuối »" not in end_pager


def test_filters_are_a_collapsible_block_before_the_hits(web: TestClient) -> None:
    page = web.get("/", params={"q": "đo lường"}).text
    assert page.index('<details class="collapsible" id="filters">') < page.index('class="hit')
    assert "<summary>Bộ lọc</summary>" in page


def test_hits_lead_to_pages_that_keep_the_search(web: TestClient) -> None:
    page = web.get("/", params={"q": "kiểm định phương tiện đo", "mode": "lexical"}).text
    link = _hit_links(page)[0]
    assert parse_qs(urlsplit(link).query)["q"] == ["kiểm định phương tiện đo"]
    assert 'data-copy-text="' in page.split('<li class="hit')[1]
    article = web.get(link).text
    assert 'value="kiểm định phương tiện đo"' in article  # the search box, filled
    back = re.search(r'<a class="back-link" href="([^"]+)">', article)
    assert back is not None
    assert parse_qs(urlsplit(html.unescape(back.group(1))).query)["mode"] == ["lexical"]
    body = article.split('<article class="dieu single"')[1].split("</article>")[0]
    assert "<mark>" in body
    document = web.get(link.split("/dieu/")[0] + "?q=ki%E1%BB%83m+%C4%91%E1%BB%8Bnh").text
    assert "<mark>kiểm định</mark>" in document.lower() and 'class="back-link"' in document


def test_pages_reached_without_a_search_mark_nothing(web: TestClient) -> None:
    page = web.get("/van-ban/68-2006-qh11/dieu/23").text
    assert "<mark>" not in page and 'class="back-link"' not in page
    assert '<input id="q" name="q" type="search" value=""' in page  # a search box all the same


def test_the_table_of_contents_is_collapsible(web: TestClient) -> None:
    page = web.get("/van-ban/68-2006-qh11").text
    assert '<details class="collapsible" id="toc">' in page
