"""`kb serve`: uvicorn over the app of :mod:`kb.app`.

``X-Forwarded-For`` is believed only from the proxies named by ``KB_TRUSTED_PROXIES``;
unset, the client is the peer of the TCP connection (uvicorn's default believes any
loopback peer, which let a local client choose its own address and escape the rate limit).
"""

from __future__ import annotations

import uvicorn
from starlette.types import ASGIApp

from search_api.settings import ApiSettings


def server_config(
    settings: ApiSettings, *, host: str, port: int, app: ASGIApp | str = "kb.app:create_app"
) -> uvicorn.Config:
    """The uvicorn configuration of ``kb serve`` (``app`` a factory path or an app)."""
    trusted = settings.trusted_proxies
    return uvicorn.Config(
        app,
        factory=isinstance(app, str),
        host=host,
        port=port,
        server_header=False,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
    )
