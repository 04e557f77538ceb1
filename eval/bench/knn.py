"""Synthetic kNN at 100k and 1M vectors: OpenSearch Lucene HNSW against exact search.

Vectors are drawn from a Gaussian mixture fitted to real passage embeddings of the field
corpus (:mod:`eval.bench.vectors`; query vectors are further draws), or, with
``vectors="uniform"``, are uniformly random unit vectors (seeded): no cluster structure,
every distance alike, the hard case for a graph index. The exact search is the embedded store's
kernel (``matrix @ q`` on one BLAS thread as in the API process, arg-partition, sort, as
``SqliteStore.dense``); it is also the
ground truth of recall@k (|HNSW top-k ∩ exact top-k| / k). The HNSW index uses the
project's vector mapping (Lucene engine, m 16, ef_construction 256 unless told otherwise)
and query-time ``ef_search`` = max(k, 256), as the store's dense query does; it keeps no
``_source``; recall@10 and latency are also measured as ``ef_search`` varies (the curve).
Vectors are sent in bulk requests of ``batch`` documents over two streams, with refresh
off, no replica, an asynchronous translog that flushes only every few GiB (so segments
are flushed large and seldom merged) and merges not IO-throttled (merging HNSW graphs is
CPU-bound: throttled, a merge sat at 7 % CPU); the index time is bulk + refresh + waiting for
background merges to finish. A size whose loading exceeds
the time budget is measured as far as it got: ``indexed`` says how far, and the exact
search and recall then use the same prefix of the vectors.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from opensearchpy import OpenSearch
from threadpoolctl import threadpool_limits

from eval.bench.memory import ProcessMemory, process_memory
from eval.bench.stats import Summary, recall_at_k, summarize
from eval.bench.vectors import MixtureFit, fit_mixture
from indexer.store.opensearch.mapping import (
    HNSW_EF_CONSTRUCTION,
    HNSW_EF_SEARCH,
    HNSW_M,
    knn_index_settings,
    knn_vector_mapping,
)

DIM = 384
KS = (1, 5, 10, 20, 50, 100)
#: The k of the latency figures and of the ef_search curve.
LATENCY_K = 10
#: The ef_search values of the curve (the store's own is HNSW_EF_SEARCH).
EF_SEARCHES = (16, 32, 64, 128, 256, 512, 1024)


def unit_vectors(n: int, dim: int, seed: int) -> np.ndarray:
    """``n`` random unit vectors (float32), generated in blocks to bound temporary memory."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):
        block = rng.standard_normal((min(100_000, n - start), dim), dtype=np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start : start + len(block)] = block
    return out


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` highest scores of each row, best first."""
    k = min(k, scores.shape[-1])
    best = np.argpartition(-scores, k - 1, axis=-1)[..., :k]
    order = np.argsort(-np.take_along_axis(scores, best, axis=-1), axis=-1, kind="stable")
    return np.take_along_axis(best, order, axis=-1)


def exact_top_k(matrix: np.ndarray, queries: np.ndarray, k: int, block: int = 32) -> np.ndarray:
    """(len(queries), k) indices of the exact nearest rows by dot product (cosine for unit
    vectors), queries taken ``block`` at a time."""
    parts = [top_k(queries[i : i + block] @ matrix.T, k) for i in range(0, len(queries), block)]
    return np.vstack(parts)


def exact_latency(matrix: np.ndarray, queries: np.ndarray, k: int) -> Summary:
    """Milliseconds per query of the embedded store's exact kernel, one query at a time,
    on one BLAS thread as in the API process."""
    times = []
    with threadpool_limits(limits=1, user_api="blas"):
        for query in queries:
            began = time.perf_counter()
            top_k(matrix @ query, k)
            times.append((time.perf_counter() - began) * 1000)
    return summarize(times)


def knn_index_body(dim: int, ef_construction: int = HNSW_EF_CONSTRUCTION) -> dict[str, Any]:
    """One shard, no replica, refresh off, a translog that seldom forces a flush and merges
    without IO throttling while loading, vectors only (no ``_source``)."""
    settings = knn_index_settings()
    settings.update(
        {
            "index.number_of_shards": 1,
            "index.number_of_replicas": 0,
            "index.refresh_interval": "-1",
            "index.translog.durability": "async",
            "index.translog.flush_threshold_size": "8gb",
            # merges rebuild HNSW graphs (CPU-bound); the IO throttle only made them idle
            "index.merge.scheduler.auto_throttle": False,
        }
    )
    vector = knn_vector_mapping(dim)
    vector["method"]["parameters"]["ef_construction"] = ef_construction
    return {
        "settings": settings,
        "mappings": {"_source": {"enabled": False}, "properties": {"vector": vector}},
    }


def bulk_body(index: str, vectors: np.ndarray, first_id: int) -> str:
    """An ndjson bulk body indexing ``vectors`` with ids ``first_id``, ``first_id + 1``, …"""
    lines = []
    for offset, vector in enumerate(vectors):
        lines.append(json.dumps({"index": {"_index": index, "_id": str(first_id + offset)}}))
        lines.append('{"vector":[' + ",".join(f"{x:.9g}" for x in vector.tolist()) + "]}")
    return "\n".join(lines) + "\n"


def knn_body(vector: np.ndarray, k: int, ef_search: int | None = None) -> dict[str, Any]:
    """The store's dense query (ef_search = max(k, 256) unless given), returning ids only."""
    return {
        "size": k,
        "_source": False,
        "query": {
            "knn": {
                "vector": {
                    "vector": vector.tolist(),
                    "k": k,
                    "method_parameters": {"ef_search": ef_search or max(k, HNSW_EF_SEARCH)},
                }
            }
        },
    }


@dataclass(frozen=True)
class Loaded:
    """How loading went: vectors indexed, seconds per phase, segments after merging."""

    indexed: int
    bulk_s: float
    refresh_s: float
    merge_wait_s: float
    merges_left: int
    segments: int
    size_mib: float


def _merges_running(client: OpenSearch, index: str) -> int:
    stats = client.indices.stats(index=index, metric="merge")
    return int(stats["_all"]["total"]["merges"]["current"])


def load_vectors(
    client: OpenSearch,
    index: str,
    matrix: np.ndarray,
    batch: int,
    budget_s: float,
    ef_construction: int = HNSW_EF_CONSTRUCTION,
    streams: int = 2,
) -> Loaded:
    """Create ``index`` and bulk ``matrix`` into it over ``streams`` concurrent requests
    (one indexing thread each), refresh, wait for background merges and refresh again (so
    searches read the merged segments); sending stops when
    ``budget_s`` runs out, and so does waiting for merges (``merges_left`` then counts the
    merges still running while the queries are measured)."""
    client.indices.create(index=index, body=knn_index_body(matrix.shape[1], ef_construction))

    def send(start: int) -> int:
        part = matrix[start : start + batch]
        result = client.bulk(body=bulk_body(index, part, start), request_timeout=1800)
        if result.get("errors"):
            raise RuntimeError(f"bulk into {index} reported errors at {start}")
        return len(part)

    began = time.perf_counter()
    indexed = 0
    with ThreadPoolExecutor(streams) as pool:
        running: set[Future[int]] = set()
        for start in range(0, len(matrix), batch):
            if time.perf_counter() - began > budget_s:
                break
            if len(running) >= streams:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                indexed += sum(f.result() for f in done)
            running.add(pool.submit(send, start))
        indexed += sum(f.result() for f in running)
    bulk_s = time.perf_counter() - began
    began = time.perf_counter()
    client.indices.refresh(index=index, request_timeout=3600)
    refresh_s = time.perf_counter() - began
    began = time.perf_counter()
    while _merges_running(client, index) and time.perf_counter() - began < budget_s:
        time.sleep(2)
    merge_s = time.perf_counter() - began
    # with refresh off, searches would keep reading the segments from before the merges
    client.indices.refresh(index=index, request_timeout=3600)
    shard = client.indices.segments(index=index)["indices"][index]["shards"]["0"][0]
    store = client.indices.stats(index=index, metric="store")["_all"]["primaries"]["store"]
    return Loaded(
        indexed=indexed,
        bulk_s=round(bulk_s, 1),
        refresh_s=round(refresh_s, 1),
        merge_wait_s=round(merge_s, 1),
        merges_left=_merges_running(client, index),
        segments=int(shard["num_search_segments"]),
        size_mib=round(int(store["size_in_bytes"]) / 2**20, 1),
    )


def hnsw_search(
    client: OpenSearch, index: str, queries: np.ndarray, k: int, ef_search: int | None = None
) -> tuple[list[list[int]], list[float], list[float]]:
    """Ids found per query, with the client-side and the ``took`` milliseconds."""
    found: list[list[int]] = []
    wall: list[float] = []
    took: list[float] = []
    for query in queries:
        began = time.perf_counter()
        body = knn_body(query, k, ef_search)
        result = client.search(index=index, body=body, request_timeout=120)
        wall.append((time.perf_counter() - began) * 1000)
        took.append(float(result["took"]))
        found.append([int(hit["_id"]) for hit in result["hits"]["hits"]])
    return found, wall, took


@dataclass(frozen=True)
class EfPoint:
    """Recall@10 and latency at one query-time ``ef_search``."""

    ef_search: int
    recall: float
    hnsw: Summary
    took: Summary


@dataclass(frozen=True)
class KnnSize:
    """One collection size: loading, latency at k = 10, recall@k for every k, and the
    ef_search curve."""

    n: int
    loaded: Loaded
    exact: Summary
    hnsw: Summary
    took: Summary
    recall: dict[str, float]
    node_memory: ProcessMemory | None
    curve: list[EfPoint] = field(default_factory=list)


@dataclass(frozen=True)
class KnnBench:
    """The kNN section."""

    dim: int
    queries: int
    ks: list[int]
    m: int
    ef_construction: int
    ef_search: int
    batch: int
    node_url: str
    heap: str
    sizes: list[KnnSize] = field(default_factory=list)
    #: What the mixture was fitted to; None for uniform vectors.
    fit: MixtureFit | None = None


def ef_curve(
    client: OpenSearch, index: str, queries: np.ndarray, exact: np.ndarray
) -> list[EfPoint]:
    """Recall@10 against ``exact`` and latency at every ef_search of :data:`EF_SEARCHES`."""
    points = []
    for ef in EF_SEARCHES:
        found, wall, took = hnsw_search(client, index, queries, LATENCY_K, ef)
        recall = recall_at_k(found, exact[:, :LATENCY_K].tolist(), LATENCY_K)
        points.append(EfPoint(ef, round(recall, 4), summarize(wall), summarize(took)))
    return points


def measure_size(
    client: OpenSearch,
    index: str,
    matrix: np.ndarray,
    queries: np.ndarray,
    ks: Sequence[int],
    batch: int,
    budget_s: float,
    ef_construction: int = HNSW_EF_CONSTRUCTION,
) -> tuple[Loaded, Summary, Summary, Summary, dict[str, float], list[EfPoint]]:
    """Load ``matrix`` into ``index``, then time exact and HNSW search, score recall and
    trace the ef_search curve."""
    loaded = load_vectors(client, index, matrix, batch, budget_s, ef_construction)
    indexed = matrix[: loaded.indexed]
    exact = exact_top_k(indexed, queries, max(ks))
    hnsw_search(client, index, queries[:20], LATENCY_K)  # warm-up
    recall: dict[str, float] = {}
    wall: list[float] = []
    took: list[float] = []
    for k in ks:
        found, k_wall, k_took = hnsw_search(client, index, queries, k)
        recall[str(k)] = round(recall_at_k(found, exact[:, :k].tolist(), k), 4)
        if k == LATENCY_K:
            wall, took = k_wall, k_took
    curve = ef_curve(client, index, queries, exact)
    exact_times = exact_latency(indexed, queries, LATENCY_K)
    return loaded, exact_times, summarize(wall), summarize(took), recall, curve


def run_knn_bench(
    node_url: str,
    node_pid: int | None,
    heap: str,
    sizes: Sequence[int],
    n_queries: int = 200,
    ks: Sequence[int] = KS,
    batch: int = 2000,
    budget_s: float = 3 * 3600,
    ef_construction: int = HNSW_EF_CONSTRUCTION,
    reference: np.ndarray | None = None,
) -> KnnBench:
    """Measure every size on the node at ``node_url``; each index is deleted afterwards.
    Vectors come from a mixture fitted to the ``reference`` embeddings (uniform when
    there are none); the smaller collections are prefixes of the largest one."""
    fit = None
    if reference is None:
        data = unit_vectors(max(sizes), DIM, seed=1)
        queries = unit_vectors(n_queries, DIM, seed=2)
    else:
        mixture, fit = fit_mixture(reference)
        data = mixture.sample(max(sizes), seed=1)
        queries = mixture.sample(n_queries, seed=2)
    bench = KnnBench(
        dim=data.shape[1],
        queries=n_queries,
        ks=list(ks),
        m=HNSW_M,
        ef_construction=ef_construction,
        ef_search=HNSW_EF_SEARCH,
        batch=batch,
        node_url=node_url,
        heap=heap,
        fit=fit,
    )
    client = OpenSearch(hosts=[node_url], timeout=600)
    try:
        for n in sorted(sizes):
            index = f"bench-{os.getpid()}-knn-{n}"
            try:
                loaded, exact, hnsw, took, recall, curve = measure_size(
                    client, index, data[:n], queries, ks, batch, budget_s, ef_construction
                )
                memory = process_memory(node_pid) if node_pid else None
            finally:
                client.indices.delete(index=index, ignore_unavailable=True)
            bench.sizes.append(KnnSize(n, loaded, exact, hnsw, took, recall, memory, curve))
    finally:
        client.close()
    return bench
