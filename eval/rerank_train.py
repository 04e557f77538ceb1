"""`kb train-reranker`: learn the re-ranking model on the tuning halves of ALQAC, VLSP and the
sector set (the latter over the field corpus and over the whole Pháp điển), measure it on the
report halves, switch it on for the modes where it gains, and save it.

Candidates come from :meth:`SearchService.candidates` with the re-ranker off, so training
sees exactly what the service re-ranks; the report halves are scored through the whole
:meth:`SearchService.rank` (pinned articles included), with the model and without.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from eval.bench.stats import percentile
from eval.datasets import EvalQuestion, load_eval_set
from eval.quality import DEPTH, MemoEmbedder, Scores, score
from eval.rerank_latency import TimedReranker
from eval.run import open_store
from eval.scale_stores import COLLECTION, open_scale_index
from eval.sector_eval import eval_questions
from eval.sector_set import load_sector_set
from indexer.embed import make_embedder
from indexer.embed.cache import CachedEmbedder
from indexer.settings import Settings
from indexer.store.base import Filters
from indexer.store.sqlite import SqliteStore
from ingest.pipeline import Ingestor
from search_api.fuse import unit_key
from search_api.rerank import DEPTH as RERANK_DEPTH
from search_api.rerank import Reranker, train
from search_api.rerank_features import feature_matrix
from search_api.schemas import Mode
from search_api.service import SearchService

RERANKED_MODES: tuple[Mode, ...] = ("lexical", "hybrid")
#: A mode keeps the model when the report halves gain overall and none loses more than this.
MAX_LOSS = 0.005


@dataclass
class Source:
    """One index with its tuning and report questions and the modes it can run."""

    name: str
    service: SearchService
    collection: str
    tune: list[EvalQuestion]
    report: list[EvalQuestion]
    modes: tuple[Mode, ...]


@dataclass
class TrainingReport:
    """Before/after scores on the report halves, the modes switched on, the timings."""

    groups: int = 0
    rows: int = 0
    scores: dict[str, dict[str, dict[str, Scores]]] = field(default_factory=dict)
    enabled: list[str] = field(default_factory=list)
    rerank_p50_ms: float = 0.0
    rerank_p95_ms: float = 0.0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "groups": self.groups,
            "rows": self.rows,
            "enabled": self.enabled,
            "rerank_p50_ms": self.rerank_p50_ms,
            "rerank_p95_ms": self.rerank_p95_ms,
            "seconds": self.seconds,
            "scores": {
                name: {
                    run: {k: s.as_dict() for k, s in runs.items()} for run, runs in modes.items()
                }
                for name, modes in self.scores.items()
            },
        }


def _eval_set_source(
    name: str, settings: Settings, embedder: CachedEmbedder, memo: MemoEmbedder, dense: bool
) -> Source:
    """ALQAC or VLSP in its embedded eval store, or, without ``dense``, in a lexical-only
    store of its own (``eval-<name>-lexical``) that only the lexical mode runs on."""
    eval_set = load_eval_set(name)
    if dense:
        store = open_store("embedded", settings, eval_set)
    else:
        store = SqliteStore(settings.home / "stores" / f"{eval_set.collection}-lexical")
    ingestor = Ingestor(store, embedder if dense else None, batch_size=512)
    ingestor.ingest(list(eval_set.corpus), collection=eval_set.collection)
    return Source(
        name if dense else f"{name} (lexical index)",
        SearchService(store, memo, rerank=False),
        eval_set.collection,
        eval_set.split(tuning=True),
        eval_set.split(tuning=False),
        RERANKED_MODES if dense else ("lexical",),
    )


def sources(settings: Settings, lexical_only: Sequence[str] = ()) -> list[Source]:
    """ALQAC and VLSP (those named in ``lexical_only`` without vectors), the sector set on
    both scales."""
    embedder = make_embedder(settings)
    memo = MemoEmbedder(embedder)
    found = [
        _eval_set_source(name, settings, embedder, memo, dense=name not in lexical_only)
        for name in ("alqac", "vlsp")
    ]
    queries = load_sector_set()
    for scale in ("field", "full"):
        index = open_scale_index(scale, settings, embedder if scale == "field" else None)
        questions = eval_questions(queries, index.store)
        tune = [q for q, s in zip(questions, queries, strict=True) if s.tuning]
        report = [q for q, s in zip(questions, queries, strict=True) if not s.tuning]
        modes: tuple[Mode, ...] = RERANKED_MODES if index.dense else ("lexical",)
        service = SearchService(index.store, memo, rerank=False)
        found.append(Source(f"sector-{scale}", service, COLLECTION, tune, report, modes))
    return found


def training_groups(source: Source) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, labels) of every tuning question in every mode of ``source``."""
    filters = Filters(collections=[source.collection])
    groups = []
    for mode in source.modes:
        for question in source.tune:
            plan = source.service.plan(question.text)
            if not plan.residual.strip():
                continue
            found = source.service.candidates(plan, mode, filters)
            head = found.ranked[:RERANK_DEPTH]
            if not head:
                continue
            rows = feature_matrix(plan, head, found.lexical, found.dense)
            labels = np.array([unit_key(h.chunk) in question.gold for h in head], dtype=float)
            groups.append((rows, labels))
    return groups


def _rankings(source: Source, mode: Mode, reranker: Reranker | None) -> list[list[str]]:
    filters = Filters(collections=[source.collection])
    source.service.reranker = reranker
    ranked = []
    for question in source.report:
        hits, _ = source.service.rank(source.service.plan(question.text), mode, filters)
        ranked.append([unit_key(h.chunk) for h in hits[:DEPTH]])
    source.service.reranker = None
    return ranked


def _gains(report: TrainingReport, mode: Mode) -> list[float]:
    return [
        runs[f"{mode} + rerank"].mrr_10 - runs[mode].mrr_10
        for runs in ({k: v["all"] for k, v in modes.items()} for modes in report.scores.values())
        if mode in runs
    ]


def train_reranker(
    settings: Settings, lexical_only: Sequence[str] = ()
) -> tuple[Reranker, TrainingReport]:
    """Train on every tuning half, score the report halves, keep the modes that gain."""
    began = time.perf_counter()
    report = TrainingReport()
    found = sources(settings, lexical_only)
    groups = [group for source in found for group in training_groups(source)]
    model = train(groups, RERANKED_MODES)
    report.groups, report.rows = len(groups), sum(len(y) for _, y in groups)
    timed = TimedReranker(model.booster, model.modes, model.depth)
    for source in found:
        report.scores[source.name] = {}
        for mode in source.modes:
            for label, reranker in ((mode, None), (f"{mode} + rerank", timed)):
                ranked = _rankings(source, mode, reranker)
                report.scores[source.name][label] = {"all": score(ranked, source.report)}
    report.enabled = [
        mode
        for mode in RERANKED_MODES
        if sum(_gains(report, mode)) > 0 and min(_gains(report, mode)) >= -MAX_LOSS
    ]
    model.modes = tuple(report.enabled)
    model.info = {"groups": report.groups, "rows": report.rows, "report": report.as_dict()}
    report.rerank_p50_ms = round(percentile(timed.times, 50), 2)
    report.rerank_p95_ms = round(percentile(timed.times, 95), 2)
    report.seconds = round(time.perf_counter() - began, 1)
    for source in found:
        source.service.store.close()
    return model, report


def report_markdown(report: TrainingReport, command: str, sets: Sequence[str] = ()) -> str:
    """The before/after table of the report halves."""
    lines = [
        "## Learned re-ranking (LightGBM LambdaRank)",
        "",
        f"Command: `{command}` ({report.seconds} s). Trained on the tuning halves "
        f"({report.groups} candidate lists, {report.rows} rows); scored on the report halves "
        "through `SearchService.rank`. Switched on for: "
        + (", ".join(report.enabled) or "no mode")
        + f" (a mode keeps it when the halves gain overall and none loses more than {MAX_LOSS})."
        f" Re-ranking alone (features + model, {RERANK_DEPTH} candidates): "
        f"p50 {report.rerank_p50_ms} ms, p95 {report.rerank_p95_ms} ms per query.",
        "",
        "| set | run | R@1 | R@5 | R@10 | MRR@10 | nDCG@10 |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, runs in report.scores.items():
        for run, by_kind in runs.items():
            s = by_kind["all"]
            lines.append(
                f"| {name} | {run} | {s.recall_1:.3f} | {s.recall_5:.3f} | {s.recall_10:.3f} "
                f"| {s.mrr_10:.3f} | {s.ndcg_10:.3f} |"
            )
    return "\n".join([*lines, ""])
