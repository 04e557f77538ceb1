"""Shared fixtures: the real catalogue (``<data root>/catalogues``), its version graph and
its applicability index, loaded once per session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from raw_data import raw

from standards.applicability import ApplicabilityIndex
from standards.chains import VersionGraph
from standards.loaders import load_folder
from standards.models import Catalogue

# The statuses below are checked on a fixed day, not on the day the tests run.
SNAPSHOT = date(2026, 12, 1)


@pytest.fixture(scope="session")
def catalogue_dir() -> Path:
    return raw("catalogues/qcvn.jsonl").parent


@pytest.fixture(scope="session")
def catalogue(catalogue_dir: Path) -> Catalogue:
    return load_folder(catalogue_dir)


@pytest.fixture(scope="session")
def graph(catalogue: Catalogue) -> VersionGraph:
    return VersionGraph(catalogue, snapshot=SNAPSHOT)


@pytest.fixture(scope="session")
def applicability(catalogue: Catalogue, graph: VersionGraph) -> ApplicabilityIndex:
    return ApplicabilityIndex(catalogue, graph)
