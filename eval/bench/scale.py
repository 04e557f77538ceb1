"""The whole Pháp điển (≈62k articles) as a lexical-only index on each store: ingest time,
index size, and lexical latency over HTTP at concurrency 1."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eval.bench.latency import StoreLatency, field_queries, measure_store
from eval.bench.stores import (
    FULL_SOURCE,
    BenchStore,
    StoreKind,
    directory_size,
    open_bench_store,
    opensearch_size,
    source_paths,
)
from indexer.store.opensearch.store import OpenSearchStore
from ingest.pipeline import Ingestor


@dataclass(frozen=True)
class ScaleStore:
    """One store holding the whole archive without vectors."""

    store: str
    documents: int
    chunks: int
    failed_files: int
    ingest_s: float
    size_mib: float
    latency: StoreLatency


@dataclass(frozen=True)
class ScaleBench:
    """The scale section: the archive on every store."""

    source: str
    batch_size: int
    opensearch_url: str
    stores: list[ScaleStore]


def index_size(bench: BenchStore) -> int:
    """Bytes the store occupies on disk (SQLite after a WAL checkpoint; OpenSearch primaries)."""
    if isinstance(bench.store, OpenSearchStore):
        return opensearch_size(bench.store)
    assert bench.directory is not None
    bench.store.close()  # the last connection checkpoints the WAL; the next call reopens
    return directory_size(bench.directory)


def run_scale_bench(
    home: Path,
    opensearch_url: str,
    kinds: Sequence[StoreKind],
    duration: float,
    batch_size: int = 512,
) -> ScaleBench:
    """Ingest the archive lexical-only (``Ingestor(store, None)``) into each store kind,
    measure size and lexical latency, and drop it."""
    paths = source_paths(FULL_SOURCE)
    queries = field_queries()
    stores: list[ScaleStore] = []
    for kind in kinds:
        bench = open_bench_store(kind, "full", home, opensearch_url)
        try:
            began = time.perf_counter()
            summary = Ingestor(bench.store, None, batch_size=batch_size).ingest(paths)
            ingest_s = time.perf_counter() - began
            size = index_size(bench)
            latency = measure_store(bench, queries, ("lexical",), (1,), duration)
            stores.append(
                ScaleStore(
                    store=kind,
                    documents=summary.documents,
                    chunks=bench.store.count(),
                    failed_files=len(summary.failed),
                    ingest_s=round(ingest_s, 1),
                    size_mib=round(size / 2**20, 1),
                    latency=latency,
                )
            )
        finally:
            bench.drop()
    return ScaleBench(
        source=FULL_SOURCE, batch_size=batch_size, opensearch_url=opensearch_url, stores=stores
    )
