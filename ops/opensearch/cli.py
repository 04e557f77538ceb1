"""`kb opensearch up|down|status`: a local OpenSearch node with k-NN, fetched from Maven Central."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from ops.opensearch.node import LocalNode, NodeSettings, NodeStatus
from ops.opensearch.provision import ProvisionError

opensearch_app = typer.Typer(
    help="Run a local single-node OpenSearch (with k-NN) on 127.0.0.1; state lives in "
    "$KB_CACHE/opensearch/<version>/ (default ~/.cache/tdc-kb, /var/cache/tdc-kb for root).",
    no_args_is_help=True,
)

Port = Annotated[int, typer.Option(help="HTTP port of the node (one node per port).")]
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
    heap: Annotated[str, typer.Option(help="JVM heap, e.g. 512m or 1g.")] = "1g",
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a healthy node.")] = 180.0,
) -> None:
    """Start the node (downloading and installing OpenSearch on first use) or reuse it."""
    node = _node(port, transport_port, heap, timeout)
    started = time.monotonic()
    try:
        status = node.up()
    except ProvisionError as exc:
        raise _fail(exc) from exc
    verb = "already running" if status.reused else f"started in {time.monotonic() - started:.1f} s"
    _out.print(f"{escape(_describe(status))}; {verb}")


@opensearch_app.command()
def down(port: Port = 9200) -> None:
    """Stop the node on PORT (SIGTERM, then SIGKILL after 60 s)."""
    pid = _node(port).down()
    _out.print(f"stopped OpenSearch (pid {pid})" if pid else "OpenSearch was not running")


@opensearch_app.command()
def status(port: Port = 9200) -> None:
    """Show whether the node on PORT runs, with pid, URL, version and RSS (exit 3 if stopped)."""
    current = _node(port).status()
    _out.print(escape(_describe(current)))
    if not current.running:
        raise typer.Exit(NOT_RUNNING)
