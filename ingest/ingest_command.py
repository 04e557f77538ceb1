"""`kb ingest`: index files, folders or archives, with a progress bar and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from indexer.models import ParseFailure
from indexer.settings import get_settings
from indexer.store.base import StoreUnavailableError
from ingest.embed_command import run_embedding
from ingest.progress import StatusDisplay

if TYPE_CHECKING:
    from ingest.pipeline import Ingestor, IngestSummary

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
    no_embed: Annotated[
        bool,
        typer.Option(
            "--no-embed",
            help="Index for keyword search only, now; `kb embed` adds the vectors later.",
        ),
    ] = False,
) -> None:
    """Parse, chunk, analyse, embed and store documents; unchanged chunks are skipped.
    Chunks an earlier `--no-embed` run left without vectors are embedded too."""
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
    embedder = make_embedder(settings)  # the model loads on the first passage only
    if no_embed:
        ingestor = Ingestor(store, None, model_id=embedder.model_id)
    else:
        ingestor = Ingestor(store, embedder)
    try:
        _run(ingestor, targets, collection, no_embed)
    except StoreUnavailableError as error:
        console.print(Text.assemble(("error:", "red"), f" {error}"), soft_wrap=True)
        console.print(
            "What was written stays; run the same command again once the store answers: "
            "unchanged chunks are skipped and the index converges."
        )
        raise typer.Exit(1) from error
    finally:
        store.close()


def _run(ingestor: Ingestor, targets: list[Path], collection: str, no_embed: bool) -> None:
    """Ingest ``targets`` with a live status line, then embed what still lacks a vector."""
    store = ingestor.store
    with StatusDisplay(console) as display:
        printed = 0

        def report(summary: IngestSummary) -> None:
            nonlocal printed
            for failure in summary.failed[printed:]:  # as they happen, not only at the end
                display.print(_failure_line(failure))
            printed = len(summary.failed)
            display.update(
                f"{summary.documents} documents · {summary.added} added · "
                f"{summary.updated} updated · {summary.unchanged} unchanged"
            )

        summary = ingestor.ingest(targets, collection=collection, on_progress=report)
    _print_summary(summary, embedding=not no_embed)
    if no_embed:
        left = store.count_missing_vectors()
        if left:
            console.print(f"{left} chunks have no vector yet: run `kb embed` for semantic search.")
    elif ingestor.embedder is not None:
        run_embedding(store, ingestor.embedder)


def _failure_line(failure: ParseFailure) -> Text:
    """ "failed PATH: REASON", the path and reason as plain text (never read as markup)."""
    return Text.assemble(("failed", "red"), f" {failure.path}: {failure.reason}")


def _print_summary(summary: IngestSummary, *, embedding: bool) -> None:
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
    if embedding and summary.embedded == 0:
        console.print("Nothing needed embedding: every chunk was unchanged or cached.")
    if summary.failed:
        console.print(f"[red]{len(summary.failed)} files failed[/red] (each reported above).")
