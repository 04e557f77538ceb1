"""The OpenAPI docs page loads its scripts from this server, so it works offline."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_docs_use_vendored_swagger_ui(api: TestClient) -> None:
    page = api.get("/docs")
    assert page.status_code == 200
    assert "/api-docs/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        response = api.get(f"/api-docs/{asset}")
        assert response.status_code == 200 and len(response.content) > 10_000
    assert api.get("/openapi.json").json()["info"]["title"].startswith("Tra cứu")
