"""Security headers on every response: JSON, errors, docs and static files."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from search_api.errors import install_error_handlers
from search_api.headers import SECURITY_HEADERS


def _assert_protected(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"


def test_every_api_response_carries_the_security_headers(api: TestClient) -> None:
    """Defect 9: no CSP, nosniff, frame-ancestors / X-Frame-Options or Referrer-Policy."""
    for response in (
        api.get("/api/v1/search", params={"q": "đo lường", "mode": "lexical"}),
        api.get("/api/v1/documents/khong-co"),
        api.get("/api/v1/search", params={"q": "a", "k": 0}),
        api.options("/api/v1/search"),
        api.post("/api/v1/search", content=b"x" * 100_000),
        api.get("/healthz"),
        api.get("/metrics"),
        api.get("/openapi.json"),
        api.get("/docs"),
        api.get("/api-docs/swagger-ui.css"),
    ):
        _assert_protected(response)


def test_the_docs_page_has_no_inline_script(api: TestClient) -> None:
    """Defect 9: Swagger UI starts from a file, so the CSP needs no 'unsafe-inline'."""
    page = api.get("/docs").text
    assert "<script>" not in page and "/api-docs/init.js" in page
    assert api.get("/api-docs/init.js").status_code == 200


def test_an_unexpected_error_carries_them_too() -> None:
    """A 500 is sent outside the middleware; its handler sets the same headers."""
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert {k.lower(): v for k, v in SECURITY_HEADERS.items()}.items() <= response.headers.items()
