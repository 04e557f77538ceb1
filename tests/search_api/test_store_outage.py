"""OpenSearch going away while the API serves: 503 JSON and a Vietnamese page, then the same
answers once it is back, without restarting the API.

The node is taken "down" by a loopback forwarder in front of the real test node (see
``tests/tcp_proxy.py``): clients see refused connections, as from a stopped node.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tcp_proxy import TcpProxy

from indexer.store.opensearch.store import OpenSearchStore
from kb.app import create_app
from search_api.settings import ApiSettings

pytestmark = pytest.mark.opensearch

QUERIES = ("phương tiện đo nhóm 2", "công bố hợp quy", "tieu chuan co so")


def _ids(client: TestClient, query: str) -> list[str]:
    response = client.get("/api/v1/search", params={"q": query, "mode": "lexical"})
    assert response.status_code == 200, response.text
    return [hit["id"] for hit in response.json()["hits"]]


def test_search_is_503_while_the_store_is_down_and_recovers_without_a_restart(
    proxy: TcpProxy,
    field_opensearch_store: OpenSearchStore,
    make_settings: Callable[..., ApiSettings],
    make_client: Callable[[FastAPI], TestClient],
) -> None:
    settings = make_settings(
        store="opensearch", opensearch_url=proxy.url, index=field_opensearch_store.names.prefix
    )
    with make_client(create_app(settings)) as client:
        before = {query: _ids(client, query) for query in QUERIES}
        assert all(before.values())

        proxy.stop()
        for query in QUERIES:
            response = client.get("/api/v1/search", params={"q": query, "mode": "lexical"})
            assert response.status_code == 503, response.text
            assert response.json()["error"]["code"] == "store_unavailable"
            assert "thử lại" in response.json()["error"]["message"]
        page = client.get("/", params={"q": QUERIES[0]}, headers={"accept": "text/html"})
        assert page.status_code == 503
        assert "Tạm thời không phục vụ được" in page.text
        assert "Kho dữ liệu tạm thời không truy cập được" in page.text
        assert client.get("/readyz").status_code == 503
        assert client.get("/healthz").status_code == 200

        proxy.start()
        assert client.get("/readyz").status_code == 200
        assert {query: _ids(client, query) for query in QUERIES} == before
