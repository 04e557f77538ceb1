"""The kNN benchmark's vectors: a mixture fitted to real passage embeddings of the field
corpus, checked against those embeddings; and its ef_search curve on a real node."""

from __future__ import annotations

import uuid

import numpy as np
import pytest
from opensearchpy import OpenSearch

from eval.bench.knn import (
    EF_SEARCHES,
    ef_curve,
    exact_top_k,
    knn_body,
    knn_index_body,
    load_vectors,
    unit_vectors,
)
from eval.bench.vectors import EmbeddingMixture, embed_sample, fit_mixture, kmeans, spread_sample
from indexer.embed.cache import CachedEmbedder
from indexer.store.base import Store


@pytest.fixture(scope="module")
def real_embeddings(field_sqlite_store: Store, embedder: CachedEmbedder) -> np.ndarray:
    """300 passage embeddings spread through the field corpus (cache hits once embedded)."""
    texts = [hit.chunk.embedding_text() for hit in field_sqlite_store.scan()]
    return embed_sample(embedder, texts, 300)


def test_kmeans_finds_separated_groups() -> None:
    rng = np.random.default_rng(0)
    centres = np.eye(3, 8) * 10
    points = np.vstack([c + rng.standard_normal((40, 8)) for c in centres])
    labels = kmeans(points, 3, seed=1)
    groups = [set(labels[i * 40 : (i + 1) * 40].tolist()) for i in range(3)]
    assert all(len(group) == 1 for group in groups)
    assert len(set().union(*groups)) == 3


def test_spread_sample_steps_evenly_through_the_texts() -> None:
    texts = [str(i) for i in range(10)]
    assert spread_sample(texts, 5) == ["0", "2", "4", "6", "8"]
    assert spread_sample(texts, 20) == texts


def test_mixture_samples_are_unit_vectors_of_the_embedding_dimension(
    real_embeddings: np.ndarray,
) -> None:
    mixture = EmbeddingMixture.fit(real_embeddings, clusters=16, rank=32)
    sample = mixture.sample(1000, seed=3, block=300)
    assert sample.shape == (1000, real_embeddings.shape[1])
    assert sample.dtype == np.float32
    assert np.allclose(np.linalg.norm(sample, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(sample, mixture.sample(1000, seed=3, block=300))


def test_mixture_looks_like_the_real_embeddings_and_not_like_uniform_vectors(
    real_embeddings: np.ndarray,
) -> None:
    _, fit = fit_mixture(real_embeddings)
    assert abs(fit.synthetic.pair_mean - fit.real.pair_mean) < 0.02
    assert abs(fit.synthetic.nearest_p50 - fit.real.nearest_p50) < 0.04
    assert 0.5 < fit.explained < 1.0
    # Uniform unit vectors are nearly orthogonal: nothing like a corpus's embeddings.
    uniform = unit_vectors(len(real_embeddings), real_embeddings.shape[1], seed=4)
    assert float(np.mean(uniform @ uniform.T)) < 0.05 < fit.real.pair_mean - 0.5


def test_knn_index_body_tunes_loading_and_sets_ef_construction() -> None:
    body = knn_index_body(384, ef_construction=128)
    settings = body["settings"]
    assert settings["index.refresh_interval"] == "-1"
    assert settings["index.number_of_replicas"] == 0
    assert settings["index.translog.durability"] == "async"
    assert settings["index.merge.scheduler.auto_throttle"] is False
    assert body["mappings"]["properties"]["vector"]["method"]["parameters"] == {
        "m": 16,
        "ef_construction": 128,
    }
    query = np.zeros(4, dtype=np.float32)
    assert knn_body(query, 10)["query"]["knn"]["vector"]["method_parameters"]["ef_search"] == 256
    assert knn_body(query, 10, 32)["query"]["knn"]["vector"]["method_parameters"] == {
        "ef_search": 32
    }


def test_ef_curve_on_a_real_node_rises_to_the_exact_answer(
    opensearch_url: str, real_embeddings: np.ndarray
) -> None:
    mixture, _ = fit_mixture(real_embeddings)
    data = mixture.sample(3000, seed=1)
    queries = mixture.sample(20, seed=2)
    client = OpenSearch(hosts=[opensearch_url], timeout=120)
    index = f"test-knn-{uuid.uuid4().hex[:8]}"
    try:
        loaded = load_vectors(client, index, data, batch=500, budget_s=600)
        curve = ef_curve(client, index, queries, exact_top_k(data, queries, 10))
    finally:
        client.indices.delete(index=index, ignore_unavailable=True)
        client.close()
    assert loaded.indexed == 3000
    assert [point.ef_search for point in curve] == list(EF_SEARCHES)
    assert curve[-1].recall >= 0.95
    assert curve[-1].recall >= curve[0].recall
    assert all(point.hnsw.p50 is not None and point.took.p50 is not None for point in curve)
