"""A real uvicorn server on a free loopback port, for tests that speak HTTP from outside."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from ops.opensearch.process import free_port


@contextmanager
def live_server(app: FastAPI, start_timeout_s: float = 30) -> Iterator[str]:
    """Serve ``app`` in a thread; yield its base URL and stop it afterwards."""
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    with serving(config, start_timeout_s) as url:
        yield url


@contextmanager
def serving(config: uvicorn.Config, start_timeout_s: float = 30) -> Iterator[str]:
    """Run a uvicorn server with ``config`` in a thread; yield its base URL."""
    port = config.port
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
