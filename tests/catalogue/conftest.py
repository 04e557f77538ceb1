"""Shared fixtures: the real catalogue (``<data root>/catalogues``), its version graph and
its applicability index, loaded once per session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from raw_data import raw

from catalogue.applicability import ApplicabilityIndex
from catalogue.chains import VersionGraph
from catalogue.loaders import load_folder
from catalogue.models import Catalogue

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
