"""The served application: the HTTP API of :mod:`search_api` with the pages of :mod:`web`.

``kb serve`` runs :func:`serving_app` as a uvicorn factory, in each worker; nothing is
built at import.
"""

from __future__ import annotations

from fastapi import FastAPI

from search_api.app import create_api
from search_api.service import SearchService
from search_api.settings import ApiSettings
from web.routes import install_web


def create_app(
    settings: ApiSettings | None = None,
    service: SearchService | None = None,
    *,
    warm_up: bool = False,
) -> FastAPI:
    """The API and the web UI over one store and service (built from ``settings`` if none);
    ``warm_up`` as in :func:`search_api.app.create_api`."""
    app = create_api(settings, service, warm_up=warm_up)
    install_web(app)
    return app


def serving_app() -> FastAPI:
    """The app a server process runs: settings from the environment, warmed up at start."""
    return create_app(warm_up=True)
