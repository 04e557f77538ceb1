"""Session fixtures: the field corpus with the standards catalogue, the vbpl.vn list and the
two QCVN full texts — the default corpus of `make run` — ingested into each store.

Embeddings come from the persistent test cache (see :mod:`field_corpus`); ingests are
serialised by the same file lock.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from field_corpus import kb_test_home
from filelock import FileLock
from raw_data import raw

from corpora.manifest import data_root, get_source
from indexer.embed.cache import CachedEmbedder
from indexer.store.base import Store
from indexer.store.opensearch.store import OpenSearchStore
from indexer.store.sqlite import SqliteStore
from ingest.ingest_command import DEFAULT_SOURCES
from ingest.pipeline import Ingestor, IngestSummary
from search_api.service import SearchService


def default_corpus() -> list[Path]:
    """The inputs of `kb ingest --default-corpus` (skipped when the data is missing)."""
    paths = [p for name in DEFAULT_SOURCES for p in get_source(name).inputs()]
    return [raw(str(path.relative_to(data_root()))) for path in paths]


def _ingest(store: Store, embedder: CachedEmbedder) -> IngestSummary:
    home = kb_test_home()
    home.mkdir(parents=True, exist_ok=True)
    with FileLock(home / "field-ingest.lock"):
        return Ingestor(store, embedder).ingest(default_corpus())


@pytest.fixture(scope="session")
def standards_sqlite(
    tmp_path_factory: pytest.TempPathFactory, embedder: CachedEmbedder
) -> Iterator[tuple[Store, IngestSummary]]:
    store = SqliteStore(tmp_path_factory.mktemp("standards-sqlite"))
    yield store, _ingest(store, embedder)
    store.close()


@pytest.fixture(scope="session")
def standards_opensearch(
    opensearch_url: str, embedder: CachedEmbedder
) -> Iterator[tuple[Store, IngestSummary]]:
    store = OpenSearchStore(opensearch_url, prefix=f"test-standards-{uuid.uuid4().hex[:8]}")
    yield store, _ingest(store, embedder)
    store.drop()
    store.close()


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("opensearch", marks=pytest.mark.opensearch)]
)
def standards_ingest(request: pytest.FixtureRequest) -> tuple[Store, IngestSummary]:
    """The default corpus in each store in turn, with the summary of its ingest."""
    return request.getfixturevalue(f"standards_{request.param}")


@pytest.fixture(scope="session")
def standards_store(standards_ingest: tuple[Store, IngestSummary]) -> Store:
    return standards_ingest[0]


@pytest.fixture(scope="session")
def standards_service(standards_store: Store, embedder: CachedEmbedder) -> SearchService:
    return SearchService(standards_store, embedder)
