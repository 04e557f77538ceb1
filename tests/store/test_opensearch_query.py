"""OpenSearch request bodies and filters (pure functions, no node needed)."""

from __future__ import annotations

import numpy as np
import pytest

from indexer.store.base import Filters, LexicalQuery, LexicalWeights
from indexer.store.opensearch.filters import filter_clauses, filter_query
from indexer.store.opensearch.mapping import HNSW_EF_SEARCH
from indexer.store.opensearch.query import (
    browse_body,
    dense_body,
    lexical_body,
    lucene_cosine_to_cosine,
)


def test_no_filters_match_everything() -> None:
    assert filter_clauses(None) == []
    assert filter_clauses(Filters()) == []
    assert filter_query(Filters()) == {"match_all": {}}


def test_filters_become_terms_and_a_year_range() -> None:
    filters = Filters(types=["Luật"], issuers=["Quốc hội"], year_from=2006, doc_keys=["68_2006"])
    assert filter_clauses(filters) == [
        {"terms": {"type": ["Luật"]}},
        {"terms": {"issuer": ["Quốc hội"]}},
        {"terms": {"doc_keys": ["68_2006"]}},
        {"range": {"year": {"gte": 2006}}},
    ]
    assert filter_query(Filters(year_to=2010)) == {
        "bool": {"filter": [{"range": {"year": {"lte": 2010}}}]}
    }


def test_lexical_body_boosts_each_field_by_its_weight() -> None:
    query = LexicalQuery(
        tokens=["hợp_quy", "hợp"],
        folded=["hop_quy"],
        pairs=[],
        weights=LexicalWeights(text=1.0, title=0.5, doc=0.0, folded=0.3, pairs=0.5),
    )
    body = lexical_body(query, Filters(types=["Luật"]), 7)
    assert body["size"] == 7 and body["_source"] is False and body["stored_fields"] == ["hit"]
    should = body["query"]["bool"]["should"]
    assert should == [
        {"match": {"text": {"query": "hợp_quy hợp", "boost": 1.0}}},
        {"match": {"title": {"query": "hợp_quy hợp", "boost": 0.5}}},
        {"match": {"folded": {"query": "hop_quy", "boost": 0.3}}},
    ]
    assert body["query"]["bool"]["filter"] == [{"terms": {"type": ["Luật"]}}]


def test_dense_body_filters_inside_the_graph_search() -> None:
    body = dense_body(np.array([0.6, 0.8], dtype=np.float32), Filters(statuses=["x"]), 5)
    knn = body["query"]["knn"]["vector"]
    assert knn["vector"] == pytest.approx([0.6, 0.8])
    assert knn["k"] == 5 and knn["method_parameters"] == {"ef_search": HNSW_EF_SEARCH}
    assert knn["filter"] == {"bool": {"filter": [{"terms": {"status": ["x"]}}]}}
    assert "filter" not in dense_body(np.ones(2), None, 500)["query"]["knn"]["vector"]
    assert dense_body(np.ones(2), None, 500)["query"]["knn"]["vector"]["method_parameters"] == {
        "ef_search": 500
    }


def test_browse_body_pages_in_document_order() -> None:
    first = browse_body(Filters(doc_ids=["a"]), 10)
    assert first["sort"] == [{"doc_id": "asc"}, {"ordinal": "asc"}]
    assert "search_after" not in first
    assert browse_body(None, 10, after=["a", 3])["search_after"] == ["a", 3]


def test_lucene_cosine_score_is_mapped_back() -> None:
    assert lucene_cosine_to_cosine(1.0) == 1.0
    assert lucene_cosine_to_cosine(0.5) == 0.0
