"""Settings of the HTTP API: the indexing settings plus the limits only the API has."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field

from indexer.settings import Settings


class ApiSettings(Settings):
    """:class:`indexer.settings.Settings` plus the admin key and the request limits."""

    api_key: str | None = Field(default=None, description="Admin API key for ingest/delete.")
    rate_limit_per_minute: int = Field(default=600, ge=0, description="Per-client; 0 = off.")
    max_upload_mb: int = Field(default=20, ge=1, description="Largest POST /api/v1/ingest body.")


@lru_cache
def get_api_settings() -> ApiSettings:
    """The API settings read from the environment, once per process."""
    return ApiSettings()
