"""`kb opensearch up|down|status`: a local OpenSearch node (or a loopback cluster of several)
with k-NN, fetched from Maven Central."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ops.opensearch.cluster import ClusterSettings, LocalCluster
from ops.opensearch.node import LocalNode, NodeSettings, NodeStatus
from ops.opensearch.provision import ProvisionError

opensearch_app = typer.Typer(
    help="Run a local OpenSearch node (with k-NN) on 127.0.0.1, or with --nodes N a cluster "
    "of N nodes on ports PORT…PORT+N-1; state lives in $KB_CACHE/opensearch/<version>/ "
    "(default ~/.cache/tdc-kb, /var/cache/tdc-kb for root).",
    no_args_is_help=True,
)

Port = Annotated[int, typer.Option(help="HTTP port of the node (of the first node with --nodes).")]
Nodes = Annotated[
    int,
    typer.Option(min=1, help="Nodes: 1 for a single node, 2 or more for a loopback cluster."),
]
_out = Console(soft_wrap=True)
_err = Console(stderr=True, soft_wrap=True)
# `status` exit code when the node is not running (as in LSB init scripts).
NOT_RUNNING = 3


def _node(
    port: int, transport_port: int | None = None, heap: str = "1g", timeout: float = 180.0
) -> LocalNode:
    try:
        settings = NodeSettings(port, transport_port, heap, start_timeout=timeout)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    return LocalNode(settings)


def _cluster(nodes: int, port: int, heap: str = "512m", timeout: float = 300.0) -> LocalCluster:
    try:
        return LocalCluster(ClusterSettings(nodes, port, heap, start_timeout=timeout))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _fail(exc: Exception) -> typer.Exit:
    _err.print(f"[red]error:[/red] {escape(str(exc))}")
    return typer.Exit(1)


def _describe(status: NodeStatus) -> str:
    if not status.running:
        return f"OpenSearch at {status.url}: stopped"
    rss = f"{status.rss_bytes / 2**30:.2f} GiB" if status.rss_bytes else "?"
    return (
        f"OpenSearch {status.version or '?'} at {status.url}: running "
        f"(pid {status.pid}, health {status.health or '?'}, RSS {rss})"
    )


@opensearch_app.command()
def up(
    port: Port = 9200,
    transport_port: Annotated[
        int | None, typer.Option(help="Transport port [default: HTTP port + 100].")
    ] = None,
    heap: Annotated[
        str | None,
        typer.Option(
            help="JVM heap per node, e.g. 512m or 1g [default: 1g, 512m per cluster node]."
        ),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a healthy node.")] = 180.0,
    nodes: Nodes = 1,
) -> None:
    """Start the node or cluster (downloading and installing OpenSearch on first use) or
    reuse what already runs."""
    if nodes > 1 and transport_port is not None:
        raise typer.BadParameter("cluster nodes use their HTTP port + 100 for transport")
    started = time.monotonic()
    try:
        if nodes == 1:
            status = _node(port, transport_port, heap or "1g", timeout).up()
            verb = "already running" if status.reused else "started"
            _out.print(f"{escape(_describe(status))}; {verb} in {time.monotonic() - started:.1f} s")
            return
        cluster = _cluster(nodes, port, heap or "512m", max(timeout, 300.0))
        for member in cluster.up():
            _out.print(escape(_describe(member)))
    except ProvisionError as exc:
        raise _fail(exc) from exc
    _out.print(
        f"cluster {cluster.settings.name} ready in {time.monotonic() - started:.1f} s; "
        f"OPENSEARCH_URL={cluster.settings.url}"
    )


@opensearch_app.command()
def down(port: Port = 9200, nodes: Nodes = 1) -> None:
    """Stop the node on PORT, or the cluster's nodes (SIGTERM, then SIGKILL after 60 s)."""
    if nodes == 1:
        pid = _node(port).down()
        pids = [pid] if pid else []
    else:
        pids = _cluster(nodes, port).down()
    stopped = ", ".join(map(str, pids))
    _out.print(f"stopped OpenSearch (pid {stopped})" if pids else "OpenSearch was not running")


@opensearch_app.command()
def status(port: Port = 9200, nodes: Nodes = 1) -> None:
    """Show whether the node on PORT (or each cluster node) runs, with pid, URL, version and
    RSS (exit 3 if one is stopped)."""
    members = [_node(port).status()] if nodes == 1 else _cluster(nodes, port).status()
    for current in members:
        _out.print(escape(_describe(current)))
    if not all(current.running for current in members):
        raise typer.Exit(NOT_RUNNING)
