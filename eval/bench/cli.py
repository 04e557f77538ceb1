"""`kb bench`: run the benchmark sections and write ``eval/reports/<date>-bench.*``."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

console = Console(stderr=True)

SECTION_NAMES = ("ingest", "latency", "scale", "knn")


def parse_list(value: str, allowed: tuple[str, ...] | None = None) -> list[str]:
    """Comma-separated items, each checked against ``allowed`` when given."""
    items = [item.strip() for item in value.split(",") if item.strip()]
    if allowed is not None:
        for item in items:
            if item not in allowed:
                raise typer.BadParameter(f"{item!r} is not one of {', '.join(allowed)}")
    return items


def parse_ints(value: str) -> list[int]:
    """Comma-separated positive integers."""
    try:
        numbers = [int(item.replace("_", "")) for item in parse_list(value)]
    except ValueError as error:
        raise typer.BadParameter(f"not a list of integers: {value!r}") from error
    if not numbers or min(numbers) < 1:
        raise typer.BadParameter(f"give positive integers, got {value!r}")
    return numbers


def machine() -> dict[str, Any]:
    """CPU model, core count and memory of this machine."""
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    meminfo = Path("/proc/meminfo").read_text().split()
    memory_kib = int(meminfo[meminfo.index("MemTotal:") + 1])
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory_kib / 2**20, 1)}


def commit() -> str:
    """The checked-out commit, marked ``-dirty`` when the working tree has changes."""
    root = Path(__file__).resolve().parents[2]
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{sha}-dirty" if sha and dirty else sha or "unknown"


@contextmanager
def own_node(port: int, heap: str) -> Iterator[tuple[str, int | None]]:
    """A local OpenSearch node on ``port`` with ``heap``, for the big indices; yields its URL
    and pid. A node started here is stopped afterwards and a state directory made here
    removed."""
    from ops.opensearch.node import LocalNode, NodeSettings

    node = LocalNode(NodeSettings(port=port, heap=heap, start_timeout=300))
    existed = node.state.exists()
    status = node.up()
    try:
        yield status.url, status.pid
    finally:
        if not status.reused:
            node.down()
            if not existed:
                shutil.rmtree(node.state, ignore_errors=True)


def run_section(
    data: dict[str, Any], name: str, command: str, measure: Callable[[], Any], out: Path
) -> None:
    """Measure one section, record it with its command, time and load, and rewrite the report."""
    from eval.bench.report import write_report

    console.print(f"[bold]{name}[/bold] …")
    load = [round(x, 2) for x in os.getloadavg()]
    began = time.perf_counter()
    result = measure()
    data["sections"][name] = {
        "command": command,
        "seconds": round(time.perf_counter() - began, 1),
        "load_average": load,
        "result": asdict(result),
    }
    path = write_report(data, out)
    console.print(f"[green]{name} done[/green] → {path}")


def bench_command(
    only: Annotated[
        str, typer.Option(help="Sections to run: ingest, latency, scale, knn (comma-separated).")
    ] = ",".join(SECTION_NAMES),
    stores: Annotated[
        str, typer.Option(help="Stores for latency and scale: embedded, opensearch.")
    ] = "embedded,opensearch",
    duration: Annotated[
        float, typer.Option(min=1, help="Seconds per latency run (mode × concurrency).")
    ] = 30.0,
    concurrency: Annotated[str, typer.Option(help="Concurrent clients per run.")] = "1,8,32",
    knn_sizes: Annotated[str, typer.Option(help="Synthetic collection sizes.")] = "100000,1000000",
    knn_queries: Annotated[int, typer.Option(min=10, help="Query vectors per size.")] = 200,
    knn_budget: Annotated[
        float, typer.Option(min=1, help="Minutes of bulk loading per size before stopping.")
    ] = 20.0,
    node_port: Annotated[
        int, typer.Option(help="Port of the benchmark's own OpenSearch node (scale, kNN).")
    ] = 9210,
    node_heap: Annotated[str, typer.Option(help="JVM heap of that node.")] = "4g",
    out: Annotated[
        Path | None, typer.Option(help="Report directory [default: eval/reports].")
    ] = None,
) -> None:
    """Ingest throughput, HTTP latency, scale and kNN benchmarks → eval/reports/<date>-bench.md."""
    from eval.bench.ingest import run_ingest_bench
    from eval.bench.knn import run_knn_bench
    from eval.bench.latency import run_latency_bench
    from eval.bench.report import REPORTS, report_stem
    from eval.bench.scale import run_scale_bench
    from eval.bench.stores import FIELD_SOURCE, STORE_KINDS, source_paths
    from indexer.embed import make_embedder
    from indexer.settings import get_settings

    sections = parse_list(only, SECTION_NAMES)
    kinds = [k for k in STORE_KINDS if k in parse_list(stores, STORE_KINDS)]
    clients = parse_ints(concurrency)
    sizes = parse_ints(knn_sizes)
    settings = get_settings()
    reports = out or REPORTS
    command = "kb " + shlex.join(["bench", *sys.argv[2:]])
    data: dict[str, Any] = {
        "date": date.today().isoformat(),
        "commit": commit(),
        "machine": machine(),
        "sections": {},
    }
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        home = Path(tmp)
        if "ingest" in sections:
            run_section(
                data,
                "ingest",
                command,
                lambda: run_ingest_bench(source_paths(FIELD_SOURCE), home / "ingest"),
                reports,
            )
        if "latency" in sections:
            run_section(
                data,
                "latency",
                command,
                lambda: run_latency_bench(
                    home / "latency",
                    make_embedder(settings),
                    settings.opensearch_url,
                    kinds,
                    clients,
                    duration,
                ),
                reports,
            )
        if "scale" in sections or "knn" in sections:
            with own_node(node_port, node_heap) as (node_url, node_pid):
                if "scale" in sections:
                    run_section(
                        data,
                        "scale",
                        command,
                        lambda: run_scale_bench(home / "scale", node_url, kinds, duration),
                        reports,
                    )
                if "knn" in sections:
                    run_section(
                        data,
                        "knn",
                        command,
                        lambda: run_knn_bench(
                            node_url,
                            node_pid,
                            node_heap,
                            sizes,
                            n_queries=knn_queries,
                            budget_s=knn_budget * 60,
                        ),
                        reports,
                    )
    markdown = report_stem(date.fromisoformat(data["date"]), reports).with_suffix(".md")
    typer.echo(markdown.read_text("utf-8"))
    console.print(f"[green]Report written to {markdown}")
