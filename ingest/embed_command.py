"""`kb embed`: add the vectors a `kb ingest --no-embed` left out, with progress and totals."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from indexer.embed.cache import CachedEmbedder
from indexer.settings import get_settings
from indexer.store.base import Store
from ingest.embedding import EmbedProgress, embed_missing
from ingest.progress import StatusDisplay, embed_line

console = Console(stderr=True)


def embed_command(
    batch_size: Annotated[
        int, typer.Option(min=1, max=4096, help="Chunks embedded and written per step.")
    ] = 64,
) -> None:
    """Embed the stored chunks that have no vector yet (resumable: stop it any time, and
    the next run goes on where it stopped); semantic and hybrid search start when the
    last vector is written."""
    from indexer.embed import embedding_dim, make_embedder
    from indexer.store import make_store

    settings = get_settings()
    store = make_store(settings, dim=embedding_dim(settings))
    try:
        progress = run_embedding(store, make_embedder(settings), batch_size=batch_size)
    finally:
        store.close()
    if progress.missing == 0:
        console.print(f"Every one of the {progress.total} chunks has its vector; nothing to do.")


def run_embedding(store: Store, embedder: CachedEmbedder, *, batch_size: int = 64) -> EmbedProgress:
    """Embed the chunks without vectors, showing progress; prints the totals at the end
    when there was anything to do."""
    with StatusDisplay(console) as display:

        def report(progress: EmbedProgress) -> None:
            if progress.missing:
                display.update(
                    embed_line(progress), completed=progress.done, total=progress.missing
                )

        progress = embed_missing(store, embedder, batch_size=batch_size, on_progress=report)
    if progress.missing:
        console.print(
            f"Wrote {progress.done} vectors ({progress.embedded} embedded, "
            f"{progress.done - progress.embedded} from the cache) in {progress.seconds:.1f} s; "
            f"{progress.share_ready:.1%} of the {progress.total} chunks have a vector.",
            soft_wrap=True,
        )
    return progress
