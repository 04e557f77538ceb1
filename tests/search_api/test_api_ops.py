"""Operations: health, readiness (503 when the store is down), rate limiting, metrics."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from kb.app import create_app
from ops.opensearch.process import free_port
from search_api.service import SearchService
from search_api.settings import ApiSettings


def test_health_and_readiness(api: TestClient) -> None:
    assert api.get("/healthz").json() == {"status": "ok"}
    ready = api.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


def test_a_store_that_is_down_gives_503_with_retry_after(
    make_settings: Callable[..., ApiSettings], make_client: Callable[[FastAPI], TestClient]
) -> None:
    settings = make_settings(store="opensearch", opensearch_url=f"http://127.0.0.1:{free_port()}")
    with make_client(create_app(settings)) as client:
        assert client.get("/healthz").status_code == 200
        for path in ("/readyz", "/api/v1/search?q=đo+lường", "/api/v1/documents/x"):
            response = client.get(path)
            assert response.status_code == 503, (path, response.text)
            assert int(response.headers["retry-after"]) >= 1
            assert response.json()["error"]["code"] == "store_unavailable"


def test_search_is_rate_limited_per_client(
    field_service: SearchService,
    make_settings: Callable[..., ApiSettings],
    make_client: Callable[[FastAPI], TestClient],
) -> None:
    app = create_app(make_settings(rate_limit_per_minute=2), field_service)
    with make_client(app) as client:
        statuses = [
            client.get("/api/v1/search", params={"q": "đo lường", "mode": "lexical"}).status_code
            for _ in range(3)
        ]
        assert statuses == [200, 200, 429]
        limited = client.post("/api/v1/search", json={"q": "đo lường"})
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.json()["error"]["code"] == "rate_limited"
        assert client.get("/api/v1/suggest", params={"q": "68"}).status_code == 200


def test_metrics_count_requests_and_time_searches(
    field_service: SearchService,
    make_settings: Callable[..., ApiSettings],
    make_client: Callable[[FastAPI], TestClient],
) -> None:
    with make_client(create_app(make_settings(), field_service)) as client:
        client.get("/api/v1/search", params={"q": "đo lường", "mode": "lexical"})
        client.get("/api/v1/documents/khong-co")
        text = client.get("/metrics").text
    assert 'kb_http_requests_total{handler="search_get",method="GET",status="200"} 1.0' in text
    assert 'kb_http_requests_total{handler="get_document",method="GET",status="404"} 1.0' in text
    assert 'kb_search_duration_seconds_count{mode="lexical"} 1.0' in text
    assert 'kb_http_request_duration_seconds_bucket{handler="search_get"' in text
