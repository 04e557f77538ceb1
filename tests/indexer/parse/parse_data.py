"""Helpers for the parser tests (real data through :func:`raw_data.raw`)."""

from __future__ import annotations

from pathlib import Path

from raw_data import raw

from corpora.manifest import origin_of
from indexer.models import ParsedDocument, ParseFailure
from indexer.parse import parse_paths

__all__ = ["parse_all", "raw"]


def parse_all(*paths: Path) -> tuple[dict[str, ParsedDocument], list[ParseFailure]]:
    """Documents by id and failures of one parse_paths call (provenance from the manifest)."""
    docs: dict[str, ParsedDocument] = {}
    failures: list[ParseFailure] = []
    for result in parse_paths(paths, origin=origin_of):
        if isinstance(result, ParseFailure):
            failures.append(result)
        else:
            assert result.meta.id not in docs, f"duplicate document id {result.meta.id}"
            docs[result.meta.id] = result
    return docs, failures
