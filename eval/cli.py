"""`kb eval`: retrieval quality report (and `--tune` to retune the parameters first)."""

from __future__ import annotations

import shlex
import sys
from typing import Annotated

import typer
from rich.console import Console

console = Console(stderr=True)


def eval_command(
    sets: Annotated[
        list[str] | None, typer.Option("--set", help="alqac and/or vlsp (default both).")
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
    from eval.tune import tune as tune_params
    from indexer.embed import make_embedder
    from indexer.settings import get_settings
    from ingest.pipeline import Ingestor
    from search_api.params import RetrievalParams
    from search_api.service import SearchService

    settings = get_settings()
    set_names = sets or ["alqac", "vlsp"]
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
    reports = run_quality(settings, set_names, kinds, params)
    command = "kb " + shlex.join(sys.argv[1:])
    path = write_quality_report(reports, command)
    console.print(path.read_text("utf-8"))
    console.print(f"[green]Report written to {path}")
