"""Store filters as OpenSearch query DSL (pure functions)."""

from __future__ import annotations

from typing import Any

from indexer.store.base import KEYWORD_FILTER_FIELDS, Filters


def filter_clauses(filters: Filters | None) -> list[dict[str, Any]]:
    """The `bool.filter` clauses for ``filters`` (empty list when there is nothing to filter)."""
    if filters is None:
        return []
    clauses: list[dict[str, Any]] = [
        {"terms": {field: list(getattr(filters, attr))}}
        for attr, field in KEYWORD_FILTER_FIELDS
        if getattr(filters, attr)
    ]
    year: dict[str, int] = {}
    if filters.year_from is not None:
        year["gte"] = filters.year_from
    if filters.year_to is not None:
        year["lte"] = filters.year_to
    if year:
        clauses.append({"range": {"year": year}})
    return clauses


def filter_query(filters: Filters | None) -> dict[str, Any]:
    """A query matching exactly the chunks that pass ``filters``."""
    clauses = filter_clauses(filters)
    return {"bool": {"filter": clauses}} if clauses else {"match_all": {}}
