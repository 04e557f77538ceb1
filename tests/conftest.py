"""Shared fixtures. OpenSearch tests talk to a real node: `make test` starts one first.

Without a node they skip on a developer's machine and FAIL under ``CI=true``: CI always
starts a node, and a silently skipped store is an untested store.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from opensearchpy import OpenSearch

from ops.opensearch.process import get_json

pytest_plugins = ["field_corpus", "standards_corpus", "tcp_proxy"]

DEFAULT_OPENSEARCH_URL = "http://127.0.0.1:9200"


@pytest.fixture(scope="session")
def opensearch_url() -> str:
    """URL of a running OpenSearch node: ``$OPENSEARCH_URL`` or the local default."""
    url = os.environ.get("OPENSEARCH_URL", DEFAULT_OPENSEARCH_URL).rstrip("/")
    if get_json(url) is None:
        message = f"no OpenSearch node answers at {url}; start one with `make opensearch-up`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(scope="session")
def opensearch_client(opensearch_url: str) -> Iterator[OpenSearch]:
    """An opensearch-py client for the node at :func:`opensearch_url`."""
    client = OpenSearch(hosts=[opensearch_url], timeout=60)
    yield client
    client.close()


@pytest.fixture
def os_index_name(opensearch_client: OpenSearch) -> Iterator[str]:
    """A fresh index name ``test_<uuid hex>``; that index (only that one) is deleted afterwards."""
    name = f"test_{uuid.uuid4().hex}"
    yield name
    opensearch_client.indices.delete(index=name, ignore_unavailable=True)
