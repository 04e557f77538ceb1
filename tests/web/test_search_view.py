"""The search page's URL state: parsing, facet toggles, pagination links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from pydantic import ValidationError

from search_api.schemas import MAX_PAGE
from web.search_view import SearchView, read_params, to_request


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_read_params_drops_empty_and_unknown_values() -> None:
    params = read_params({"q": [" hợp quy "], "year_from": [""], "type": ["Luật", ""], "x": ["1"]})
    assert params == {"q": ["hợp quy"], "type": ["Luật"]}


def test_to_request_uses_a_fixed_page_size() -> None:
    request = to_request({"q": ["đo lường"], "type": ["Luật", "Nghị định"], "page": ["2"]})
    assert (request.q, request.type, request.page, request.k) == (
        "đo lường",
        ["Luật", "Nghị định"],
        2,
        10,
    )


def test_to_request_rejects_a_page_beyond_the_bound() -> None:
    with pytest.raises(ValidationError):
        to_request({"q": ["a"], "page": [str(MAX_PAGE + 1)]})


def test_toggle_adds_then_removes_a_value_and_resets_the_page() -> None:
    view = SearchView({"q": ["đo lường"], "page": ["3"]})
    on = view.toggle("type", "Luật")
    assert _query(on) == {"q": ["đo lường"], "type": ["Luật"]}
    assert _query(SearchView(_query(on)).toggle("type", "Luật")) == {"q": ["đo lường"]}


def test_year_toggle_sets_both_bounds() -> None:
    view = SearchView({"q": ["a"]})
    assert _query(view.toggle("year", "2006")) == {
        "q": ["a"],
        "year_from": ["2006"],
        "year_to": ["2006"],
    }
    active = SearchView({"q": ["a"], "year_from": ["2006"], "year_to": ["2006"]})
    assert active.is_active("year", "2006")
    assert _query(active.toggle("year", "2006")) == {"q": ["a"]}


def test_page_one_has_no_page_parameter() -> None:
    view = SearchView({"q": ["a"], "page": ["2"]})
    assert _query(view.page_url(1)) == {"q": ["a"]}
    assert _query(view.page_url(3))["page"] == ["3"]


def test_carry_puts_the_search_before_the_anchor() -> None:
    view = SearchView(read_params({"q": ["hợp quy"], "mode": ["lexical"], "page": ["2"]}))
    href = view.carry("/van-ban/68-2006-qh11/dieu/23#dieu-23-khoan-2")
    path, _, anchor = href.partition("#")
    assert anchor == "dieu-23-khoan-2"
    assert parse_qs(urlsplit(path).query) == {"q": ["hợp quy"], "mode": ["lexical"], "page": ["2"]}
    assert SearchView({}).carry("/van-ban/x") == "/van-ban/x"
