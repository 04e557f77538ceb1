"""`kb eval`: ingest each evaluation corpus into each store, score every mode and query
variant on the report half, and compare with plain BM25 — one command, one report."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from eval.baseline import baseline_rankings, build_baseline_index
from eval.datasets import EvalSet, load_eval_set
from eval.quality import VARIANTS, MemoEmbedder, Scores, evaluate, score
from eval.restoration import syllable_accuracy
from indexer.analysis import fold
from indexer.embed import make_embedder
from indexer.settings import Settings
from indexer.store.base import Store
from indexer.store.opensearch.client import make_client
from indexer.store.opensearch.store import OpenSearchStore
from indexer.store.sqlite import SqliteStore
from ingest.pipeline import Ingestor
from search_api.params import RetrievalParams
from search_api.service import SearchService

StoreKind = Literal["embedded", "opensearch"]


@dataclass
class SetReport:
    """Results for one evaluation set."""

    name: str
    questions: int
    report_questions: int
    ingest_seconds: dict[str, float] = field(default_factory=dict)
    stores: dict[str, dict[str, dict[str, Scores]]] = field(default_factory=dict)
    baseline: dict[str, Scores] = field(default_factory=dict)
    syllable_accuracy: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "questions": self.questions,
            "report_questions": self.report_questions,
            "ingest_seconds": self.ingest_seconds,
            "syllable_accuracy": self.syllable_accuracy,
            "baseline_bm25_standard": {k: v.as_dict() for k, v in self.baseline.items()},
            "stores": {
                store: {
                    variant: {mode: s.as_dict() for mode, s in modes.items()}
                    for variant, modes in variants.items()
                }
                for store, variants in self.stores.items()
            },
        }


def open_store(kind: StoreKind, settings: Settings, eval_set: EvalSet) -> Store:
    """The store an evaluation set is indexed in, kept between runs (ingest is incremental)."""
    if kind == "embedded":
        return SqliteStore(settings.home / "stores" / eval_set.collection)
    return OpenSearchStore(settings.opensearch_url, prefix=eval_set.collection)


def evaluate_set(
    eval_set: EvalSet,
    settings: Settings,
    store_kinds: Sequence[StoreKind],
    params: RetrievalParams,
) -> SetReport:
    """Ingest, then score every store, variant and mode on the report half."""
    report_half = eval_set.split(tuning=False)
    report = SetReport(
        name=eval_set.name,
        questions=len(eval_set.questions),
        report_questions=len(report_half),
    )
    embedder = make_embedder(settings)
    query_embedder = MemoEmbedder(embedder)
    for kind in store_kinds:
        store = open_store(kind, settings, eval_set)
        started = time.perf_counter()
        Ingestor(store, embedder).ingest(list(eval_set.corpus), collection=eval_set.collection)
        report.ingest_seconds[kind] = round(time.perf_counter() - started, 1)
        service = SearchService(store, query_embedder, params=params)
        report.stores[kind] = evaluate(service, report_half, eval_set.collection, VARIANTS)
        if report.syllable_accuracy is None and service.artifacts.accents is not None:
            report.syllable_accuracy = syllable_accuracy(
                service.artifacts.accents, [q.text for q in eval_set.questions]
            )
        store.close()
    if "opensearch" in store_kinds:
        report.baseline = _baseline(eval_set, settings)
    return report


def _baseline(eval_set: EvalSet, settings: Settings) -> dict[str, Scores]:
    client = make_client(settings.opensearch_url, timeout=60)
    index = f"{eval_set.collection}-baseline-bm25"
    build_baseline_index(client, index, eval_set.corpus[0])
    report_half = eval_set.split(tuning=False)
    texts = [q.text for q in report_half]
    return {
        "accented": score(baseline_rankings(client, index, texts), report_half),
        "stripped": score(baseline_rankings(client, index, [fold(t) for t in texts]), report_half),
    }


def run_quality(
    settings: Settings,
    set_names: Sequence[str] = ("alqac", "vlsp"),
    store_kinds: Sequence[StoreKind] = ("embedded", "opensearch"),
    params: RetrievalParams | None = None,
) -> list[SetReport]:
    """Evaluate every named set; the parameters default to the tuned ones."""
    params = params or RetrievalParams.tuned()
    return [evaluate_set(load_eval_set(name), settings, store_kinds, params) for name in set_names]
