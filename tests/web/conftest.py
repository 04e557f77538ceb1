"""Web UI fixtures: a browser-like client over the field corpus in each store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings


@pytest.fixture(scope="session")
def web(
    field_service: SearchService, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """A client that asks for HTML, like a browser, on an app with no rate limit."""
    settings = ApiSettings(
        home=tmp_path_factory.mktemp("web-home"), rate_limit_per_minute=0, api_key=None
    )
    app = create_app(settings, field_service)
    with TestClient(app, headers={"accept": "text/html"}) as client:
        yield client
