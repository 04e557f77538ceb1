"""`kb eval`: retrieval quality report (and `--tune` to retune the parameters first)."""

from __future__ import annotations

import shlex
import sys
from datetime import date
from typing import Annotated

import typer
from rich.console import Console

console = Console(stderr=True)


def eval_command(
    sets: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="alqac, vlsp and/or sector (the sector set on the field corpus and the "
            "whole Pháp điển; default all three).",
        ),
    ] = None,
    stores: Annotated[
        list[str] | None,
        typer.Option("--store", help="embedded and/or opensearch (default both)."),
    ] = None,
    tune: Annotated[
        bool, typer.Option("--tune", help="Retune on the ALQAC tuning half and save first.")
    ] = False,
) -> None:
    """Score lexical, semantic and hybrid search on each store against plain BM25."""
    from eval.datasets import load_eval_set
    from eval.report import write_quality_report
    from eval.run import StoreKind, open_store, run_quality
    from eval.sector_eval import run_sector
    from eval.tune import tune as tune_params
    from indexer.embed import make_embedder
    from indexer.settings import get_settings
    from ingest.pipeline import Ingestor
    from search_api.params import RetrievalParams
    from search_api.service import SearchService

    settings = get_settings()
    set_names = sets or ["alqac", "vlsp", "sector"]
    for name in set_names:
        if name not in ("alqac", "vlsp", "sector"):
            raise typer.BadParameter(f"unknown set {name!r}", param_hint="--set")
    kinds: list[StoreKind] = []
    for name in stores or ["embedded", "opensearch"]:
        if name not in ("embedded", "opensearch"):
            raise typer.BadParameter(f"unknown store {name!r}", param_hint="--store")
        kinds.append(name)  # type: ignore[arg-type]
    params = RetrievalParams.tuned()
    if tune:
        alqac = load_eval_set("alqac")
        store = open_store("embedded", settings, alqac)
        embedder = make_embedder(settings)
        Ingestor(store, embedder).ingest(list(alqac.corpus), collection=alqac.collection)
        service = SearchService(store, embedder, params=params)
        params, notes = tune_params(service, alqac.split(tuning=True), alqac.collection)
        params.save()
        console.print(f"Tuned on {len(alqac.split(tuning=True))} questions: {notes}")
        console.print(params.to_dict())
    reports = run_quality(settings, [n for n in set_names if n != "sector"], kinds, params)
    sector = run_sector(settings, params) if "sector" in set_names else None
    command = "kb " + shlex.join(sys.argv[1:])
    path = write_quality_report(reports, command, sector)
    console.print(path.read_text("utf-8"))
    console.print(f"[green]Report written to {path}")


def train_reranker_command(
    lexical_only: Annotated[
        list[str] | None,
        typer.Option(
            "--lexical-only",
            help="alqac and/or vlsp: index it without vectors and train and score only "
            "the lexical mode on it (when embedding its corpus does not fit the budget).",
        ),
    ] = None,
) -> None:
    """Train the learned re-ranker on the tuning halves (ALQAC, VLSP, sector set on both
    scales), score it on the report halves, and save it with the modes where it gains."""
    from eval.report import REPORTS
    from eval.rerank_train import report_markdown, train_reranker
    from indexer.settings import get_settings
    from search_api.rerank import MODEL_FILE

    model, report = train_reranker(get_settings(), lexical_only or ())
    model.save()
    command = "kb " + shlex.join(sys.argv[1:])
    REPORTS.mkdir(exist_ok=True)
    path = REPORTS / f"{date.today().isoformat()}-reranker.md"
    path.write_text(report_markdown(report, command), "utf-8")
    console.print(path.read_text("utf-8"))
    console.print(f"[green]Model written to {MODEL_FILE}; report to {path}")
