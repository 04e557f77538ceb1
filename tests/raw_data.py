"""The real corpus for tests: ``corpora.manifest.data_root()`` (``../shared/datasets-raw``).

Missing data skips on a developer's machine and FAILS under ``CI=true``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpora.manifest import data_root


def raw(relative: str) -> Path:
    """A path under the data root; skip (or fail under CI) when it is missing."""
    path = data_root() / relative
    if not path.exists():
        message = f"test data missing: {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
