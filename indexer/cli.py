"""The `kb` command line: one Typer app; each command lives in the module of its data-path step."""

from __future__ import annotations

import typer

from eval.bench.cli import bench_command
from eval.cli import eval_command
from indexer.ingest_command import ingest_command
from indexer.parse.cli import parse_command
from indexer.store.opensearch.cli import opensearch_app
from search_api.cli import search_command, serve_command

app = typer.Typer(
    help="Tra cứu văn bản Tiêu chuẩn – Đo lường – Chất lượng: parse, ingest, search, serve, eval.",
    no_args_is_help=True,
    add_completion=False,
)

app.command("ingest")(ingest_command)
app.command("search")(search_command)
app.command("serve")(serve_command)
app.command("eval")(eval_command)
app.command("bench")(bench_command)
app.add_typer(opensearch_app, name="opensearch")
app.command("parse")(parse_command)
