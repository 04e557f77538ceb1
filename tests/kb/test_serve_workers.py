"""`kb serve --workers 2`: two worker processes behind one port, each warmed up before it
takes a request, one rate-limit budget and one set of metrics for both, an upload through
one seen by both; stopping the server stops its workers."""

from __future__ import annotations

import asyncio
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from field_corpus import field_corpus_dir
from prometheus_client.parser import text_string_to_metric_families

from eval.bench.memory import child_pids
from eval.bench.server import ApiServer, serve_api
from indexer.settings import Settings
from indexer.store.sqlite import SqliteStore
from ingest.pipeline import Ingestor
from kb.serve import ReusePortAddress

PER_MINUTE = 20
SEARCHES = 40
SAMPLE = Path(__file__).parents[1] / "search_api" / "assets" / "thong-tu-mau.txt"
SAMPLE_ID = "99-2099-tt-bkhcn"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KB_HOME whose embedded store holds the đề mục Đo lường, lexically."""
    home = tmp_path_factory.mktemp("workers-home")
    store = SqliteStore(Settings(home=home).embedded_store_dir)
    Ingestor(store, None).ingest(sorted(field_corpus_dir().glob("19.4_*.html")))
    store.close()
    return home


@pytest.fixture(scope="module")
def server(home: Path) -> Iterator[ApiServer]:
    env = {"KB_HOME": str(home), "KB_STORE": "embedded", "KB_RATE_LIMIT_PER_MINUTE": "20"}
    with serve_api(env, workers=2) as server:
        yield server


def _workers(pid: int) -> list[int]:
    """The worker processes of the server ``pid`` (not multiprocessing's resource tracker)."""
    return [
        child
        for child in child_pids(pid)
        if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


def _searches(url: str) -> tuple[list[int], float]:
    """Statuses of the searches, each on a new connection, and the seconds they took."""
    began = time.monotonic()
    statuses = [
        httpx.get(
            f"{url}/api/v1/search",
            params={"q": f"chuẩn đo lường {n}", "mode": "lexical", "k": 1},
            timeout=60,
            trust_env=False,
        ).status_code
        for n in range(SEARCHES)
    ]
    return statuses, time.monotonic() - began


def _counted(url: str, handler: str) -> float:
    """Requests the metrics count for ``handler``, every status."""
    text = httpx.get(f"{url}/metrics", timeout=30, trust_env=False).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        if family.name == "kb_http_requests"
        for sample in family.samples
        if sample.name == "kb_http_requests_total" and sample.labels["handler"] == handler
    )


def test_two_workers_share_one_budget_and_one_count(server: ApiServer) -> None:
    assert len(_workers(server.pid)) == 2
    statuses, seconds = _searches(server.url)
    granted = statuses.count(200)
    refilled = int(seconds * PER_MINUTE / 60) + 1
    assert set(statuses) == {200, 429}
    assert PER_MINUTE <= granted <= PER_MINUTE + refilled
    assert _counted(server.url, "search_get") == SEARCHES


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def _listening_on(port: int, pid: int) -> set[str]:
    """Inodes of the sockets process ``pid`` holds that listen on ``port``."""
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            fields = row.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                listening.add(fields[9])
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd) if fd.is_symlink() else ""
        if target.startswith("socket:["):
            held.add(target[len("socket:[") : -1])
    return listening & held


def _held_by_worker(url: str, workers: list[int], connections: int) -> dict[int, int]:
    """Open ``connections`` keep-alive connections at once, as a load generator does, and
    count those each worker holds while they are open."""

    async def hold() -> dict[int, int]:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(base_url=url, limits=limits, trust_env=False) as client:
            await asyncio.gather(*(client.get("/healthz") for _ in range(connections)))
            return {
                pid: sum(
                    1
                    for c in psutil.Process(pid).net_connections(kind="tcp")
                    if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == _port(url)
                )
                for pid in workers
            }

    return asyncio.run(hold())


def test_each_worker_listens_on_a_socket_of_its_own(server: ApiServer) -> None:
    """One shared socket let the worker that woke first accept a whole burst of
    connections (8 at once: 8/0 in 3 runs of 5); sockets of their own in one SO_REUSEPORT
    group let the kernel spread them, and the supervisor itself listens on none."""
    workers = _workers(server.pid)
    sockets = [_listening_on(_port(server.url), pid) for pid in workers]
    assert [len(held) for held in sockets] == [1, 1]
    assert sockets[0] != sockets[1]
    assert not _listening_on(_port(server.url), server.pid)
    held = _held_by_worker(server.url, workers, 16)
    assert sum(held.values()) >= 8
    assert min(held.values()) >= 1, held


def test_a_second_server_cannot_take_the_port_of_a_running_one(server: ApiServer) -> None:
    """SO_REUSEPORT would let it join the running server's group and take half its
    traffic; binding plainly first refuses it."""
    with pytest.raises(OSError, match="in use"):
        ReusePortAddress.bind_to("127.0.0.1", _port(server.url), 16)
    # bound to a port of its own, it takes no connection: only the workers listen
    address = ReusePortAddress.bind_to("127.0.0.1", 0, 16)
    with address, pytest.raises(ConnectionRefusedError):
        socket.create_connection(address.getsockname(), timeout=5)


def test_stopping_the_server_stops_its_workers(home: Path) -> None:
    env = {"KB_HOME": str(home), "KB_STORE": "embedded"}
    with serve_api(env, workers=2) as server:
        workers = _workers(server.pid)
    assert len(workers) == 2
    # serve_api has waited for the server process, which waited for its workers
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def _suggested(url: str, times: int) -> list[list[str]]:
    """The ids suggested for "99/2099", asked ``times`` times, each on a new connection
    (so both workers answer some)."""
    return [
        [
            s["id"]
            for s in httpx.get(
                f"{url}/api/v1/suggest", params={"q": "99/2099"}, timeout=30, trust_env=False
            ).json()["suggestions"]
        ]
        for _ in range(times)
    ]


def test_an_upload_through_one_worker_is_seen_by_both(tmp_path: Path) -> None:
    """The worker that did not take the upload kept the suggest index and the laws' names
    it had built before it: it never offered the new document."""
    env = {"KB_HOME": str(tmp_path), "KB_STORE": "embedded", "KB_API_KEY": "khoa-thu"}
    with serve_api(env, workers=2) as server:
        assert _suggested(server.url, 16) == [[]] * 16  # both workers have built theirs
        with SAMPLE.open("rb") as handle:
            uploaded = httpx.post(
                f"{server.url}/api/v1/ingest",
                headers={"X-API-Key": "khoa-thu"},
                files={"files": (SAMPLE.name, handle, "text/plain")},
                timeout=120,
                trust_env=False,
            )
        assert uploaded.status_code == 200, uploaded.text
        assert _suggested(server.url, 16) == [[SAMPLE_ID]] * 16
