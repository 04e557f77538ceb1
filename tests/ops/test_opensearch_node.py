"""The local node can do what the store needs: exact-enough kNN and Vietnamese full-text match."""

from __future__ import annotations

import numpy as np
import pytest
from opensearchpy import OpenSearch, helpers

from indexer.store.opensearch.mapping import (
    HNSW_EF_SEARCH,
    knn_index_settings,
    knn_vector_mapping,
)

DIM = 384


def _unit_vectors(rng: np.random.Generator, count: int) -> np.ndarray:
    vectors = rng.standard_normal((count, DIM)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_project_knn_mapping_names_the_lucene_engine() -> None:
    # Without it k-NN falls back to faiss, whose native library the Maven zip lacks: the
    # first segment build kills the node.
    mapping = knn_vector_mapping(DIM)
    assert mapping["type"] == "knn_vector"
    assert mapping["dimension"] == DIM
    assert mapping["method"]["engine"] == "lucene"
    assert mapping["method"]["space_type"] == "cosinesimil"


@pytest.mark.opensearch
def test_knn_top1_matches_exact_nearest_neighbour(
    opensearch_client: OpenSearch, os_index_name: str
) -> None:
    rng = np.random.default_rng(20261124)
    corpus, probes = _unit_vectors(rng, 1000), _unit_vectors(rng, 20)
    opensearch_client.indices.create(
        index=os_index_name,
        body={
            "settings": knn_index_settings(),
            "mappings": {"properties": {"v": knn_vector_mapping(DIM)}},
        },
    )
    actions = (
        {"_index": os_index_name, "_id": str(i), "_source": {"v": vector.tolist()}}
        for i, vector in enumerate(corpus)
    )
    indexed, errors = helpers.bulk(opensearch_client, actions, refresh=True)
    assert (indexed, errors) == (1000, [])

    exact = np.argmax(probes @ corpus.T, axis=1)
    hits = 0
    for probe, expected in zip(probes, exact, strict=True):
        knn = {"vector": probe.tolist(), "k": 1, "method_parameters": {"ef_search": HNSW_EF_SEARCH}}
        body = {"size": 1, "_source": False, "query": {"knn": {"v": knn}}}
        top = opensearch_client.search(index=os_index_name, body=body)["hits"]["hits"]
        hits += bool(top) and top[0]["_id"] == str(expected)
    assert hits >= 19, f"kNN top-1 equals the exact neighbour for only {hits}/20 probes"


@pytest.mark.opensearch
def test_match_finds_vietnamese_sentence(opensearch_client: OpenSearch, os_index_name: str) -> None:
    sentences = {
        "do-luong": "luật này quy định về hoạt động đo lường và phương tiện đo",
        "tieu-chuan": "tiêu chuẩn quốc gia do bộ khoa học và công nghệ công bố",
        "chat-luong": "chất lượng sản phẩm hàng hóa phải được kiểm tra trước khi lưu thông",
    }
    opensearch_client.indices.create(
        index=os_index_name,
        body={"mappings": {"properties": {"text": {"type": "text", "analyzer": "whitespace"}}}},
    )
    for doc_id, text in sentences.items():
        opensearch_client.index(index=os_index_name, id=doc_id, body={"text": text})
    opensearch_client.indices.refresh(index=os_index_name)

    def top_id(query: str) -> str | None:
        body = {"query": {"match": {"text": query}}}
        hits = opensearch_client.search(index=os_index_name, body=body)["hits"]["hits"]
        return hits[0]["_id"] if hits else None

    assert top_id("kiểm tra hàng hóa") == "chat-luong"
    assert top_id("phương tiện đo") == "do-luong"
    # Diacritics carry meaning: the unaccented form is a different token.
    assert top_id("hang hoa") is None
