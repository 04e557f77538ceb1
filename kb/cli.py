"""The `kb` command line: one Typer app; each command lives in the module of its data-path
step, and `kb serve` runs the app of :mod:`kb.app`."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from eval.bench.cli import bench_command
from eval.cli import eval_command, train_reranker_command
from ingest.embed_command import embed_command
from ingest.ingest_command import ingest_command
from ingest.parse_command import parse_command
from ops.opensearch.cli import opensearch_app
from search_api.cli import search_command

app = typer.Typer(
    help="Tra cứu văn bản Tiêu chuẩn – Đo lường – Chất lượng: parse, ingest, search, serve, eval.",
    no_args_is_help=True,
    add_completion=False,
)


def serve_command(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes (default: one per core); they share the rate limit "
            "and the metrics.",
        ),
    ] = os.cpu_count() or 1,
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = True,
    embed_missing: Annotated[
        bool,
        typer.Option(
            help="Embed the chunks a `kb ingest --no-embed` left without vectors while "
            "serving (keyword search meanwhile; hybrid once they are all done)."
        ),
    ] = True,
) -> None:
    """Serve the web UI and the HTTP API with uvicorn (X-Forwarded-For believed only from
    KB_TRUSTED_PROXIES); each worker loads the models and answers one search before it
    takes a request."""
    from rich.console import Console

    from indexer.settings import get_settings
    from ingest.background import BackgroundEmbedding
    from kb.serve import run_server, server_config, shared_state
    from search_api.settings import get_api_settings

    config = server_config(
        get_api_settings(), host=host, port=port, workers=workers, access_log=access_log
    )
    with shared_state(workers):
        background = (
            BackgroundEmbedding(get_settings(), Console(stderr=True)).start()
            if embed_missing
            else None
        )
        try:
            run_server(config)
        finally:
            if background is not None:
                background.stop(timeout=30)


app.command("ingest")(ingest_command)
app.command("embed")(embed_command)
app.command("search")(search_command)
app.command("serve")(serve_command)
app.command("eval")(eval_command)
app.command("bench")(bench_command)
app.command("train-reranker")(train_reranker_command)
app.add_typer(opensearch_app, name="opensearch")
app.command("parse")(parse_command)
