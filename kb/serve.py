"""`kb serve`: uvicorn over :func:`kb.app.serving_app`, in one process or several workers.

``X-Forwarded-For`` is believed only from the proxies named by ``KB_TRUSTED_PROXIES``;
unset, the client is the peer of the TCP connection (uvicorn's default believes any
loopback peer, which let a local client choose its own address and escape the rate limit).

Several workers listen on one port (uvicorn's supervisor restarts one that dies); each
loads the models and answers a search before it accepts a connection. On Linux each worker
opens its own socket with ``SO_REUSEPORT`` and the kernel spreads new connections over
them: with one shared socket, the worker that wakes first accepts a whole burst of
keep-alive connections and the others sit idle (8 connections at once: 8/0 in 3 runs of 5,
7/1 in the others). What must hold
across them lives in a folder made for the server's life: the rate-limit buckets
(``KB_SHARED_STATE_DIR``) and prometheus-client's per-process metric files
(``PROMETHEUS_MULTIPROC_DIR``), so ``/metrics`` counts every worker's requests and a
client's budget is one, not one per worker.
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp
from uvicorn.supervisors import Multiprocess

from search_api.settings import ApiSettings

#: The factory each server process runs.
SERVING_APP = "kb.app:serving_app"
_SHARED_ENV = ("KB_SHARED_STATE_DIR", "PROMETHEUS_MULTIPROC_DIR")


def server_config(
    settings: ApiSettings,
    *,
    host: str,
    port: int,
    app: ASGIApp | str = SERVING_APP,
    workers: int = 1,
    access_log: bool = True,
) -> uvicorn.Config:
    """The uvicorn configuration of ``kb serve`` (``app`` a factory path or an app)."""
    trusted = settings.trusted_proxies
    return uvicorn.Config(
        app,
        factory=isinstance(app, str),
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        server_header=False,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
    )


@contextmanager
def shared_state(workers: int) -> Iterator[None]:
    """For several workers, a new folder for what they share, named in the environment
    they inherit, and removed with what is in it when the server stops."""
    if workers == 1:
        yield
        return
    with tempfile.TemporaryDirectory(prefix="kb-serve-") as folder:
        metrics = Path(folder) / "metrics"
        metrics.mkdir()
        os.environ.update(KB_SHARED_STATE_DIR=folder, PROMETHEUS_MULTIPROC_DIR=str(metrics))
        try:
            yield
        finally:
            for name in _SHARED_ENV:
                os.environ.pop(name, None)


def _reuse_port(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)


def listening_socket(family: int, host: str, port: int, backlog: int) -> socket.socket:
    """A socket listening on ``host:port`` beside others with ``SO_REUSEPORT``. It names
    its protocol, as uvicorn's own does: asyncio sets ``TCP_NODELAY`` only on connections
    of an ``IPPROTO_TCP`` socket, and without it Nagle's algorithm held every response for
    the client's delayed ACK (lexical p50 7 → 55 ms at one client)."""
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    _reuse_port(sock)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


class ReusePortAddress(socket.socket):
    """The server's address, bound but not listening: it holds the port (and fails at
    once when the port is taken), and each worker it is handed to unpickles it as a
    listening socket of its own (:func:`listening_socket`) in the same ``SO_REUSEPORT``
    group, so the kernel balances connections over the workers."""

    backlog = 2048

    @classmethod
    def bind_to(cls, host: str, port: int, backlog: int) -> ReusePortAddress:
        """Bind ``host:port``; OSError when anything listens there, another server with
        ``SO_REUSEPORT`` too (a plain socket is bound there first, and let go)."""
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
            port = probe.getsockname()[1]
        address = cls(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        _reuse_port(address)
        address.bind((host, port))
        address.backlog = backlog
        return address

    def __reduce__(self) -> tuple[object, tuple[int, str, int, int]]:
        host, port = self.getsockname()[:2]
        return listening_socket, (int(self.family), host, port, self.backlog)


def run_server(config: uvicorn.Config) -> None:
    """Serve until stopped: in this process, or in ``config.workers`` worker processes."""
    if config.workers == 1:
        uvicorn.Server(config).run()
        return
    if sys.platform == "linux":
        try:
            sock: socket.socket = ReusePortAddress.bind_to(config.host, config.port, config.backlog)
        except OSError as error:
            raise SystemExit(f"kb serve: {config.host}:{config.port}: {error.strerror}") from error
    else:
        sock = config.bind_socket()
    Multiprocess(config, sockets=[sock]).run()
