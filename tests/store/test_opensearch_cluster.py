"""A real three-node OpenSearch cluster on loopback ports (no Docker), losing a node.

The cluster runs from the same installation as the test node (``kb opensearch up --nodes 3``
does the same). The store is given every node in one comma-separated URL; each index has
one replica, so killing any one node with SIGKILL loses nothing: searches keep answering,
an ingest finishes, and the cluster is green again once the node is back.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
from opensearchpy import OpenSearch

from indexer.store.base import IndexRecord, LexicalQuery
from indexer.store.opensearch.store import OpenSearchStore
from ops.opensearch.cluster import ClusterSettings, LocalCluster
from ops.opensearch.process import port_in_use

pytestmark = [pytest.mark.opensearch, pytest.mark.slow, pytest.mark.xdist_group("cluster")]


def _first_port() -> int:
    """9231 for the first test process, 9241 for the second, ...: should two processes each set
    the cluster up, their nodes never meet on a port."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return 9231 + 10 * int(worker.removeprefix("gw") or 0)


FIRST_PORT = _first_port()


@pytest.fixture(scope="session")
def cluster(opensearch_url: str) -> Iterator[LocalCluster]:
    """Three fresh nodes (the test node at ``opensearch_url`` proves the installation).

    An xdist worker may tear session fixtures down and set them up again when its queue runs
    dry; :meth:`LocalCluster.down` returns only once the ports are free, so the next cluster
    can bind them, and the ports depend on the worker, so two workers never share them."""
    settings = ClusterSettings(3, FIRST_PORT, name=f"tdc-kb-test-{uuid.uuid4().hex[:8]}")
    ports = [
        port for node in map(settings.node, settings.ports) for port in (node.port, node.transport)
    ]
    if any(port_in_use(port) for port in ports):
        pytest.fail(f"ports {ports} are taken; the cluster test needs them")
    local = LocalCluster(settings)
    try:
        local.up()
        yield local
    finally:
        local.down()


@pytest.fixture
def store(cluster: LocalCluster) -> Iterator[OpenSearchStore]:
    store = OpenSearchStore(cluster.settings.url, prefix=f"test-{uuid.uuid4().hex[:12]}")
    yield store
    _wait_green(store.client)
    store.drop()
    store.close()


def _wait_green(client: OpenSearch, timeout: float = 180.0) -> None:
    """Wait until every shard has all its copies; if one never gets them, say why."""
    health = client.cluster.health(
        wait_for_status="green",
        params={"timeout": f"{timeout:.0f}s", "ignore": 408},
        request_timeout=timeout + 10,
    )
    if health["status"] != "green":
        why = client.cluster.allocation_explain(params={"ignore": 400})
        pytest.fail(f"cluster not green after {timeout:.0f} s: {health}\nwhy: {why}")


def _kill(cluster: LocalCluster, port: int) -> None:
    pid = cluster.member(port).status().pid
    assert pid is not None, f"node {port} is not running"
    os.killpg(pid, signal.SIGKILL)
    while port_in_use(port):
        time.sleep(0.1)


def _queries(records: list[IndexRecord]) -> list[LexicalQuery]:
    """The article titles of four records as queries (analysed as at ingest)."""
    titled = [record for record in records if record.title.strip()]
    return [LexicalQuery(tokens=record.title.split()) for record in titled[::5][:4]]


def _top_ids(store: OpenSearchStore, query: LexicalQuery) -> list[str]:
    return [hit.chunk.id for hit in store.lexical(query, None, 10)]


def test_every_index_has_a_replica_on_a_cluster(
    store: OpenSearchStore, records: list[IndexRecord]
) -> None:
    store.write(records)
    _wait_green(store.client)
    shards = store.client.cat.shards(index=f"{store.names.prefix}-*", format="json")
    copies = {(s["index"], s["prirep"]) for s in shards if s["state"] == "STARTED"}
    indices = {index for index, _ in copies}
    assert indices and all((index, "r") in copies for index in indices), shards


def test_search_answers_while_the_first_named_node_is_killed(
    cluster: LocalCluster, store: OpenSearchStore, records: list[IndexRecord]
) -> None:
    store.write(records)
    _wait_green(store.client)
    queries = _queries(records)
    expected = [_top_ids(store, query) for query in queries]
    assert len(queries) == 4 and all(expected)
    failures: list[BaseException] = []
    answers: list[bool] = []
    stop = threading.Event()

    def search_loop() -> None:
        while not stop.is_set():
            for query, ids in zip(queries, expected, strict=True):
                try:
                    answers.append(_top_ids(store, query) == ids)
                except Exception as error:  # every failure is the finding
                    failures.append(error)

    searcher = threading.Thread(target=search_loop)
    searcher.start()
    try:
        time.sleep(1.0)
        _kill(cluster, FIRST_PORT)
        time.sleep(5.0)
    finally:
        stop.set()
        searcher.join()
    assert failures == [], f"{len(failures)} failed searches, first: {failures[:1]}"
    assert answers and all(answers), f"{answers.count(False)} of {len(answers)} answers changed"

    cluster.member(FIRST_PORT).up()
    _wait_green(store.client)
    assert store.count() == len(records)
    assert [_top_ids(store, query) for query in queries] == expected


def test_ingest_finishes_while_a_node_is_killed_and_loses_nothing(
    cluster: LocalCluster, store: OpenSearchStore, records: list[IndexRecord]
) -> None:
    victim = FIRST_PORT + 1
    half = len(records) // 2
    store.write(records[:half])
    _wait_green(store.client)  # every shard has its replica: one node's loss loses no copy
    _kill(cluster, victim)
    store.write(records[half:])
    assert store.count() == len(records)

    cluster.member(victim).up()
    _wait_green(store.client)
    doc_ids = sorted({record.chunk.doc_id for record in records})
    assert store.chunk_hashes(doc_ids) == {r.chunk.id: r.content_hash for r in records}
