"""A loopback TCP forwarder in front of a real OpenSearch node, to take the node "down".

``stop()`` closes the listening socket and every open connection, so clients see exactly what
a stopped node gives them (connection refused, reset); ``start()`` listens again on the same
port, as a node that comes back does. The node itself keeps running for the other tests.
``cut_before`` stops the forwarder the moment a client sends a request starting with those
bytes, without passing it on: what the node sees of a client killed just before that request.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import suppress
from urllib.parse import urlsplit

import pytest

from ops.opensearch.process import free_port


class TcpProxy:
    """Forwards ``127.0.0.1:<port>`` to ``127.0.0.1:<target>`` while started."""

    def __init__(self, target: int, cut_before: bytes | None = None) -> None:
        self.target = target
        self.cut_before = cut_before
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def is_listening(self) -> bool:
        return self._listener is not None

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        if self._listener is not None:
            with suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            for sock in self._open:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # the listener was closed by stop()
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            with self._lock:
                self._open.update((client, upstream))
            for source, sink, outbound in ((client, upstream, True), (upstream, client, False)):
                threading.Thread(
                    target=self._pump, args=(source, sink, outbound), daemon=True
                ).start()

    def _pump(self, source: socket.socket, sink: socket.socket, outbound: bool) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                if outbound and self.cut_before is not None and data.startswith(self.cut_before):
                    self.stop()
                    return
                sink.sendall(data)
        with suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


@pytest.fixture
def proxy(opensearch_url: str) -> Iterator[TcpProxy]:
    """A started forwarder in front of the test node (pytest plugin: see tests/conftest.py)."""
    forwarder = TcpProxy(urlsplit(opensearch_url).port or 9200)
    forwarder.start()
    yield forwarder
    forwarder.stop()
