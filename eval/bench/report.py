"""The benchmark report: ``eval/reports/<date>-bench.json`` (the numbers) and ``.md`` (tables
rendered from the typed sections, with the goals and the command of every section).

Sections measured by an earlier run of the same day are kept, so the heavy parts can be run
one at a time (``kb bench --only knn``) and still land in one report.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from eval.bench.cells import memory, ms, pair, table, verdict
from eval.bench.ingest import IngestBench
from eval.bench.knn import KnnBench
from eval.bench.latency import LatencyBench, StoreLatency
from eval.bench.load import LoadRun
from eval.bench.plots import latency_plot, recall_plot
from eval.bench.profile import EngineTimes
from eval.bench.report_knn import knn_goal, knn_section
from eval.bench.scale import ScaleBench
from eval.bench.sections import SECTION_NAMES, BenchReport
from eval.bench.stats import Summary

REPORTS = Path(__file__).resolve().parent.parent / "reports"
TITLES = {
    "ingest": "Ingest throughput — field corpus (`phapdien-field`)",
    "latency": "Query latency over HTTP — field corpus",
    "scale": "Scale — the whole Pháp điển, lexical only",
    "knn": "kNN — synthetic vectors, OpenSearch HNSW vs exact",
}

#: The goals of the issue (embedded store, field corpus, 1 client).
HYBRID_P95_MS = 60.0
LEXICAL_P95_MS = 15.0
INGEST_RATIO = 0.9
#: Throughput goals at 8 clients (embedded store, field corpus).
THROUGHPUT_CLIENTS = 8
LEXICAL_8_QPS = 100.0
LEXICAL_8_P95_MS = 300.0
HYBRID_BOUND_SHARE = 0.7


def report_stem(day: date, directory: Path = REPORTS) -> Path:
    """``<directory>/<day>-bench`` (add ``.md``, ``.json`` or ``-<plot>.png``)."""
    return directory / f"{day.isoformat()}-bench"


def _run(runs: Sequence[LoadRun], mode: str, clients: int) -> LoadRun | None:
    return next((r for r in runs if r.mode == mode and r.concurrency == clients), None)


def _throughput_goals(
    latency: LatencyBench, embedded: StoreLatency, cores: int
) -> list[tuple[str, str, str, str]]:
    """Lexical and hybrid throughput at 8 clients on the embedded store."""
    rows = []
    lexical = _run(embedded.runs, "lexical", THROUGHPUT_CLIENTS)
    if lexical:
        fast = lexical.latency.p95 is not None and lexical.latency.p95 < LEXICAL_8_P95_MS
        met = lexical.qps >= LEXICAL_8_QPS and fast
        rows.append(
            (
                f"lexical QPS, {THROUGHPUT_CLIENTS} clients, field corpus, embedded store",
                f"≥ {LEXICAL_8_QPS:.0f} with p95 < {LEXICAL_8_P95_MS:.0f} ms",
                f"{lexical.qps:.1f}, p95 {ms(lexical.latency.p95)} ms",
                verdict(met, f"{lexical.qps - LEXICAL_8_QPS:+.1f} QPS"),
            )
        )
    hybrid = _run(embedded.runs, "hybrid", THROUGHPUT_CLIENTS)
    if hybrid and latency.embed_cpu_ms:
        bound = cores * 1000 / latency.embed_cpu_ms
        share = hybrid.qps / bound
        rows.append(
            (
                f"hybrid QPS, {THROUGHPUT_CLIENTS} clients ÷ embedder bound ({cores} cores ÷ "
                f"{latency.embed_cpu_ms:.1f} ms CPU per query embedding = {bound:.0f}/s)",
                f"≥ {HYBRID_BOUND_SHARE}",
                f"{hybrid.qps:.1f}/s = {share:.2f}",
                verdict(share >= HYBRID_BOUND_SHARE, f"{share - HYBRID_BOUND_SHARE:+.2f}"),
            )
        )
    return rows


def goals(report: BenchReport) -> list[tuple[str, str, str, str]]:
    """(goal, target, measured, verdict) for every goal whose section was measured."""
    rows: list[tuple[str, str, str, str]] = []
    latency: LatencyBench | None = report.result("latency")
    embedded = next((s for s in latency.stores if s.store == "embedded"), None) if latency else None
    for mode, target in (("hybrid", HYBRID_P95_MS), ("lexical", LEXICAL_P95_MS)):
        run = _run(embedded.runs, mode, 1) if embedded else None
        if run is None:
            continue
        p95 = run.latency.p95
        rows.append(
            (
                f"{mode} API p95, 1 client, field corpus, embedded store",
                f"≤ {target:.0f} ms",
                f"{p95:.1f} ms",
                verdict(p95 <= target, f"{p95 - target:+.1f} ms, ×{p95 / target:.2f}"),
            )
        )
    if latency and embedded:
        rows += _throughput_goals(latency, embedded, report.machine.cores or 1)
    ingest: IngestBench | None = report.result("ingest")
    if ingest:
        ratio = ingest.ratio
        rows.append(
            (
                "ingest end to end ÷ raw embedder (chunks/s)",
                f"≥ {INGEST_RATIO}",
                f"{ratio:.3f}",
                verdict(ratio >= INGEST_RATIO, f"{ratio - INGEST_RATIO:+.3f}"),
            )
        )
    knn: KnnBench | None = report.result("knn")
    knn_row = knn_goal(knn) if knn else None
    if knn_row:
        rows.append(knn_row)
    return rows


def _ingest(r: IngestBench) -> list[str]:
    lines = table(
        ["documents", "chunks", "end to end", "raw embedder", "ratio", "second, unchanged"],
        [
            [
                r.documents,
                r.chunks,
                f"{r.end_to_end_s} s = {r.end_to_end_cps} chunks/s",
                f"{r.raw_embed_s} s = {r.raw_embed_cps} chunks/s",
                f"{r.ratio:.3f}",
                f"{r.second_s} s ({r.second_unchanged} unchanged)",
            ]
        ],
    )
    lines += ["Where the end-to-end time went (seconds):", ""]
    return lines + table(
        ["embedding", "analysis (pyvi, folding, pairs)", "accent model + glossary", "rest"],
        [[r.embed_s, r.analyse_s, r.artifacts_s, r.other_s]],
    )


def _latency(result: LatencyBench, day: str) -> list[str]:
    lines = [
        f"{result.queries} queries (`eval/bench/queries.txt`), {result.duration_s:.0f} s "
        f"per run, clients {', '.join(map(str, result.concurrency))}, "
        f"API workers {result.workers}; latency is client-side wall time of successful "
        "requests; *server* is the `took_ms` the API reports.",
        "",
    ]
    rows = [
        [
            store.store,
            run.mode,
            run.concurrency,
            run.requests,
            run.errors,
            run.qps,
            ms(run.latency.p50),
            ms(run.latency.p95),
            ms(run.latency.p99),
            ms(run.server.p50 if run.server else None),
        ]
        for store in result.stores
        for run in store.runs
    ]
    header = ["store", "mode", "clients", "requests", "errors", "QPS", "p50", "p95", "p99"]
    lines += table([*header, "server p50"], rows)
    lines += [f"![latency vs concurrency]({day}-bench-latency.png)", ""]
    lines += _engine(result.stores)
    lines += _stages(result.stores)
    lines += ["### Memory", ""]
    return lines + table(
        [
            "store",
            "API process warmed up, before load",
            "API process after load",
            "OpenSearch node",
        ],
        [
            [s.store, memory(s.api_memory_before), memory(s.api_memory), memory(s.node_memory)]
            for s in result.stores
        ],
    )


def _engine_parts(engine: EngineTimes, mode: str) -> list[Summary | None]:
    """The legs whose p50 add up to the least a request of ``mode`` can take."""
    parts: dict[str, list[Summary | None]] = {
        "lexical": [engine.lexical_engine],
        "semantic": [engine.dense_engine, engine.embed],
        "hybrid": [engine.lexical_engine, engine.dense_engine, engine.embed],
    }
    return parts[mode]


def _engine(stores: Sequence[StoreLatency]) -> list[str]:
    lines = [
        "### Engine time, query embedding, and the overhead ratio",
        "",
        "Per retrieval leg, in-process, the query's own analysed tokens or vector, 100 "
        "candidates: *engine* is OpenSearch's `took` (for SQLite, the store call itself), "
        "*call* the store call as the service makes it (HTTP to the node and decoding "
        "included). *Overhead* = API p50 at 1 client ÷ (engine + embedding) p50.",
        "",
    ]
    engine_rows = []
    overhead_rows = []
    for store in stores:
        e = store.engine
        engine_rows.append(
            [
                store.store,
                pair(e.lexical_engine),
                pair(e.lexical_call),
                pair(e.dense_engine),
                pair(e.dense_call),
                pair(e.embed),
            ]
        )
        for mode in ("lexical", "semantic", "hybrid"):
            run = _run(store.runs, mode, 1)
            if run is None:
                continue
            base = sum(p.p50 for p in _engine_parts(e, mode) if p)
            overhead = f"×{run.latency.p50 / base:.1f}" if base else "–"
            overhead_rows.append([store.store, mode, ms(run.latency.p50), ms(base), overhead])
    lines += table(
        [
            "store",
            "lexical engine p50 / p95",
            "lexical call",
            "dense engine",
            "dense call",
            "query embedding",
        ],
        engine_rows,
    )
    return lines + table(
        ["store", "mode", "API p50 (1 client)", "engine + embedding p50", "overhead"],
        overhead_rows,
    )


def _stages(stores: Sequence[StoreLatency]) -> list[str]:
    lines = [
        "### Where the time goes (1 client)",
        "",
        "Mean milliseconds per stage of a request, measured in-process with stopwatches "
        "(`eval/bench/profile.py`) on the same store just before the load runs: *understand* "
        "(normalisation, document numbers, diacritic restoration), *analyse* (pyvi "
        "segmentation of the query), the store calls, *embed* (the query embedding), *rank* "
        "(wall time of ranking, which holds the stages before it; in hybrid mode the embedding "
        "runs while the lexical leg does, so they overlap), *snippets, facets*, and *JSON* "
        "(the response body). *API took* is the `took_ms` the API reported during the "
        "1-client run, and *HTTP, ASGI* the client-side mean minus that (routing, validation, "
        "FastAPI's serialisation, the socket).",
        "",
    ]
    names = list(stores[0].stages[0].stages_ms) if stores and stores[0].stages else []
    rows = []
    for store in stores:
        for stage in store.stages:
            run = _run(store.runs, stage.mode, 1)
            server = run.server if run else None
            rows.append(
                [
                    store.store,
                    stage.mode,
                    *(f"{stage.stages_ms[n]:.1f}" for n in names),
                    ms(stage.total.mean),
                    ms(server.mean if server else None),
                    ms(run.latency.mean - server.mean if run and server else None),
                ]
            )
    header = ["store", "mode", *names, "in-process total", "API took", "HTTP, ASGI"]
    return lines + table(header, rows)


def _scale(result: ScaleBench) -> list[str]:
    lines = [
        f"Source `{result.source}`, `Ingestor(store, None)` (no vectors), batches of "
        f"{result.batch_size} chunks; OpenSearch on {result.opensearch_url}. Latency: "
        "lexical mode over HTTP, 1 client.",
        "",
    ]
    rows = []
    for s in result.stores:
        latency = s.latency.runs[0].latency
        rows.append(
            [
                s.store,
                s.documents,
                s.chunks,
                s.failed_files,
                f"{s.ingest_s:.0f} s",
                f"{s.size_mib:.0f} MiB",
                f"{ms(latency.p50)} / {ms(latency.p95)} / {ms(latency.p99)}",
                pair(s.latency.engine.lexical_engine),
                memory(s.latency.api_memory),
            ]
        )
    header = ["store", "documents", "chunks", "failed files", "ingest", "index size"]
    lines += table(
        [*header, "API lexical p50 / p95 / p99", "engine p50 / p95", "API process"], rows
    )
    return lines + _stages([s.latency for s in result.stores])


def _section(name: str, result: Any, day: str) -> list[str]:
    if name == "ingest":
        return _ingest(result)
    if name == "latency":
        return _latency(result, day)
    if name == "scale":
        return _scale(result)
    return knn_section(result, day)


def render_markdown(report: BenchReport) -> str:
    """The Markdown of a benchmark report."""
    machine = report.machine
    lines = [
        f"# Speed and memory benchmarks — {report.date}",
        "",
        f"Machine: {machine.cpu}, {machine.cores} cores, {machine.memory_gib} GiB "
        f"RAM, no GPU; commit `{report.commit}`. `make bench` runs `kb bench` (all sections); "
        "each section names the command that produced it and the load average when it "
        "started (the machine is shared).",
        "",
    ]
    rows = goals(report)
    if rows:
        lines += ["## Goals", "", *table(["goal", "target", "measured", "verdict"], rows)]
    for name in SECTION_NAMES:
        section = report.sections.get(name)
        if section is None:
            continue
        load = ", ".join(f"{x:.1f}" for x in section.load_average)
        lines += [
            f"## {TITLES[name]}",
            "",
            f"Command: `{section.command}` ({section.seconds:.0f} s; load average "
            f"{load} at the start).",
            "",
        ]
        lines += _section(name, section.result, report.date)
    return "\n".join(lines).rstrip() + "\n"


def write_report(report: BenchReport, directory: Path = REPORTS) -> Path:
    """Merge ``report`` into the JSON of its day, write that, the Markdown and the plots;
    returns the ``.md`` path."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = report_stem(date.fromisoformat(report.date), directory)
    json_path = stem.with_suffix(".json")
    previous = (
        BenchReport.from_json(json.loads(json_path.read_text("utf-8")))
        if json_path.exists()
        else None
    )
    merged = report.merged_over(previous)
    json_path.write_text(json.dumps(merged.to_json(), indent=1, ensure_ascii=False) + "\n", "utf-8")
    latency: LatencyBench | None = merged.result("latency")
    if latency is not None:
        latency_plot(latency, Path(f"{stem}-latency.png"))
    knn: KnnBench | None = merged.result("knn")
    if knn is not None:
        recall_plot(knn, Path(f"{stem}-recall.png"))
    markdown = stem.with_suffix(".md")
    markdown.write_text(render_markdown(merged), "utf-8")
    return markdown
