"""`kb search`: search the index from the command line."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from indexer.settings import get_settings
from search_api.schemas import MAX_K, Mode, SearchRequest

console = Console()


def search_command(
    query: Annotated[str, typer.Argument(help="What to look for, with or without diacritics.")],
    collection: Annotated[list[str] | None, typer.Option(help="Only these collections.")] = None,
    mode: Annotated[str, typer.Option(help="lexical, semantic or hybrid.")] = "hybrid",
    k: Annotated[int, typer.Option("-k", min=1, max=MAX_K, help="Number of hits.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON contract.")] = False,
) -> None:
    """Search the index and print cited hits."""
    from search_api.service import make_service

    if mode not in ("lexical", "semantic", "hybrid"):
        raise typer.BadParameter("mode must be lexical, semantic or hybrid", param_hint="--mode")
    mode_value: Mode = mode  # type: ignore[assignment]
    request = SearchRequest(q=query, mode=mode_value, k=k, collection=collection or [])
    response = make_service(get_settings()).search(request)
    if as_json:
        typer.echo(response.model_dump_json(indent=2))
        return
    if response.semantic:
        console.print(response.semantic.message, markup=False)
    if response.restored_query:
        console.print(f"Kết quả cho: [bold]{response.restored_query}[/bold]")
    for definition in response.definitions:
        console.print(
            f"[bold]{definition.term}[/bold]: {definition.definition} "
            f"[dim]({definition.citation.label})[/dim]"
        )
    for rank, hit in enumerate(response.hits, start=1):
        console.print(f"{rank:>2}. [bold]{hit.citation.label}[/bold]  [dim]{hit.score:.3f}[/dim]")
        console.print(f"    {hit.text[:200]}", markup=False)
    console.print(f"[dim]{response.total} results in {response.took_ms:.0f} ms[/dim]")
