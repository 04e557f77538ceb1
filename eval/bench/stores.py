"""The stores a benchmark builds for itself: an embedded one under a temporary home, or
OpenSearch indices under a ``bench-…`` prefix; both removed afterwards."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corpora.manifest import get_source
from indexer.store.base import Store
from indexer.store.opensearch.store import OpenSearchStore
from indexer.store.sqlite import SqliteStore

StoreKind = Literal["embedded", "opensearch"]
STORE_KINDS: tuple[StoreKind, ...] = ("embedded", "opensearch")
#: The field corpus (Pháp điển 19.1, 19.4, 19.8) and the whole Pháp điển archive.
FIELD_SOURCE = "phapdien-field"
FULL_SOURCE = "phapdien-301"


def source_paths(name: str) -> list[Path]:
    """The input paths of a manifest source; FileNotFoundError when the data is missing."""
    paths = get_source(name).inputs()
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"{name}: {path} is missing (set KB_DATA_ROOT)")
    return paths


@dataclass
class BenchStore:
    """A store made for a benchmark and the environment that points the API at it."""

    kind: StoreKind
    store: Store
    env: dict[str, str]
    directory: Path | None = None

    def drop(self) -> None:
        """Delete everything this store holds (its directory, or its indices)."""
        if isinstance(self.store, OpenSearchStore):
            self.store.drop()
        self.store.close()
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)


def bench_prefix(name: str) -> str:
    """An index prefix (``KB_INDEX``) private to this benchmark process."""
    return f"bench-{os.getpid()}-{name}"


def open_bench_store(kind: StoreKind, name: str, home: Path, opensearch_url: str) -> BenchStore:
    """A new, empty store called ``name``: SQLite under ``home`` or OpenSearch indices."""
    prefix = bench_prefix(name)
    env = {"KB_HOME": str(home), "KB_INDEX": prefix, "KB_STORE": kind}
    if kind == "embedded":
        directory = home / "stores" / prefix
        shutil.rmtree(directory, ignore_errors=True)
        return BenchStore(kind, SqliteStore(directory), env, directory)
    store = OpenSearchStore(opensearch_url, prefix=prefix, timeout=120)
    store.drop()
    return BenchStore(kind, store, {**env, "OPENSEARCH_URL": opensearch_url})


def directory_size(directory: Path) -> int:
    """Bytes of every file under ``directory``."""
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def opensearch_size(store: OpenSearchStore) -> int:
    """Bytes on disk of every index of ``store`` (primaries, after a flush)."""
    pattern = f"{store.names.prefix}-*"
    store.client.indices.flush(index=pattern)
    stats = store.client.indices.stats(index=pattern, metric="store")
    return int(stats["_all"]["primaries"]["store"]["size_in_bytes"])
