"""Abuse limits beside the search limit: admin requests have their own budget per address
(wrong keys count), and cross-origin browser calls are allowed only for configured origins."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings

KEY = "khoa-bi-mat-cho-kiem-thu"
PORTAL = "https://cong-thong-tin.example.vn"


def test_admin_requests_are_limited_per_address_before_the_key_is_checked(
    field_service: SearchService,
    make_settings: Callable[..., ApiSettings],
    make_client: Callable[[FastAPI], TestClient],
) -> None:
    settings = make_settings(api_key=KEY, admin_rate_limit_per_minute=3, rate_limit_per_minute=100)
    with make_client(create_app(settings, field_service)) as client:
        guesses = [
            client.delete("/api/v1/documents/khong-co", headers={"X-API-Key": f"doan-{n}"})
            for n in range(3)
        ]
        assert [r.status_code for r in guesses] == [403, 403, 403]
        right_key = client.delete("/api/v1/documents/khong-co", headers={"X-API-Key": KEY})
        assert right_key.status_code == 429
        assert int(right_key.headers["Retry-After"]) >= 1
        assert right_key.json()["error"]["message"].startswith("Quá nhiều yêu cầu quản trị")
        search = client.get("/api/v1/search", params={"q": "đo lường"})
        assert search.status_code == 200, "searches keep their own budget"


def test_cross_origin_calls_are_refused_unless_the_origin_is_configured(
    field_service: SearchService,
    make_settings: Callable[..., ApiSettings],
    make_client: Callable[[FastAPI], TestClient],
) -> None:
    preflight = {"Origin": PORTAL, "Access-Control-Request-Method": "GET"}
    with make_client(create_app(make_settings(), field_service)) as closed:
        response = closed.get(
            "/api/v1/search", params={"q": "đo lường"}, headers={"Origin": PORTAL}
        )
        assert response.status_code == 200
        assert "access-control-allow-origin" not in response.headers
        assert (
            "access-control-allow-origin"
            not in closed.options("/api/v1/search", headers=preflight).headers
        )

    settings = make_settings(cors_origins=f"{PORTAL}, https://khac.example.vn")
    with make_client(create_app(settings, field_service)) as open_to_portal:
        allowed = open_to_portal.options("/api/v1/search", headers=preflight)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == PORTAL
        assert "X-API-Key".lower() in allowed.headers["access-control-allow-headers"].lower()
        stranger = open_to_portal.get(
            "/api/v1/search",
            params={"q": "đo lường"},
            headers={"Origin": "https://la.example.com"},
        )
        assert "access-control-allow-origin" not in stranger.headers
