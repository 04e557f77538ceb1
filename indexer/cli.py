"""The `kb` command line: one Typer app; each command lives in the module of its data-path step."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Tra cứu văn bản Tiêu chuẩn – Đo lường – Chất lượng: parse, ingest, search, serve, eval.",
    no_args_is_help=True,
    add_completion=False,
)

# Command registration (one line per command; the function lives with its step).
from indexer.store.opensearch.cli import opensearch_app  # noqa: E402

app.add_typer(opensearch_app, name="opensearch")
