"""A store that accepts connections and never answers: searches fail fast with 503, and the
health checks keep answering while searches wait."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from live_server import live_server

from kb.app import create_app
from search_api.settings import ApiSettings


@pytest.fixture
def hanging_store() -> Iterator[str]:
    """A real TCP server on loopback that accepts every connection and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(128)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def _timed(call: Callable[[], httpx.Response]) -> tuple[httpx.Response, float]:
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


def test_a_search_on_a_hanging_store_gives_503_within_its_deadline(
    hanging_store: str, make_settings: Callable[..., ApiSettings]
) -> None:
    """Defect 6: each search waited 30 s × 3 tries before its 503."""
    settings = make_settings(store="opensearch", opensearch_url=hanging_store, store_timeout_s=1)
    with live_server(create_app(settings)) as url, httpx.Client(base_url=url, timeout=60) as client:
        for params in ({"q": "đo lường", "mode": "lexical"}, {"q": "hợp chuẩn là gì"}):
            response, seconds = _timed(lambda p=params: client.get("/api/v1/search", params=p))
            assert response.status_code == 503, response.text
            assert response.json()["error"]["code"] == "store_unavailable"
            assert int(response.headers["retry-after"]) >= 1
            assert seconds < 5, seconds  # one shared deadline of 1 s, not 90 s


def test_health_checks_answer_while_searches_wait_on_the_store(
    hanging_store: str, make_settings: Callable[..., ApiSettings]
) -> None:
    """Defect 6: with 50 searches waiting on a hanging store, /healthz and /readyz stopped
    answering; /healthz never touches the store and /readyz answers within about a second."""
    settings = make_settings(store="opensearch", opensearch_url=hanging_store, store_timeout_s=4)
    with (
        live_server(create_app(settings)) as url,
        httpx.Client(base_url=url, timeout=120) as client,
        ThreadPoolExecutor(max_workers=50) as pool,
    ):
        searches = [
            pool.submit(client.get, "/api/v1/search", params={"q": f"đo lường {n}"})
            for n in range(50)
        ]
        time.sleep(1.0)  # every search is now waiting on the store
        assert not any(search.done() for search in searches)
        health, health_s = _timed(lambda: client.get("/healthz"))
        ready, ready_s = _timed(lambda: client.get("/readyz"))
        assert (health.status_code, health.json()) == (200, {"status": "ok"})
        assert health_s < 1, health_s
        assert ready.status_code == 503 and int(ready.headers["retry-after"]) >= 1
        assert ready_s < 2, ready_s
        assert {search.result().status_code for search in searches} == {503}
