"""The `kb` command line: one Typer app; each command lives in the module of its data-path
step, and `kb serve` runs the app of :mod:`kb.app`."""

from __future__ import annotations

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
) -> None:
    """Serve the web UI and the HTTP API with uvicorn (X-Forwarded-For believed only from
    KB_TRUSTED_PROXIES)."""
    import uvicorn

    from kb.serve import server_config
    from search_api.settings import get_api_settings

    uvicorn.Server(server_config(get_api_settings(), host=host, port=port)).run()


app.command("ingest")(ingest_command)
app.command("embed")(embed_command)
app.command("search")(search_command)
app.command("serve")(serve_command)
app.command("eval")(eval_command)
app.command("bench")(bench_command)
app.command("train-reranker")(train_reranker_command)
app.add_typer(opensearch_app, name="opensearch")
app.command("parse")(parse_command)
