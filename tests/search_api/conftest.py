"""API fixtures: an app and a client over the field corpus in each store (via field_service),
and factories for apps with other settings.

Every response a client of these fixtures receives is checked for a leaked stack trace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings

SettingsFactory = Callable[..., ApiSettings]
ClientFactory = Callable[[FastAPI], TestClient]


def _no_traceback(response: httpx.Response) -> None:
    """Event hook: no response body may ever show a stack trace."""
    response.read()
    assert "Traceback" not in response.text, response.text


@pytest.fixture(scope="session")
def make_settings(tmp_path_factory: pytest.TempPathFactory) -> SettingsFactory:
    """ApiSettings for a test app: its own home, no admin key, no rate limits, unless overridden."""

    def make(**overrides: object) -> ApiSettings:
        values: dict[str, object] = {
            "home": tmp_path_factory.mktemp("api-home"),
            "rate_limit_per_minute": 0,
            "admin_rate_limit_per_minute": 0,
            "api_key": None,
        }
        values.update(overrides)
        return ApiSettings.model_validate(values)

    return make


@pytest.fixture(scope="session")
def make_client() -> ClientFactory:
    """A test client whose every response is checked for a stack trace."""

    def make(app: FastAPI) -> TestClient:
        client = TestClient(app)
        client.event_hooks = {"request": [], "response": [_no_traceback]}
        return client

    return make


@pytest.fixture(scope="session")
def field_app(field_service: SearchService, make_settings: SettingsFactory) -> FastAPI:
    """The app over the field corpus (once per store)."""
    return create_app(make_settings(), field_service)


@pytest.fixture(scope="session")
def api(field_app: FastAPI, make_client: ClientFactory) -> Iterator[TestClient]:
    with make_client(field_app) as client:
        yield client
