"""`kb serve`: uvicorn over :func:`kb.app.serving_app`, in one process or several workers.

``X-Forwarded-For`` is believed only from the proxies named by ``KB_TRUSTED_PROXIES``;
unset, the client is the peer of the TCP connection (uvicorn's default believes any
loopback peer, which let a local client choose its own address and escape the rate limit).

Several workers share one listening socket (uvicorn's supervisor restarts one that dies);
each loads the models and answers a search before it accepts a connection. What must hold
across them lives in a folder made for the server's life: the rate-limit buckets
(``KB_SHARED_STATE_DIR``) and prometheus-client's per-process metric files
(``PROMETHEUS_MULTIPROC_DIR``), so ``/metrics`` counts every worker's requests and a
client's budget is one, not one per worker.
"""

from __future__ import annotations

import os
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


def run_server(config: uvicorn.Config) -> None:
    """Serve until stopped: in this process, or in ``config.workers`` worker processes."""
    if config.workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()
