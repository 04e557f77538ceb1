"""The sector set at real size: its report half searched in the field corpus alone and in the
whole Pháp điển, per query kind and mode, with in-process latency, so the loss from 60× more
distractors shows in one table.

The whole archive is indexed lexical-only (embedding its 96,654 chunks would take about eight
hours at the measured 3.3 chunks/s on this machine), so only the lexical modes run on it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eval.bench.stats import percentile
from eval.datasets import EvalQuestion
from eval.quality import DEPTH, MemoEmbedder, Scores, score
from eval.scale_stores import COLLECTION, SCALES, Scale, ScaleIndex, open_scale_index
from eval.sector_set import KINDS, SectorQuery, load_sector_set
from indexer.embed import make_embedder
from indexer.settings import Settings
from indexer.store.base import Filters, Store
from search_api.fuse import unit_key
from search_api.params import RetrievalParams
from search_api.schemas import Mode
from search_api.service import SearchService

DENSE_MODES: tuple[Mode, ...] = ("lexical", "semantic", "hybrid")
LEXICAL_MODES: tuple[Mode, ...] = ("lexical",)
ALL = "all"


@dataclass(frozen=True)
class RunScores:
    """One scale × mode: scores overall and per kind, and the in-process latency (ms)."""

    by_kind: dict[str, Scores]
    p50_ms: float
    p95_ms: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "by_kind": {k: s.as_dict() for k, s in self.by_kind.items()},
            "p50_ms": self.p50_ms,
            "p95_ms": self.p95_ms,
        }


@dataclass
class SectorReport:
    """The sector set's results on every scale."""

    queries: int
    report_queries: int
    chunks: dict[str, int] = field(default_factory=dict)
    ingest_seconds: dict[str, float] = field(default_factory=dict)
    runs: dict[str, dict[str, RunScores]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": "sector",
            "queries": self.queries,
            "report_queries": self.report_queries,
            "chunks": self.chunks,
            "ingest_seconds": self.ingest_seconds,
            "runs": {
                scale: {mode: run.as_dict() for mode, run in modes.items()}
                for scale, modes in self.runs.items()
            },
        }


def eval_questions(queries: Sequence[SectorQuery], store: Store) -> list[EvalQuestion]:
    """The queries as evaluation questions, gold keyed by the stored documents' ids."""
    doc_ids = {meta.number: meta.id for meta in store.list_documents() if meta.number}
    return [EvalQuestion(id=q.id, text=q.text, gold=q.gold(doc_ids)) for q in queries]


def service_ranking(service: SearchService, text: str, mode: Mode, collection: str) -> list[str]:
    """The top unit keys of the service for a query as typed (restored when unaccented)."""
    hits, _ = service.rank(service.plan(text), mode, Filters(collections=[collection]))
    return [unit_key(hit.chunk) for hit in hits[:DEPTH]]


def score_run(
    service: SearchService,
    queries: Sequence[SectorQuery],
    questions: Sequence[EvalQuestion],
    mode: Mode,
    collection: str = COLLECTION,
) -> RunScores:
    """Scores per kind (and overall) of one mode, timing each query."""
    ranked: list[list[str]] = []
    times: list[float] = []
    for question in questions:
        began = time.perf_counter()
        ranked.append(service_ranking(service, question.text, mode, collection))
        times.append((time.perf_counter() - began) * 1000)
    by_kind = {ALL: score(ranked, questions)}
    for kind in KINDS:
        picked = [i for i, q in enumerate(queries) if q.kind == kind]
        by_kind[kind] = score([ranked[i] for i in picked], [questions[i] for i in picked])
    return RunScores(
        by_kind=by_kind,
        p50_ms=round(percentile(times, 50), 1),
        p95_ms=round(percentile(times, 95), 1),
    )


def run_sector(
    settings: Settings,
    params: RetrievalParams | None = None,
    scales: Sequence[Scale] = SCALES,
) -> SectorReport:
    """Index (or reuse) each scale, then score the report half in every mode it allows."""
    queries = [q for q in load_sector_set() if not q.tuning]
    report = SectorReport(queries=len(load_sector_set()), report_queries=len(queries))
    embedder = make_embedder(settings)
    query_embedder = MemoEmbedder(embedder)
    params = params or RetrievalParams.tuned()
    field_index = open_scale_index("field", settings, embedder)
    questions = eval_questions(queries, field_index.store)
    for scale in scales:
        index = field_index if scale == "field" else open_scale_index(scale, settings, None)
        report.runs[scale] = _score_index(index, queries, questions, query_embedder, params)
        report.chunks[scale] = index.store.count()
        report.ingest_seconds[scale] = index.ingest_seconds
        if index is not field_index:
            index.store.close()
    field_index.store.close()
    return report


def _score_index(
    index: ScaleIndex,
    queries: Sequence[SectorQuery],
    questions: Sequence[EvalQuestion],
    embedder: MemoEmbedder,
    params: RetrievalParams,
) -> dict[str, RunScores]:
    """Every mode the index allows without the re-ranker, and with it where it is on."""
    service = SearchService(index.store, embedder, params=params)
    reranker, service.reranker = service.reranker, None
    runs: dict[str, RunScores] = {}
    for mode in DENSE_MODES if index.dense else LEXICAL_MODES:
        runs[mode] = score_run(service, queries, questions, mode)
        if reranker is not None and reranker.applies(mode):
            service.reranker = reranker
            runs[f"{mode} + rerank"] = score_run(service, queries, questions, mode)
            service.reranker = None
    return runs
