"""``kb parse FILE… [--json]``: show the parsed tree and chunks of files, folders or archives."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.tree import Tree

from corpora.manifest import origin_of
from indexer.chunk import chunk_document, node_heading
from indexer.models import Node, ParsedDocument, ParseFailure
from indexer.parse import parse_paths


def parse_command(
    files: Annotated[list[Path], typer.Argument(help="Files, folders or archives to parse.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a tree.")] = False,
    max_tokens: Annotated[int, typer.Option(help="Longest chunk, in words.")] = 300,
    collection: Annotated[str, typer.Option(help="Collection name set on documents.")] = "default",
) -> None:
    """Parse documents and print their structure, chunks and failures."""
    documents: list[ParsedDocument] = []
    failures: list[ParseFailure] = []
    for result in parse_paths(files, collection=collection, origin=origin_of):
        if isinstance(result, ParseFailure):
            failures.append(result)
        else:
            documents.append(result)
    if as_json:
        json.dump(report(documents, failures, max_tokens), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        show(documents, failures, max_tokens)
    if failures and not documents:
        raise typer.Exit(code=1)


def report(
    docs: list[ParsedDocument], failures: list[ParseFailure], max_tokens: int
) -> dict[str, Any]:
    """The JSON output: documents (meta + nodes), chunks and failures."""
    return {
        "documents": [
            {"meta": asdict(d.meta), "nodes": [asdict(n) for n in d.nodes]} for d in docs
        ],
        "chunks": [asdict(c) for d in docs for c in chunk_document(d, max_tokens)],
        "failures": [{"path": f.path, "reason": f.reason} for f in failures],
    }


def _add(tree: Tree, node: Node) -> None:
    marks = {"khoan": f"{node.number}.", "diem": f"{node.number})"}
    label = marks.get(node.kind) or node_heading(node)
    preview = node.text.split("\n", 1)[0][:80]
    branch = tree.add(f"[bold]{label}[/bold] {preview}".rstrip())
    for child in node.children:
        _add(branch, child)


def show(docs: list[ParsedDocument], failures: list[ParseFailure], max_tokens: int) -> None:
    """A readable tree per document, then counts and failures."""
    console = Console()
    for doc in docs:
        meta = doc.meta
        tree = Tree(f"[bold cyan]{meta.title}[/bold cyan] ({meta.number or meta.id})")
        for node in doc.nodes:
            _add(tree, node)
        console.print(tree)
        chunks = chunk_document(doc, max_tokens)
        console.print(f"{len(doc.articles())} articles, {len(chunks)} chunks; {meta.type or ''} "
                      f"{meta.issuer or ''} {meta.issued_date or ''}".rstrip())  # fmt: skip
    for failure in failures:
        console.print(f"[red]failed[/red] {failure.path}: {failure.reason}")
