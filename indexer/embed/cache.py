"""A persistent embedding cache keyed by (model id, sha256 of the text).

Re-ingesting unchanged text embeds nothing, and the embedded and OpenSearch stores share
one cache, so a corpus is embedded once per machine.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.embed.base import Embedder


def text_key(text: str) -> str:
    """The cache key of a text: its sha256 in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class EmbeddingCache:
    """SQLite file mapping (model id, text hash) → float32 vector bytes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=60)
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS embeddings ("
                " model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL,"
                " PRIMARY KEY (model, key)) WITHOUT ROWID"
            )

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = list(keys[start : start + 500])
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT key, vector FROM embeddings WHERE model = ? AND key IN ({marks})",
                    [model, *part],
                )
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO embeddings (model, key, vector) VALUES (?, ?, ?)",
                [(model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )

    def close(self) -> None:
        self._db.close()


class CachedEmbedder:
    """An Embedder that looks passages up in an :class:`EmbeddingCache` before embedding."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache, save_every: int = 64) -> None:
        self.inner = inner
        self.cache = cache
        self.save_every = save_every
        self.model_id = inner.model_id
        self.stats = CacheStats()

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts``; misses are embedded in batches and saved batch by batch,
        so an interrupted run (or a concurrent process) keeps what was done."""
        keys = [text_key(t) for t in texts]
        found = self.cache.get_many(self.model_id, keys)
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        pending = list(missing.items())
        for start in range(0, len(pending), self.save_every):
            batch = dict(pending[start : start + self.save_every])
            vectors = self.inner.embed_passages(list(batch.values()))
            fresh = dict(zip(batch.keys(), vectors, strict=True))
            self.cache.put_many(self.model_id, fresh)
            found.update(fresh)
        self.stats.hits += len(texts) - len(missing)
        self.stats.misses += len(missing)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)
