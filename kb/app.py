"""The served application: the HTTP API of :mod:`search_api` with the pages of :mod:`web`.

``kb serve`` runs :func:`create_app` as a uvicorn factory; nothing is built at import.
"""

from __future__ import annotations

from fastapi import FastAPI

from search_api.app import create_api
from search_api.service import SearchService
from search_api.settings import ApiSettings
from web.routes import install_web


def create_app(
    settings: ApiSettings | None = None, service: SearchService | None = None
) -> FastAPI:
    """The API and the web UI over one store and service (built from ``settings`` if none)."""
    app = create_api(settings, service)
    install_web(app)
    return app
