"""`python -m eval.rerank_latency`: what the learned re-ranker adds to a query, in milliseconds.

The re-ranking stage alone (features of the first 40 candidates + the model) is timed inside
:meth:`SearchService.rank` on the report half of an evaluation set, in its embedded eval store
(ingested first; incremental, so a second run only searches), in every mode the model could
serve, whether or not it is switched on for it. Timing only the lexical mode ingests
without vectors. Run it on a quiet machine: the figure is CPU time on one core.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated

import typer

from eval.bench.stats import Summary, summarize
from eval.datasets import load_eval_set
from eval.quality import MemoEmbedder
from eval.run import open_store
from indexer.embed import make_embedder
from indexer.settings import Settings, get_settings
from indexer.store.base import Filters, Hit
from ingest.pipeline import Ingestor
from search_api.query import QueryPlan
from search_api.rerank import Candidates, Reranker
from search_api.schemas import Mode
from search_api.service import SearchService

TIMED_MODES: tuple[Mode, ...] = ("lexical", "hybrid")


@dataclass
class TimedReranker(Reranker):
    """A re-ranker that records the milliseconds of each :meth:`rerank`."""

    times: list[float] = field(default_factory=list)

    def rerank(self, plan: QueryPlan, candidates: Candidates) -> list[Hit]:
        began = time.perf_counter()
        try:
            return super().rerank(plan, candidates)
        finally:
            self.times.append((time.perf_counter() - began) * 1000)


def rerank_latency(
    settings: Settings,
    set_name: str,
    modes: Sequence[Mode] = TIMED_MODES,
) -> dict[str, Summary]:
    """Re-ranking milliseconds per query of the saved model, per mode, on ``set_name``."""
    model = Reranker.load()
    if model is None:
        raise typer.BadParameter("no re-ranking model: run `kb train-reranker` first")
    eval_set = load_eval_set(set_name)
    embedder = make_embedder(settings)
    store = open_store("embedded", settings, eval_set)
    try:
        vectors = embedder if any(mode != "lexical" for mode in modes) else None
        Ingestor(store, vectors).ingest(list(eval_set.corpus), collection=eval_set.collection)
        service = SearchService(store, MemoEmbedder(embedder), rerank=False)
        filters = Filters(collections=[eval_set.collection])
        found: dict[str, Summary] = {}
        for mode in modes:
            timed = TimedReranker(model.booster, tuple(modes), model.depth)
            service.reranker = timed
            for question in eval_set.split(tuning=False):
                service.rank(service.plan(question.text), mode, filters)
            found[mode] = summarize(timed.times)
        return found
    finally:
        store.close()


def main(
    set_name: Annotated[str, typer.Option("--set", help="alqac or vlsp.")] = "alqac",
    modes: Annotated[list[str] | None, typer.Option("--mode", help="Modes to time.")] = None,
) -> None:
    """Print the re-ranking stage's p50 / p95 / p99 per mode."""
    timed = [mode for mode in TIMED_MODES if modes is None or mode in modes]
    for mode, summary in rerank_latency(get_settings(), set_name, timed).items():
        typer.echo(
            f"{set_name} {mode}: {summary.count} queries, re-ranking p50 {summary.p50} ms, "
            f"p95 {summary.p95} ms, p99 {summary.p99} ms"
        )


if __name__ == "__main__":
    typer.run(main)
