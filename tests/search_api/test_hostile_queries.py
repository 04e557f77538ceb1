"""Hostile queries against the API and the results page, in each store: query syntax of
OpenSearch, Lucene and FTS5, SQL-ish strings, long and binary input and unicode oddities are
searched as text. Nothing answers 5xx, no engine's error leaks, a refusal is a Vietnamese 4xx."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from search_api.schemas import MAX_QUERY_CHARS

LUCENE_AND_DSL = (
    "title:đo lường",
    "text:(kiểm AND định)",
    "đo~2 lường",
    '"đo lường',
    "đo AND OR NOT lường",
    "+kiểm -định",
    "(((",
    ")))",
    "[* TO *]",
    "{!lucene q.op=AND}đo",
    "\\",
    "/.*/",
    "/[a-z]+.*/",
    "đo^100 lường",
    "*",
    "?",
    "_exists_:vector",
    '{"query": {"match_all": {}}}',
    '{"script": {"source": "System.exit(0)"}}',
    "doc_keys:68_2006_qh11 OR *:*",
)
FTS5 = (
    "đo NEAR lường",
    "NEAR(đo lường, 2)",
    "NEAR(",
    '"',
    '""',
    '"đo" "lường',
    "* lường",
    "đo*",
    "^đo",
    "-đo",
    "đo OR",
    "AND",
    "NOT đo",
    "{text title}: đo",
    "text : đo",
    "đo + lường",
    "đo' lường",
    "đo;DROP TABLE chunks;--",
)
SQL_ISH = (
    "' OR 1=1 --",
    "1; DROP TABLE documents",
    "%' UNION SELECT * FROM chunks --",
    "admin'--",
    "'; ATTACH DATABASE '/tmp/x' AS x; --",
    "%%%%",
    "_",
)
UNICODE = (
    "đo lu\u031bo\u031b\u0300ng",  # decomposed marks
    "ho\u0323p chua\u0302\u0309n",
    "\u202ekiểm định",  # right-to-left override
    "đo\u200blường",  # zero-width space
    "\ufeffđo lường",  # byte-order mark
    "ｄｏ ｌｕｏｎｇ",  # full-width
    "ĐO LƯỜNG",
    "مرحبا بالعالم",
    "计量 标准",
    "🙂" * 50,
    "\u0301\u0301\u0301",  # combining marks alone
    "e\u0301" * 300,
)
SIZES = (
    "a" * MAX_QUERY_CHARS,
    "đo " * (MAX_QUERY_CHARS // 3),
    "x" * (MAX_QUERY_CHARS + 1),  # over the limit: 422
    " " * 10,
    "\t\n\r",
)
BINARY = (
    "".join(map(chr, range(1, 32))),
    "\x00đo lường",
    "\x7f\x80\x81\xff",
)
QUERIES = LUCENE_AND_DSL + FTS5 + SQL_ISH + UNICODE + SIZES + BINARY
LEAKS = ("Traceback", "fts5", "syntax error", "parse_exception", "query_shard", "sqlite", ".py")


def _assert_no_leak(text: str) -> None:
    lowered = text.lower()
    assert not [leak for leak in LEAKS if leak.lower() in lowered], text[:500]


@pytest.mark.parametrize("mode", ["hybrid", "lexical", "semantic"])
@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_a_hostile_query_is_searched_as_text_or_refused_in_vietnamese(
    api: TestClient, query: str, mode: str
) -> None:
    response = api.get("/api/v1/search", params={"q": query, "mode": mode})
    assert response.status_code in (200, 422), response.text[:500]
    _assert_no_leak(response.text)
    if response.status_code == 422:
        error = response.json()["error"]
        assert error["code"] == "invalid_parameter" and error["field"] == "q"
        assert any(ch in error["message"] for ch in "ảãạăâđêôơưởự"), error["message"]
    else:
        assert isinstance(response.json()["hits"], list)


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_the_results_page_answers_every_hostile_query(api: TestClient, query: str) -> None:
    response = api.get("/ket-qua", params={"q": query})
    assert response.status_code in (200, 422), response.text[:500]
    _assert_no_leak(response.text)


def test_a_query_that_is_not_utf8_is_refused_or_searched_never_5xx(api: TestClient) -> None:
    for raw in (b"q=%FF%FE%FD", b"q=%C3%28", b"q=%ED%A0%80", b"q=%F4%90%80%80"):
        response = api.get("/api/v1/search?" + raw.decode("ascii"))
        assert response.status_code < 500, response.text[:500]
        _assert_no_leak(response.text)
