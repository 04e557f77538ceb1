"""Dense search in the embedded store: exact cosine over one numpy matrix of all vectors.

Vectors are float32 blobs in ``chunks.vector``; the matrix is loaded on the first dense
query and reloaded when the chunk-set version changes.
"""

from __future__ import annotations

import sqlite3
import threading

import numpy as np

from indexer.store.base import Filters, Hit
from indexer.store.sqlite.sql import allowed_rowids, hits_by_rowid


def to_blob(vector: np.ndarray | None) -> bytes | None:
    """How a vector is stored (None for a lexical-only chunk)."""
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


class VectorMatrix:
    """The stored vectors as (rowids, matrix), cached per chunk-set version."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[int, np.ndarray, np.ndarray] | None = None

    def search(
        self,
        db: sqlite3.Connection,
        version: int,
        vector: np.ndarray,
        filters: Filters | None,
        k: int,
    ) -> list[Hit]:
        """The ``k`` chunks nearest to a unit ``vector`` that pass ``filters``."""
        rowids, matrix = self.load(db, version)
        if filters is not None and not filters.is_empty():
            keep = np.isin(rowids, np.array(allowed_rowids(db, filters), dtype=np.int64))
            rowids, matrix = rowids[keep], matrix[keep]
        if len(rowids) == 0:
            return []
        scores = matrix @ np.asarray(vector, dtype=np.float32)
        top = min(k, len(scores))
        best = np.argpartition(-scores, top - 1)[:top]
        best = best[np.argsort(-scores[best])]
        return hits_by_rowid(db, [int(rowids[i]) for i in best], [float(scores[i]) for i in best])

    def load(self, db: sqlite3.Connection, version: int) -> tuple[np.ndarray, np.ndarray]:
        """(rowids, matrix) of every chunk with a vector, in rowid order."""
        with self._lock:
            if self._cached is None or self._cached[0] != version:
                rows = db.execute(
                    "SELECT rowid, vector FROM chunks WHERE vector IS NOT NULL ORDER BY rowid"
                ).fetchall()
                rowids = np.array([r[0] for r in rows], dtype=np.int64)
                matrix = (
                    np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
                    if rows
                    else np.zeros((0, 0), dtype=np.float32)
                )
                self._cached = (version, rowids, matrix)
            return self._cached[1], self._cached[2]
