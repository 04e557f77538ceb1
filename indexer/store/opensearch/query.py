"""Search request bodies for the chunk indices (pure functions, tested without a server)."""

from __future__ import annotations

from typing import Any

import numpy as np

from indexer.store.base import Filters, LexicalQuery
from indexer.store.opensearch.actions import HIT_FIELD
from indexer.store.opensearch.filters import filter_clauses, filter_query
from indexer.store.opensearch.mapping import HNSW_EF_SEARCH

#: What a search fetches of each hit: the stored ``hit`` field, not the ``_source``.
HIT_FETCH: dict[str, Any] = {"_source": False, "stored_fields": [HIT_FIELD]}
DOCUMENT_ORDER = [{"doc_id": "asc"}, {"ordinal": "asc"}]


def lexical_body(query: LexicalQuery, filters: Filters | None, k: int) -> dict[str, Any]:
    """BM25 over the analysed fields: accented tokens on text, title and doc; folded
    tokens on folded."""
    should = [
        {"match": {field: {"query": " ".join(terms), "boost": weight}}}
        for field, weight, terms in query.field_terms()
    ]
    return {
        "size": k,
        **HIT_FETCH,
        "query": {
            "bool": {
                "should": should,
                "minimum_should_match": 1,
                "filter": filter_clauses(filters),
            }
        },
    }


def dense_body(vector: np.ndarray, filters: Filters | None, k: int) -> dict[str, Any]:
    """Approximate kNN (Lucene HNSW) with the filters applied during the graph search."""
    knn: dict[str, Any] = {
        "vector": np.asarray(vector, dtype=np.float32).tolist(),
        "k": k,
        "method_parameters": {"ef_search": max(k, HNSW_EF_SEARCH)},
    }
    clauses = filter_clauses(filters)
    if clauses:
        knn["filter"] = {"bool": {"filter": clauses}}
    return {"size": k, **HIT_FETCH, "query": {"knn": {"vector": knn}}}


def browse_body(filters: Filters | None, k: int, after: list[Any] | None = None) -> dict[str, Any]:
    """Chunks passing ``filters`` in document order; ``after`` continues a previous page."""
    body: dict[str, Any] = {
        "size": k,
        **HIT_FETCH,
        "query": filter_query(filters),
        "sort": DOCUMENT_ORDER,
    }
    if after is not None:
        body["search_after"] = after
    return body


def lucene_cosine_to_cosine(score: float) -> float:
    """The Lucene engine scores cosinesimil as (1 + cos) / 2; return the cosine itself."""
    return 2.0 * score - 1.0
