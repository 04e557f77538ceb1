"""Over a lexical-only index (`kb ingest --no-embed`) the API answers semantic and hybrid
searches by keywords and says so, with the share of vectors ready; once `kb embed` is done,
hybrid search switches on by itself."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from corpora.manifest import data_root
from indexer.embed.cache import CachedEmbedder
from indexer.store.sqlite import SqliteStore
from ingest.embedding import embed_missing
from ingest.pipeline import Ingestor
from kb.app import create_app
from search_api import service as service_module
from search_api.service import SearchService
from search_api.settings import ApiSettings

LAW = "LUATTRITUENHANTAO.docx"


def test_hybrid_waits_for_the_vectors_and_says_how_far_they_are(
    tmp_path: Path,
    embedder: CachedEmbedder,
    make_settings: Callable[..., ApiSettings],
    make_client: Callable[[FastAPI], TestClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(service_module, "SEMANTIC_STATUS_TTL_S", 0.0)
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(data_root() / "docs_original_formats" / "docx" / LAW, folder / LAW)
    store = SqliteStore(tmp_path / "store")
    Ingestor(store, None, model_id=embedder.model_id).ingest([folder])
    total = store.count()
    part = total * 2 // 5
    stop = threading.Event()
    embed_missing(
        store, embedder, batch_size=part, stop=stop, on_progress=lambda p: p.done and stop.set()
    )
    app = create_app(make_settings(), SearchService(store, embedder))
    query = {"q": "hệ thống trí tuệ nhân tạo có rủi ro cao"}
    with make_client(app) as client:
        lexical = client.get("/api/v1/search", params={**query, "mode": "lexical"}).json()
        for mode in ("hybrid", "semantic"):
            waiting = client.get("/api/v1/search", params={**query, "mode": mode}).json()
            assert waiting["mode"] == "lexical"
            assert waiting["semantic"]["requested_mode"] == mode
            assert waiting["semantic"]["share_ready"] == pytest.approx(part / total, abs=1e-3)
            percent = int(part * 100 / total)
            assert waiting["semantic"]["message"].startswith(
                f"Tìm kiếm ngữ nghĩa đang được chuẩn bị: {percent}%"
            )
            assert [h["id"] for h in waiting["hits"]] == [h["id"] for h in lexical["hits"]]
        assert lexical["semantic"] is None and lexical["hits"]
        page = client.get("/", params={**query, "mode": "hybrid"}).text
        assert f"Tìm kiếm ngữ nghĩa đang được chuẩn bị: {percent}%" in page

        embed_missing(store, embedder)
        ready = client.get("/api/v1/search", params={**query, "mode": "hybrid"}).json()
        assert ready["mode"] == "hybrid" and ready["semantic"] is None
        assert "chuẩn bị" not in client.get("/", params={**query, "mode": "hybrid"}).text
    store.close()
