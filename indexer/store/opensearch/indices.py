"""Index names, aliases and bodies of the OpenSearch store.

Chunks live in one index per collection, reached through two aliases: a per-collection
alias (writes, re-index swaps) and a read alias over every collection. Concrete index names
carry a creation stamp, so a re-index builds a new index and swaps the aliases atomically.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from indexer.store.opensearch.actions import HIT_FIELD
from indexer.store.opensearch.mapping import knn_index_settings, knn_vector_mapping

_COLLECTION = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

_KEYWORD = {"type": "keyword"}
_TOKENS = {"type": "text", "analyzer": "whitespace"}
_STORED_ONLY = {"type": "object", "enabled": False}
#: The field searches fetch (:mod:`indexer.store.opensearch.actions`): stored, not indexed.
HIT_MAPPING = {"type": "binary", "store": True}


def check_collection(name: str) -> str:
    """Collection names become index names: lower-case letters, digits, '-' and '_'."""
    if not _COLLECTION.match(name):
        raise ValueError(
            f"invalid collection name {name!r}: use lower-case letters, digits, '-' or '_'"
        )
    return name


@dataclass(frozen=True)
class IndexNames:
    """All index and alias names under one prefix (the `KB_INDEX` setting)."""

    prefix: str

    @property
    def chunks_read(self) -> str:
        return f"{self.prefix}-chunks"

    def chunks_alias(self, collection: str) -> str:
        return f"{self.prefix}-chunks-{check_collection(collection)}"

    def chunks_concrete(self, collection: str) -> str:
        return f"{self.chunks_alias(collection)}-{time.time_ns()}"

    def is_chunks_concrete(self, collection: str, index: str) -> bool:
        """Whether ``index`` is one of the collection's stamped indices (not another
        collection's whose name merely starts the same, as "default-2" does "default")."""
        stamp = index.removeprefix(self.chunks_alias(collection) + "-")
        return stamp != index and stamp.isdigit()

    @property
    def documents(self) -> str:
        return f"{self.prefix}-documents"

    @property
    def artifacts(self) -> str:
        return f"{self.prefix}-artifacts"


def _single_shard(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    # One primary; a copy on a second node as soon as the cluster has one, none on a single
    # node (which stays green), so losing any one node of a cluster loses no data.
    settings: dict[str, Any] = {
        "index.number_of_shards": 1,
        "index.auto_expand_replicas": "0-1",
    }
    settings.update(extra or {})
    return settings


def chunks_index_body(dim: int) -> dict[str, Any]:
    """Settings and strict mapping of a chunk index with ``dim``-dimensional vectors."""
    return {
        "settings": _single_shard(knn_index_settings()),
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": _KEYWORD,
                "doc_id": _KEYWORD,
                "collection": _KEYWORD,
                "ordinal": {"type": "integer"},
                "article": _KEYWORD,
                "content_hash": _KEYWORD,
                "type": _KEYWORD,
                "issuer": _KEYWORD,
                "status": _KEYWORD,
                "year": {"type": "integer"},
                "doc_keys": _KEYWORD,
                "text": _TOKENS,
                "title": _TOKENS,
                "doc": _TOKENS,
                "pairs": _TOKENS,
                "folded": _TOKENS,
                HIT_FIELD: HIT_MAPPING,
                "chunk": _STORED_ONLY,  # chunks written before "hit" existed
                "document": _STORED_ONLY,
                "vector": knn_vector_mapping(dim),
            },
        },
    }


def documents_index_body() -> dict[str, Any]:
    """Parsed documents: filterable metadata fields plus the stored structure."""
    return {
        "settings": _single_shard(),
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": _KEYWORD,
                "collection": _KEYWORD,
                "type": _KEYWORD,
                "issuer": _KEYWORD,
                "status": _KEYWORD,
                "year": {"type": "integer"},
                "meta": _STORED_ONLY,
                "body": _STORED_ONLY,
            },
        },
    }


def artifacts_index_body() -> dict[str, Any]:
    """Named binary blobs (accent model, glossary)."""
    return {
        "settings": _single_shard(),
        "mappings": {"dynamic": "strict", "properties": {"data": {"type": "binary"}}},
    }
