"""Settings of the HTTP API: the indexing settings plus the limits only the API has."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field

from indexer.settings import Settings


class ApiSettings(Settings):
    """:class:`indexer.settings.Settings` plus the admin key and the request limits."""

    api_key: str | None = Field(default=None, description="Admin API key for ingest/delete.")
    rate_limit_per_minute: int = Field(default=600, ge=0, description="Per-client; 0 = off.")
    admin_rate_limit_per_minute: int = Field(
        default=30,
        ge=0,
        description="Admin requests per client address, wrong keys included; 0 = off.",
    )
    max_upload_mb: int = Field(default=20, ge=1, description="Largest POST /api/v1/ingest body.")
    max_body_kb: int = Field(
        default=64, ge=1, description="Largest request body of every other route (KiB)."
    )
    trusted_proxies: str | None = Field(
        default=None,
        description="Addresses of reverse proxies whose X-Forwarded-For is believed "
        "(comma-separated IPs or networks, '*' for any); unset: none is.",
    )
    shared_state_dir: Path | None = Field(
        default=None,
        description="Folder the worker processes of one server share their rate-limit "
        "buckets in (`kb serve --workers N` sets it); unset: each process keeps its own.",
    )

    cors_origins: str | None = Field(
        default=None,
        description="Origins whose pages may call the API from a browser (comma-separated, "
        "e.g. 'https://portal.example.vn', or '*' for any); unset: no cross-origin call is.",
    )

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in (self.cors_origins or "").split(",") if origin.strip()]

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def max_body_bytes(self) -> int:
        return self.max_body_kb * 1024


@lru_cache
def get_api_settings() -> ApiSettings:
    """The API settings read from the environment, once per process."""
    return ApiSettings()
