"""The listening socket each `kb serve` worker opens: its connections answer without
Nagle's delay, and it shares its port only with sockets of the same group."""

from __future__ import annotations

import asyncio
import pickle
import socket

from kb.serve import ReusePortAddress, listening_socket


def _nodelay_of_accepted(sock: socket.socket) -> int:
    """TCP_NODELAY of a connection asyncio accepted on ``sock`` (as uvicorn's does)."""

    async def accept_one() -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                peer = transport.get_extra_info("socket")
                accepted.set_result(peer.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
        async with server:
            _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
            result = await asyncio.wait_for(accepted, 10)
            writer.close()
            return result

    return asyncio.run(accept_one())


def test_a_workers_connections_are_sent_without_nagles_delay() -> None:
    sock = listening_socket(socket.AF_INET, "127.0.0.1", 0, 16)
    assert sock.proto == socket.IPPROTO_TCP
    assert _nodelay_of_accepted(sock) == 1


def test_the_address_unpickles_as_a_listening_socket_on_the_same_port() -> None:
    with ReusePortAddress.bind_to("127.0.0.1", 0, 16) as address:
        worker = pickle.loads(pickle.dumps(address))
        with worker:
            assert type(worker) is socket.socket
            assert worker.getsockname() == address.getsockname()
            second = pickle.loads(pickle.dumps(address))  # the next worker joins the group
            with second, socket.create_connection(address.getsockname(), timeout=5):
                pass
