"""Helpers for the parser tests: real data under ``corpora.manifest.data_root()``.

Missing data skips on a developer's machine and fails under ``CI=true``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpora.manifest import data_root
from indexer.models import ParsedDocument, ParseFailure
from indexer.parse import parse_paths


def raw(relative: str) -> Path:
    """A path under the data root; skip (or fail under CI) when it is missing."""
    path = data_root() / relative
    if not path.exists():
        message = f"test data missing: {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def parse_all(*paths: Path) -> tuple[dict[str, ParsedDocument], list[ParseFailure]]:
    """Documents by id and failures of one parse_paths call."""
    docs: dict[str, ParsedDocument] = {}
    failures: list[ParseFailure] = []
    for result in parse_paths(paths):
        if isinstance(result, ParseFailure):
            failures.append(result)
        else:
            assert result.meta.id not in docs, f"duplicate document id {result.meta.id}"
            docs[result.meta.id] = result
    return docs, failures
