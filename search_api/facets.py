"""Facets over exactly the set the filters return, so a count is what clicking it gives.

The store is asked for the query's candidates under the scope filters only (collection,
named documents); the facet filters (type, issuer, status, year, and the standards' hit
kind, agency and ICS group) narrow that one pool here. A facet's counts are taken over the
pool narrowed by every *other* facet's filter: its sibling values stay listed with the
count each would give, and the value chosen counts what is shown. A joint document counts
under each of its issuers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from indexer.store.base import Hit
from indexer.structure.ids import split_issuers
from search_api.schema_parts import FacetCount
from search_api.schemas import SearchRequest

MAX_VALUES = 20


@dataclass(frozen=True)
class Facet:
    """One dimension: the values a hit counts under, and whether it passes the request."""

    name: str
    values: Callable[[Hit], Sequence[str]]
    accepts: Callable[[Hit, SearchRequest], bool]

    def chosen(self, request: SearchRequest) -> list[str]:
        """The values of this facet the request selects."""
        if self.name == "year":
            same = request.year_from is not None and request.year_from == request.year_to
            return [str(request.year_from)] if same else []
        return list(getattr(request, self.name, []) or [])


def any_of(
    values: Callable[[Hit], Sequence[str]], name: str
) -> Callable[[Hit, SearchRequest], bool]:
    """A filter passing hits with any of the values the request lists under ``name``."""

    def accepts(hit: Hit, request: SearchRequest) -> bool:
        wanted = getattr(request, name)
        return not wanted or any(v in wanted for v in values(hit))

    return accepts


def _types(hit: Hit) -> list[str]:
    return [hit.document.type] if hit.document.type else []


def _issuers(hit: Hit) -> list[str]:
    return split_issuers(hit.document.issuer) if hit.document.issuer else []


def _years(hit: Hit) -> list[str]:
    return [str(hit.document.year)] if hit.document.year else []


def _in_years(hit: Hit, request: SearchRequest) -> bool:
    if request.year_from is None and request.year_to is None:
        return True
    year = hit.document.year
    if year is None:
        return False
    return (request.year_from or year) <= year <= (request.year_to or year)


def text_facets(status_of: Callable[[Hit], str | None]) -> list[Facet]:
    """Facets by type, issuer, year and status (``status_of``: a hit's status on the day
    asked, see :class:`search_api.graph_search.ValidityLayer`)."""

    def statuses(hit: Hit) -> list[str]:
        status = status_of(hit)
        return [status] if status else []

    def in_status(hit: Hit, request: SearchRequest) -> bool:
        wanted = {s.strip().lower() for s in request.status}
        return not wanted or (status_of(hit) or "").lower() in wanted

    return [
        Facet("type", _types, any_of(_types, "type")),
        Facet("issuer", _issuers, any_of(_issuers, "issuer")),
        Facet("year", _years, _in_years),
        Facet("status", statuses, in_status),
    ]


def narrow(
    hits: Sequence[Hit], request: SearchRequest, facets: Sequence[Facet], skip: str | None = None
) -> list[Hit]:
    """The hits that pass every facet's filter (but ``skip``'s), in order."""
    active = [f for f in facets if f.name != skip]
    return [h for h in hits if all(f.accepts(h, request) for f in active)]


def counts(
    hits: Sequence[Hit], request: SearchRequest, facets: Sequence[Facet]
) -> dict[str, list[FacetCount]]:
    """Each facet's values with the number of hits clicking each would give, most first;
    a chosen value is always listed."""
    out: dict[str, list[FacetCount]] = {}
    for facet in facets:
        counter = Counter(
            v for h in narrow(hits, request, facets, facet.name) for v in facet.values(h)
        )
        listed = [v for v, _ in counter.most_common(MAX_VALUES)]
        listed += [v for v in facet.chosen(request) if v not in listed]
        out[facet.name] = [FacetCount(value=v, count=counter[v]) for v in listed]
    return out
