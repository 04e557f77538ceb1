"""`python -m eval.bench.soak`: does the API's memory settle under a long load?

The field corpus is ingested into a fresh embedded store (the embedding cache of ``KB_HOME``
is used), the API is started under uvicorn as in :mod:`eval.bench.latency` and warmed up,
then N clients search in one mode without pause, window after window; after each window
the API process's RSS is read from ``/proc``. Caches fill in the first windows; memory that
keeps growing after them is a leak. The verdict compares the RSS at the end with the RSS
after the first half of the windows.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from eval.bench.latency import field_queries
from eval.bench.load import LoadRun, run_load, warm_up
from eval.bench.memory import ProcessMemory, server_memory
from eval.bench.report import REPORTS
from eval.bench.server import serve_api
from eval.bench.stores import FIELD_SOURCE, open_bench_store, source_paths
from indexer.embed import make_embedder
from indexer.settings import get_settings
from ingest.pipeline import Ingestor

#: RSS growth over the second half of the run that still counts as settled.
SETTLED_GROWTH = 0.05


@dataclass(frozen=True)
class Window:
    """One window of the run: its load figures and the RSS after it."""

    run: LoadRun
    memory: ProcessMemory


@dataclass(frozen=True)
class Soak:
    """A whole run: memory after warm-up, then the windows."""

    mode: str
    clients: int
    warmed: ProcessMemory
    windows: list[Window]

    @property
    def growth(self) -> float:
        """RSS growth from the middle of the run to its end, as a fraction."""
        middle = self.windows[len(self.windows) // 2 - 1].memory.rss_mib
        return self.windows[-1].memory.rss_mib / middle - 1

    @property
    def settled(self) -> bool:
        return self.growth <= SETTLED_GROWTH


def run_soak(home: Path, mode: str, clients: int, windows: int, window_s: float) -> Soak:
    """Load the API over the field corpus for ``windows`` × ``window_s`` seconds."""
    if windows < 2:
        raise typer.BadParameter("at least 2 windows: the verdict compares two halves")
    queries = field_queries()
    bench = open_bench_store("embedded", "soak", home, "")
    try:
        embedder = None if mode == "lexical" else make_embedder(get_settings())
        Ingestor(bench.store, embedder).ingest(source_paths(FIELD_SOURCE))
        with serve_api(bench.env) as server:
            warm_up(server.url, [mode], queries)
            warmed = _memory(server.pid)
            found = []
            for _ in range(windows):
                run = run_load(server.url, mode, queries, clients, window_s)
                found.append(Window(run, _memory(server.pid)))
        return Soak(mode, clients, warmed, found)
    finally:
        bench.drop()


def _memory(pid: int) -> ProcessMemory:
    memory = server_memory(pid)
    if memory is None:
        raise RuntimeError(f"the API process {pid} is gone")
    return memory


def soak_markdown(soak: Soak, command: str) -> str:
    """The report: one row per window, then the verdict."""
    total = sum(w.run.requests for w in soak.windows)
    errors = sum(w.run.errors for w in soak.windows)
    lines = [
        "## API memory under a long load (soak)",
        "",
        f"Command: `{command}`. Field corpus, embedded store, {soak.clients} clients, "
        f"{soak.mode} search, {len(soak.windows)} windows of "
        f"{soak.windows[0].run.seconds:.0f} s; {total} requests, {errors} errors. RSS of the "
        f"API process after warm-up (every query once): {soak.warmed.rss_mib:.0f} MiB.",
        "",
        "| window | requests | errors | QPS | p50 ms | p95 ms | p99 ms | RSS MiB | peak MiB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for number, window in enumerate(soak.windows, start=1):
        run, latency = window.run, window.run.latency
        lines.append(
            f"| {number} | {run.requests} | {run.errors} | {run.qps} | {latency.p50} "
            f"| {latency.p95} | {latency.p99} | {window.memory.rss_mib:.0f} "
            f"| {window.memory.peak_rss_mib:.0f} |"
        )
    verdict = "settled" if soak.settled else "still growing"
    lines += [
        "",
        f"RSS from the middle of the run to its end: {soak.growth:+.1%} → **{verdict}** "
        f"(settled means at most {SETTLED_GROWTH:.0%}).",
        "",
    ]
    return "\n".join(lines)


def main(
    mode: Annotated[str, typer.Option(help="lexical, semantic or hybrid.")] = "hybrid",
    clients: Annotated[int, typer.Option(min=1, help="Concurrent clients.")] = 50,
    windows: Annotated[int, typer.Option(min=2, help="Load windows; RSS read after each.")] = 10,
    window_s: Annotated[float, typer.Option("--window", min=1, help="Seconds per window.")] = 30.0,
    out: Annotated[
        Path | None, typer.Option(help="Report directory [default: eval/reports].")
    ] = None,
) -> None:
    """Run the soak and write ``<out>/<date>-soak.md``."""
    command = (
        f"python -m eval.bench.soak --mode {mode} --clients {clients} --windows {windows} "
        f"--window {window_s:g}"
    )
    with tempfile.TemporaryDirectory(prefix="kb-soak-") as tmp:
        soak = run_soak(Path(tmp), mode, clients, windows, window_s)
    markdown = soak_markdown(soak, command)
    path = (out or REPORTS) / f"{date.today().isoformat()}-soak.md"
    path.write_text(markdown, "utf-8")
    typer.echo(markdown)
    typer.echo(f"Report written to {path}")


if __name__ == "__main__":
    typer.run(main)
