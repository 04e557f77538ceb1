"""The HTTP API under uvicorn in a subprocess (so its memory is its own), on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from ops.opensearch.process import free_port


@dataclass(frozen=True)
class ApiServer:
    """A running API process: its base URL and pid."""

    url: str
    pid: int


def server_command(port: int, workers: int = 1) -> list[str]:
    """`kb serve` on loopback with ``workers`` processes, without access log or background
    embedding (the bench's stores are complete)."""
    return [
        sys.executable,
        "-m",
        "kb",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--no-embed-missing",
    ]


@contextmanager
def serve_api(
    env: Mapping[str, str], workers: int = 1, timeout: float = 180.0
) -> Iterator[ApiServer]:
    """Run the API with ``env`` added to the environment (the rate limit off unless it
    says otherwise); yields it once ``/readyz`` answers 200, and stops it afterwards."""
    port = free_port()
    environment = {**os.environ, "KB_RATE_LIMIT_PER_MINUTE": "0", **env}
    process = subprocess.Popen(server_command(port, workers), env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the API server exited with {process.returncode}")
            try:
                ready = httpx.get(f"{url}/readyz", timeout=2, trust_env=False)
                if ready.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"the API server was not ready after {timeout:.0f} s")
            time.sleep(0.2)
        yield ApiServer(url=url, pid=process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
