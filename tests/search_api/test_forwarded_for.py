"""`kb serve` believes X-Forwarded-For only from configured proxies: the rate limit keys on
the real client."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from live_server import serving

from kb.app import create_app
from kb.serve import server_config
from ops.opensearch.process import free_port
from search_api.service import SearchService
from search_api.settings import ApiSettings

SEARCH = {"q": "đo lường", "mode": "lexical", "k": 1}


def _statuses(settings: ApiSettings, service: SearchService, forwarded: list[str]) -> list[int]:
    """Status of one search per X-Forwarded-For value, through the server `kb serve` runs."""
    app = create_app(settings, service)
    config = server_config(settings, host="127.0.0.1", port=free_port(), app=app)
    config.log_level = "warning"
    with serving(config) as url, httpx.Client(base_url=url, timeout=60) as client:
        return [
            client.get("/api/v1/search", params=SEARCH, headers={"X-Forwarded-For": ip}).status_code
            for ip in forwarded
        ]


def test_forwarded_for_from_loopback_does_not_escape_the_rate_limit(
    field_service: SearchService, make_settings: Callable[..., ApiSettings]
) -> None:
    """Defect 7: 20 requests with different X-Forwarded-For from 127.0.0.1 all passed while
    plain ones got 429 (uvicorn trusts forwarded headers from loopback by default)."""
    settings = make_settings(rate_limit_per_minute=2)
    forwarded = [f"203.0.113.{n}" for n in range(1, 6)]
    assert _statuses(settings, field_service, forwarded) == [200, 200, 429, 429, 429]


@pytest.mark.parametrize("trusted", ["127.0.0.1", "*"])
def test_a_configured_proxy_is_believed(
    field_service: SearchService, make_settings: Callable[..., ApiSettings], trusted: str
) -> None:
    """With KB_TRUSTED_PROXIES naming the proxy, each forwarded client has its own bucket."""
    settings = make_settings(rate_limit_per_minute=2, trusted_proxies=trusted)
    forwarded = ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.1", "203.0.113.1"]
    assert _statuses(settings, field_service, forwarded) == [200, 200, 200, 200, 429]
