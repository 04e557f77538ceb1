"""Admin endpoints: refused without the right key, ingest of an upload and delete with it.

Writes go to a fresh store (each kind), never to the shared field corpus.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from indexer.embed.cache import CachedEmbedder
from indexer.store.base import Store
from indexer.store.opensearch.store import OpenSearchStore
from indexer.store.sqlite import SqliteStore
from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings

KEY = "khoa-bi-mat-cho-kiem-thu"
SAMPLE = Path(__file__).parent / "assets" / "thong-tu-mau.txt"
SAMPLE_ID = "99-2099-tt-bkhcn"


@pytest.fixture(params=["sqlite", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def fresh_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each kind."""
    if request.param == "sqlite":
        sqlite = SqliteStore(tmp_path / "store")
        yield sqlite
        sqlite.close()
        return
    url = request.getfixturevalue("opensearch_url")
    store = OpenSearchStore(url, prefix=f"test-api-{uuid.uuid4().hex[:8]}")
    yield store
    store.drop()
    store.close()


@pytest.fixture
def admin(
    fresh_store: Store,
    embedder: CachedEmbedder,
    make_settings: Callable[..., ApiSettings],
    make_client: Callable[[FastAPI], TestClient],
) -> Iterator[TestClient]:
    settings = make_settings(api_key=KEY, max_upload_mb=1)
    with make_client(create_app(settings, SearchService(fresh_store, embedder))) as client:
        yield client


def _upload(client: TestClient, key: str | None, path: Path = SAMPLE) -> httpx.Response:
    headers = {"X-API-Key": key} if key is not None else {}
    with path.open("rb") as handle:
        return client.post(
            "/api/v1/ingest",
            headers=headers,
            files={"files": (path.name, handle, "text/plain")},
            data={"collection": "default"},
        )


@pytest.mark.parametrize("key", [None, "sai-khoa"])
def test_admin_needs_the_right_key(admin: TestClient, key: str | None) -> None:
    headers = {"X-API-Key": key} if key else {}
    for response in (
        _upload(admin, key),
        admin.delete(f"/api/v1/documents/{SAMPLE_ID}", headers=headers),
    ):
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "invalid_api_key"


def test_admin_is_off_when_no_key_is_configured(api: TestClient) -> None:
    response = api.delete("/api/v1/documents/bat-ky", headers={"X-API-Key": ""})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "admin_disabled"
    assert "KB_API_KEY" in response.json()["error"]["message"]


def test_ingest_an_upload_then_delete_it(admin: TestClient) -> None:
    response = _upload(admin, KEY)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert (summary["documents"], summary["added"], summary["failed"]) == (1, 3, [])

    document = admin.get(f"/api/v1/documents/{SAMPLE_ID}").json()
    assert document["document"]["number"] == "99/2099/TT-BKHCN"
    hits = admin.get("/api/v1/search", params={"q": "thước cuộn điện tử", "mode": "lexical"})
    assert hits.json()["hits"][0]["document"]["id"] == SAMPLE_ID
    suggestions = admin.get("/api/v1/suggest", params={"q": "99/2099"}).json()["suggestions"]
    assert [s["id"] for s in suggestions] == [SAMPLE_ID]

    deleted = admin.delete(f"/api/v1/documents/{SAMPLE_ID}", headers={"X-API-Key": KEY})
    assert deleted.status_code == 200 and deleted.json() == {"deleted": SAMPLE_ID}
    assert admin.get(f"/api/v1/documents/{SAMPLE_ID}").status_code == 404
    assert admin.get("/api/v1/suggest", params={"q": "99/2099"}).json()["suggestions"] == []
    again = admin.delete(f"/api/v1/documents/{SAMPLE_ID}", headers={"X-API-Key": KEY})
    assert again.status_code == 404


def test_an_unparseable_upload_is_reported_by_its_name(admin: TestClient, tmp_path: Path) -> None:
    bad = tmp_path / "bang-tinh.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    summary = _upload(admin, KEY, bad).json()
    assert summary["documents"] == 0
    assert [f["file"] for f in summary["failed"]] == ["bang-tinh.xlsx"]


def test_upload_limits(admin: TestClient, tmp_path: Path) -> None:
    headers = {"X-API-Key": KEY}
    big = tmp_path / "lon.txt"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    too_large = _upload(admin, KEY, big)
    assert too_large.status_code == 413
    assert too_large.json()["error"]["code"] == "payload_too_large"
    not_multipart = admin.post("/api/v1/ingest", headers=headers, json={"files": []})
    assert not_multipart.status_code == 415
    no_files = admin.post(
        "/api/v1/ingest", headers=headers, data={"collection": "default"}, files={"x": ("a", b"")}
    )
    assert no_files.status_code == 422 and no_files.json()["error"]["field"] == "files"
    with SAMPLE.open("rb") as handle:
        bad_collection = admin.post(
            "/api/v1/ingest",
            headers=headers,
            files={"files": (SAMPLE.name, handle)},
            data={"collection": "Bộ sưu tập"},
        )
    assert bad_collection.status_code == 422
    assert bad_collection.json()["error"]["field"] == "collection"
