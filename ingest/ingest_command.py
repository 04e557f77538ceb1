"""`kb ingest`: index files, folders or archives, with a progress bar and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from indexer.models import ParseFailure
from indexer.settings import get_settings
from indexer.store.base import StoreUnavailableError

if TYPE_CHECKING:
    from ingest.pipeline import IngestSummary

console = Console(stderr=True)


#: The manifest sources indexed by `--default-corpus` (and `make run`): the field corpus,
#: the standards catalogue, the QCVN full texts and the vbpl.vn list of documents.
DEFAULT_SOURCES = ("phapdien-field", "catalogues", "qcvn-texts", "vbpl-index")


def _default_corpus() -> list[Path]:
    from corpora.manifest import get_source

    return [path for name in DEFAULT_SOURCES for path in get_source(name).inputs()]


def ingest_command(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files, folders or archives to index.")
    ] = None,
    collection: Annotated[str, typer.Option(help="Collection to index into.")] = "default",
    default_corpus: Annotated[
        bool,
        typer.Option(
            "--default-corpus",
            help="Index the field corpus (Pháp điển 19.x), the standards catalogue, the QCVN "
            "full texts and the vbpl.vn list.",
        ),
    ] = False,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Do nothing when the store already has chunks.")
    ] = False,
) -> None:
    """Parse, chunk, analyse, embed and store documents; unchanged chunks are skipped."""
    from indexer.embed import embedding_dim, make_embedder
    from indexer.store import make_store
    from ingest.pipeline import Ingestor

    settings = get_settings()
    store = make_store(settings, dim=embedding_dim(settings), patient=True)
    targets = list(paths or []) + (_default_corpus() if default_corpus else [])
    if not targets:
        raise typer.BadParameter("give at least one PATH or --default-corpus")
    if if_empty and store.count() > 0:
        console.print(f"[green]Store already holds {store.count()} chunks; nothing to do.")
        return
    ingestor = Ingestor(store, make_embedder(settings))
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Parsing…", total=None)
        printed = 0

        def report(summary: IngestSummary) -> None:
            nonlocal printed
            for failure in summary.failed[printed:]:  # as they happen, not only at the end
                progress.console.print(_failure_line(failure), soft_wrap=True)
            printed = len(summary.failed)
            progress.update(
                task,
                description=(
                    f"{summary.documents} documents · {summary.added} added · "
                    f"{summary.updated} updated · {summary.unchanged} unchanged"
                ),
            )

        try:
            summary = ingestor.ingest(targets, collection=collection, on_progress=report)
        except StoreUnavailableError as error:
            console.print(Text.assemble(("error:", "red"), f" {error}"), soft_wrap=True)
            console.print(
                "What was written stays; run the same command again once the store answers: "
                "unchanged chunks are skipped and the index converges."
            )
            raise typer.Exit(1) from error
    _print_summary(summary)
    store.close()


def _failure_line(failure: ParseFailure) -> Text:
    """ "failed PATH: REASON", the path and reason as plain text (never read as markup)."""
    return Text.assemble(("failed", "red"), f" {failure.path}: {failure.reason}")


def _print_summary(summary: IngestSummary) -> None:
    table = Table(title="Ingest summary", show_header=False)
    for label, value in (
        ("documents", summary.documents),
        ("chunks added", summary.added),
        ("chunks updated", summary.updated),
        ("chunks unchanged", summary.unchanged),
        ("chunks deleted", summary.deleted),
        ("documents deleted", summary.deleted_documents),
        ("passages embedded", summary.embedded),
        ("files or lines failed", len(summary.failed)),
        ("source lists stored", ", ".join(summary.sources) or "none"),
        ("seconds", f"{summary.seconds:.1f}"),
    ):
        table.add_row(label, str(value))
    console.print(table)
    if summary.embedded == 0:
        console.print("Nothing needed embedding: every chunk was unchanged or cached.")
    if summary.failed:
        console.print(f"[red]{len(summary.failed)} files failed[/red] (each reported above).")
