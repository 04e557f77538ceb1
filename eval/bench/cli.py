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
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from indexer.store.opensearch.mapping import HNSW_EF_CONSTRUCTION

if TYPE_CHECKING:
    import numpy as np

    from eval.bench.sections import BenchReport
    from eval.bench.stores import StoreKind

console = Console(stderr=True)

SECTION_NAMES = ("ingest", "latency", "scale", "knn")
#: Sections that run against the benchmark's own (bigger) OpenSearch node.
NODE_SECTIONS = ("scale", "knn")


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


@dataclass(frozen=True)
class BenchPlan:
    """What one `kb bench` run measures, and where."""

    sections: list[str]
    stores: list[StoreKind]
    clients: list[int]
    duration: float
    knn_sizes: list[int]
    knn_queries: int
    knn_budget_s: float
    node_port: int
    node_heap: str
    out: Path
    workers: int = 1
    knn_vectors: str = "mixture"
    knn_reference: int = 600
    knn_ef_construction: int = HNSW_EF_CONSTRUCTION


def run_section(
    report: BenchReport, name: str, command: str, measure: Callable[[], Any], out: Path
) -> BenchReport:
    """Measure one section, record it with its command, time and load, rewrite the report
    and return it with the section."""
    from eval.bench.report import write_report
    from eval.bench.sections import Section

    console.print(f"[bold]{name}[/bold] …")
    load = [round(x, 2) for x in os.getloadavg()]
    began = time.perf_counter()
    result = measure()
    section = Section(command, round(time.perf_counter() - began, 1), load, result)
    report = report.with_section(name, section)
    path = write_report(report, out)
    console.print(f"[green]{name} done[/green] → {path}")
    return report


def _measures(
    plan: BenchPlan, home: Path, node: tuple[str, int | None] | None
) -> dict[str, Callable[[], Any]]:
    """The measuring call of every section ``plan`` runs (node sections need ``node``)."""
    from eval.bench.ingest import run_ingest_bench
    from eval.bench.knn import run_knn_bench
    from eval.bench.latency import run_latency_bench
    from eval.bench.scale import run_scale_bench
    from eval.bench.stores import FIELD_SOURCE, source_paths
    from indexer.embed import make_embedder
    from indexer.settings import get_settings

    settings = get_settings()
    measures: dict[str, Callable[[], Any]] = {
        "ingest": lambda: run_ingest_bench(source_paths(FIELD_SOURCE), home / "ingest"),
        "latency": lambda: run_latency_bench(
            home / "latency",
            make_embedder(settings),
            settings.opensearch_url,
            plan.stores,
            plan.clients,
            plan.duration,
            plan.workers,
        ),
    }
    if node is not None:
        url, pid = node
        measures["scale"] = lambda: run_scale_bench(home / "scale", url, plan.stores, plan.duration)
        measures["knn"] = lambda: run_knn_bench(
            url,
            pid,
            plan.node_heap,
            plan.knn_sizes,
            n_queries=plan.knn_queries,
            budget_s=plan.knn_budget_s,
            ef_construction=plan.knn_ef_construction,
            reference=knn_reference(plan, home),
        )
    return measures


def knn_reference(plan: BenchPlan, home: Path) -> np.ndarray | None:
    """The real embeddings the kNN vectors are fitted to (None for uniform vectors): a
    spread sample of the field corpus's chunks through the configured embedder (cached)."""
    from eval.bench.stores import FIELD_SOURCE, source_paths
    from eval.bench.vectors import reference_embeddings
    from indexer.embed import make_embedder
    from indexer.settings import get_settings

    if plan.knn_vectors == "uniform":
        return None
    embedder = make_embedder(get_settings())
    paths = source_paths(FIELD_SOURCE)
    return reference_embeddings(paths, home / "knn-reference", embedder, plan.knn_reference)


def run_plan(plan: BenchPlan, command: str) -> Path:
    """Run the planned sections in report order; the Markdown report's path."""
    from eval.bench.report import report_stem
    from eval.bench.sections import BenchReport, Machine

    report = BenchReport(date=date.today().isoformat(), commit=commit(), machine=Machine.this_one())
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        home = Path(tmp)
        for name in ("ingest", "latency"):
            if name in plan.sections:
                measure = _measures(plan, home, None)[name]
                report = run_section(report, name, command, measure, plan.out)
        if any(name in plan.sections for name in NODE_SECTIONS):
            with own_node(plan.node_port, plan.node_heap) as node:
                for name in NODE_SECTIONS:
                    if name in plan.sections:
                        measure = _measures(plan, home, node)[name]
                        report = run_section(report, name, command, measure, plan.out)
    return report_stem(date.fromisoformat(report.date), plan.out).with_suffix(".md")


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
    knn_vectors: Annotated[
        str, typer.Option(help="mixture (fitted to the corpus's embeddings) or uniform.")
    ] = "mixture",
    knn_reference: Annotated[
        int, typer.Option(min=50, help="Real passage embeddings the mixture is fitted to.")
    ] = 600,
    knn_ef_construction: Annotated[
        int, typer.Option(min=16, help="HNSW ef_construction of the kNN indices.")
    ] = HNSW_EF_CONSTRUCTION,
    knn_budget: Annotated[
        float, typer.Option(min=1, help="Minutes of bulk loading per size before stopping.")
    ] = 20.0,
    node_port: Annotated[
        int, typer.Option(help="Port of the benchmark's own OpenSearch node (scale, kNN).")
    ] = 9210,
    node_heap: Annotated[str, typer.Option(help="JVM heap of that node.")] = "4g",
    workers: Annotated[
        int, typer.Option(min=1, help="API worker processes of the latency section.")
    ] = 1,
    out: Annotated[
        Path | None, typer.Option(help="Report directory [default: eval/reports].")
    ] = None,
) -> None:
    """Ingest throughput, HTTP latency, scale and kNN benchmarks → eval/reports/<date>-bench.md."""
    from eval.bench.report import REPORTS
    from eval.bench.stores import STORE_KINDS

    plan = BenchPlan(
        sections=parse_list(only, SECTION_NAMES),
        stores=[k for k in STORE_KINDS if k in parse_list(stores, STORE_KINDS)],
        clients=parse_ints(concurrency),
        duration=duration,
        knn_sizes=parse_ints(knn_sizes),
        knn_queries=knn_queries,
        knn_budget_s=knn_budget * 60,
        node_port=node_port,
        node_heap=node_heap,
        out=out or REPORTS,
        workers=workers,
        knn_vectors=parse_list(knn_vectors, ("mixture", "uniform"))[0],
        knn_reference=knn_reference,
        knn_ef_construction=knn_ef_construction,
    )
    markdown = run_plan(plan, "kb " + shlex.join(["bench", *sys.argv[2:]]))
    typer.echo(markdown.read_text("utf-8"))
    console.print(f"[green]Report written to {markdown}")
