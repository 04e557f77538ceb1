"""The state of the search page in its URL: parsing the form, and links that change it.

Every link the results show (facets, pages, "Tìm chính xác") is a plain ``/?…`` URL so the
page works without JavaScript; htmx fetches the same parameters from ``/ket-qua``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from pydantic import ValidationError

from search_api.messages import validation_message
from search_api.schemas import SearchRequest

#: Filters that hold lists of values, in the order the page shows them.
LIST_FILTERS = ("type", "issuer", "status", "collection", "kind", "agency", "ics")
_SCALARS = ("q", "mode", "page", "year_from", "year_to", "restore", "as_of")
PAGE_SIZE = 10

Params = dict[str, list[str]]


def read_params(query: Mapping[str, Sequence[str]]) -> Params:
    """The known, non-empty parameters of a query string (multi-valued)."""
    params: Params = {}
    for name in (*_SCALARS, *LIST_FILTERS):
        values = [v.strip() for v in query.get(name, ()) if v.strip()]
        if values:
            params[name] = values if name in LIST_FILTERS else values[:1]
    return params


def to_request(params: Params) -> SearchRequest:
    """The search the page parameters describe (raises ``ValidationError``)."""
    fields: dict[str, object] = {name: params[name] for name in LIST_FILTERS if name in params}
    fields.update({name: params[name][0] for name in _SCALARS if name in params})
    fields["k"] = PAGE_SIZE
    return SearchRequest.model_validate(fields)


def error_message(error: ValidationError) -> str:
    """A short Vietnamese message naming the first invalid field."""
    first = error.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "q"
    return f"Tham số không hợp lệ ({field}): {validation_message(first)}"


class SearchView:
    """Builds URLs that change one aspect of the current search."""

    def __init__(self, params: Params) -> None:
        self.params = params

    def value(self, name: str) -> str:
        values = self.params.get(name)
        return values[0] if values else ""

    def url(self, path: str = "/", **changes: str | list[str] | None) -> str:
        """``path`` with the current parameters, ``changes`` applied (None removes)."""
        params = dict(self.params)
        for name, value in changes.items():
            if value is None or value == []:
                params.pop(name, None)
            else:
                params[name] = [value] if isinstance(value, str) else value
        query = urlencode([(n, v) for n, values in params.items() for v in values])
        return f"{path}?{query}" if query else path

    def is_active(self, name: str, value: str) -> bool:
        if name == "year":
            return self.value("year_from") == value and self.value("year_to") == value
        return value in self.params.get(name, [])

    def toggle(self, name: str, value: str, path: str = "/") -> str:
        """The URL with a facet value switched on or off (back to page 1)."""
        if name == "year":
            year = None if self.is_active("year", value) else value
            return self.url(path, year_from=year, year_to=year, page=None)
        current = self.params.get(name, [])
        values = [v for v in current if v != value] if value in current else [*current, value]
        return self.url(path, page=None, **{name: values})

    def page_url(self, page: int, path: str = "/") -> str:
        return self.url(path, page=str(page) if page > 1 else None)

    def active_filters(self) -> list[tuple[str, str]]:
        """(label, value) of each filter in force, for removable chips."""
        active = [(name, v) for name in LIST_FILTERS for v in self.params.get(name, [])]
        if self.value("year_from") or self.value("year_to"):
            active.append(("year", f"{self.value('year_from')}–{self.value('year_to')}"))
        return active

    def without(self, name: str, value: str, path: str = "/") -> str:
        """The URL with one active filter removed."""
        if name == "year":
            return self.url(path, year_from=None, year_to=None, page=None)
        return self.url(
            path, page=None, **{name: [v for v in self.params.get(name, []) if v != value]}
        )
