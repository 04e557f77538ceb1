"""The OpenSearch client of the store: one or several nodes, failing over between them.

``OPENSEARCH_URL`` may name several nodes of one cluster, comma-separated. The client sends
requests round-robin; a node that refuses the connection is marked dead for a while and the
request is retried on the next one, so losing any node (the first-named included) does not
stop reads or writes.

>>> node_urls("http://127.0.0.1:9201, http://127.0.0.1:9202/")
['http://127.0.0.1:9201', 'http://127.0.0.1:9202']
"""

from __future__ import annotations

from opensearchpy import OpenSearch


def node_urls(url: str) -> list[str]:
    """The node addresses of a comma-separated ``OPENSEARCH_URL``; ValueError when empty."""
    urls = [part.strip().rstrip("/") for part in url.split(",") if part.strip()]
    if not urls:
        raise ValueError("OPENSEARCH_URL names no node")
    return urls


def make_client(url: str, timeout: float) -> OpenSearch:
    """A client over every node of ``url``: each request may be retried once on every other
    node after a refused connection; a timed-out request is not retried (see
    :mod:`indexer.store.deadline`)."""
    hosts = node_urls(url)
    return OpenSearch(
        hosts=hosts,
        timeout=timeout,
        max_retries=len(hosts),
        retry_on_timeout=False,
        # A dead node is retried after 1 s, then backing off (the default waits 60 s).
        dead_timeout=1.0,
    )
