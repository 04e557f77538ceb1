"""Server-rendered pages over the field corpus, in each store: search, htmx fragment,
document and article pages, escaping."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from fastapi.testclient import TestClient

from indexer.models import ParsedDocument
from indexer.store.base import Store
from search_api.schemas import SearchRequest
from search_api.service import SearchService

XSS = "<script>alert(1)</script>"


def _document_with_articles(store: Store) -> ParsedDocument:
    for meta in store.list_documents():
        document = store.get_document(meta.id)
        if document is not None and len(document.articles()) >= 3:
            return document
    raise AssertionError("no document with three articles in the field corpus")


def test_search_page_without_javascript_shows_cited_hits(
    web: TestClient, field_service: SearchService
) -> None:
    query = "kiểm định phương tiện đo"
    page = web.get("/", params={"q": query, "mode": "lexical"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="vi">' in page.text
    assert (
        '<form id="search-form" class="search" role="search" action="/" method="get"' in page.text
    )
    expected = field_service.search(SearchRequest(q=query, mode="lexical", k=10))
    for hit in expected.hits:
        assert html.escape(hit.citation.label, quote=False) in page.text
        assert hit.snippet in page.text  # rendered as given: escaped text with <mark>
    assert "<mark>" in page.text
    assert page.text.count('<li class="hit">') == len(expected.hits)


def test_a_query_without_diacritics_offers_the_exact_search(web: TestClient) -> None:
    page = web.get("/", params={"q": "thu tuc cong bo hop quy"})
    assert "Kết quả cho: <strong>" in page.text
    exact = re.search(
        r'<a href="([^"]+)"[^>]*>Tìm chính xác: thu tuc cong bo hop quy</a>', page.text
    )
    assert exact is not None
    as_typed = web.get(html.unescape(exact.group(1)))
    assert as_typed.status_code == 200 and '<li class="hit">' in as_typed.text
    assert "Kết quả cho:" not in as_typed.text
    assert 'value="thu tuc cong bo hop quy"' in as_typed.text
    accented = web.get("/", params={"q": "thủ tục công bố hợp quy"})
    assert "Kết quả cho:" not in accented.text


def test_definitions_are_shown_above_the_hits(web: TestClient) -> None:
    page = web.get("/", params={"q": "hợp chuẩn là gì"}).text
    assert '<section class="definitions"' in page
    assert page.index("<dfn>") < page.index('<li class="hit">')


def test_htmx_fragment_is_only_the_results(web: TestClient) -> None:
    response = web.get("/ket-qua", params={"q": "đo lường", "type": "Luật"})
    assert response.status_code == 200
    body = response.text.strip()
    assert body.startswith('<div id="results"')
    assert "<html" not in body and "<header" not in body
    assert unquote(response.headers["hx-push-url"]).replace("+", " ") == "/?q=đo lường&type=Luật"


def test_facet_links_filter_the_results(web: TestClient) -> None:
    page = web.get("/", params={"q": "đo lường", "mode": "lexical"}).text
    link = re.search(r'<a href="(/\?[^"]*type=[^"]*)"', page)
    assert link is not None
    filtered = web.get(html.unescape(link.group(1)))
    assert filtered.status_code == 200 and "Đang lọc" in filtered.text


def test_pagination_links(web: TestClient) -> None:
    page = web.get("/", params={"q": "đo lường", "mode": "lexical"}).text
    assert 'aria-label="Trang kết quả"' in page
    second = web.get("/", params={"q": "đo lường", "mode": "lexical", "page": 2}).text
    assert '<ol class="hit-list" start="11">' in second


def test_invalid_parameters_are_explained_on_the_page(web: TestClient) -> None:
    page = web.get("/", params={"q": "đo lường", "page": 999}).text
    assert 'class="notice error"' in page and "(page)" in page
    years = web.get("/", params={"q": "đo lường", "year_from": 2010, "year_to": 2000})
    assert years.status_code == 422
    assert 'class="notice error"' in years.text and "(year_to)" in years.text


def test_document_page_has_toc_and_article_anchors(web: TestClient, field_store: Store) -> None:
    document = _document_with_articles(field_store)
    page = web.get(f"/van-ban/{document.meta.id}")
    assert page.status_code == 200
    assert '<nav class="toc" aria-label="Mục lục">' in page.text
    for article in document.articles():
        anchor = f"dieu-{article.number.lower()}"
        assert f'id="{anchor}"' in page.text
        assert f'href="#{anchor}"' in page.text


def test_article_page_has_a_copyable_citation(web: TestClient, field_store: Store) -> None:
    document = _document_with_articles(field_store)
    article = document.articles()[1]
    page = web.get(f"/van-ban/{document.meta.id}/dieu/{article.number}").text
    citation = re.search(r'<input id="citation" type="text" readonly value="([^"]+)">', page)
    assert citation is not None
    assert html.unescape(citation.group(1)).startswith(f"Điều {article.number} ")
    assert f'rel="prev" href="/van-ban/{document.meta.id}/dieu/' in page


def test_unknown_document_is_an_html_404(web: TestClient) -> None:
    page = web.get("/van-ban/khong-co-van-ban-nay")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Không tìm thấy" in page.text


def test_a_script_in_the_query_is_escaped_everywhere(web: TestClient) -> None:
    for path in ("/", "/ket-qua"):
        response = web.get(path, params={"q": XSS})
        assert response.status_code == 200
        assert XSS not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>" not in web.get("/ket-qua", params={"q": XSS}).headers["hx-push-url"]
