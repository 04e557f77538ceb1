"""One request-size limit for every body: declared lengths checked first, streamed bodies
counted as they arrive, 413 JSON in Vietnamese; uploads keep their own, larger limit."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from indexer.embed.cache import CachedEmbedder
from indexer.store.sqlite import SqliteStore
from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings

CHUNK = 64 * 1024


def _call(app: FastAPI, path: str, headers: list[tuple[bytes, bytes]], chunks: int) -> Any:
    """Send a POST of ``chunks`` × 64 KiB straight to the ASGI app, as a server streams it;
    return (status, JSON body, how many chunks the app read)."""
    read = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        more = read < chunks
        return {"type": "http.request", "body": b" " * CHUNK, "more_body": more}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "POST",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "headers": [(b"content-type", b"application/json"), *headers],
    }
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, json.loads(body), read


def test_a_huge_search_body_is_refused_with_413(api: TestClient) -> None:
    """Defect 1: a 200 MB JSON search body was accepted with 200 (RSS 258 MB → 1 GB)."""
    body = json.dumps({"q": "đo lường", "type": ["x" * (2 * 1024 * 1024)]})
    response = api.post(
        "/api/v1/search", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json() == {
        "error": {
            "code": "payload_too_large",
            "message": "Dữ liệu gửi lên vượt quá giới hạn 65536 byte.",
        }
    }


def test_a_streamed_body_is_counted_and_stopped_early(field_app: FastAPI) -> None:
    """Defect 1: a body sent without Content-Length (chunked) is counted as it arrives; the
    app stops reading just past the limit (64 KiB), not after 200 MB."""
    status, body, read = _call(field_app, "/api/v1/search", [], chunks=3200)
    assert (status, body["error"]["code"]) == (413, "payload_too_large")
    assert read == 2


def test_a_declared_length_over_the_limit_is_refused_before_reading(field_app: FastAPI) -> None:
    """Defect 1: Content-Length is checked before a single byte is read."""
    headers = [(b"content-length", str(200 * 1024 * 1024).encode())]
    status, body, read = _call(field_app, "/api/v1/search", headers, chunks=3200)
    assert (status, body["error"]["code"], read) == (413, "payload_too_large", 0)


def test_uploads_keep_their_own_larger_limit(
    tmp_path: Path,
    embedder: CachedEmbedder,
    make_settings: Callable[..., ApiSettings],
    make_client: Callable[[FastAPI], TestClient],
) -> None:
    """The multipart upload is bounded by KB_MAX_UPLOAD_MB, not by the search body limit."""
    settings = make_settings(api_key="khoa", max_upload_mb=1, max_body_kb=16)
    app = create_app(settings, SearchService(SqliteStore(tmp_path / "store"), embedder))
    law = "Điều 1. Phạm vi\nThông tư này quy định về đo lường.\n" + "Nội dung. " * 5_000
    with make_client(app) as client:
        upload = client.post(
            "/api/v1/ingest",
            headers={"X-API-Key": "khoa"},
            files={"files": ("luat.txt", law.encode(), "text/plain")},
        )
        assert upload.status_code == 200, upload.text
        assert upload.json()["documents"] == 1
        search = client.post("/api/v1/search", json={"q": "đo lường", "type": ["x" * 20_000]})
        assert search.status_code == 413
        assert "16384 byte" in search.json()["error"]["message"]
