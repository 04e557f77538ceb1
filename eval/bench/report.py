"""The benchmark report: ``eval/reports/<date>-bench.json`` (the numbers) and ``.md`` (tables
rendered from that JSON, with the goals and the command of every section).

Sections measured by an earlier run of the same day are kept, so the heavy parts can be run
one at a time (``kb bench --only knn``) and still land in one report.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from eval.bench.plots import latency_plot, recall_plot

REPORTS = Path(__file__).resolve().parent.parent / "reports"
SECTIONS = ("ingest", "latency", "scale", "knn")
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


def report_stem(day: date, directory: Path = REPORTS) -> Path:
    """``<directory>/<day>-bench`` (add ``.md``, ``.json`` or ``-<plot>.png``)."""
    return directory / f"{day.isoformat()}-bench"


def merge_sections(previous: dict[str, Any] | None, current: dict[str, Any]) -> dict[str, Any]:
    """``current``, plus the sections (and their commands) only ``previous`` has."""
    if previous is None:
        return current
    merged = dict(current)
    merged["sections"] = {**previous.get("sections", {}), **current.get("sections", {})}
    return merged


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _memory(memory: dict[str, Any] | None) -> str:
    if not memory:
        return "–"
    return f"{memory['peak_rss_mib']:.0f} MiB peak ({memory['rss_mib']:.0f} now)"


def _run(runs: Sequence[dict[str, Any]], mode: str, clients: int) -> dict[str, Any] | None:
    for run in runs:
        if run["mode"] == mode and run["concurrency"] == clients:
            return run
    return None


def goals(data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(goal, target, measured, verdict) for every goal whose section was measured."""
    sections = data.get("sections", {})
    rows: list[tuple[str, str, str, str]] = []
    latency = sections.get("latency", {}).get("result")
    if latency:
        embedded = next((s for s in latency["stores"] if s["store"] == "embedded"), None)
        for mode, target in (("hybrid", HYBRID_P95_MS), ("lexical", LEXICAL_P95_MS)):
            run = _run(embedded["runs"], mode, 1) if embedded else None
            if run is None:
                continue
            p95 = run["latency"]["p95"]
            rows.append(
                (
                    f"{mode} API p95, 1 client, field corpus, embedded store",
                    f"≤ {target:.0f} ms",
                    f"{p95:.1f} ms",
                    _verdict(p95 <= target, f"{p95 - target:+.1f} ms, ×{p95 / target:.2f}"),
                )
            )
    ingest = sections.get("ingest", {}).get("result")
    if ingest:
        ratio = ingest["ratio"]
        rows.append(
            (
                "ingest end to end ÷ raw embedder (chunks/s)",
                f"≥ {INGEST_RATIO}",
                f"{ratio:.3f}",
                _verdict(ratio >= INGEST_RATIO, f"{ratio - INGEST_RATIO:+.3f}"),
            )
        )
    return rows


def _verdict(met: bool, margin: str) -> str:
    return f"met ({margin})" if met else f"**missed** ({margin})"


def _ingest(result: dict[str, Any]) -> list[str]:
    r = result
    lines = _table(
        ["documents", "chunks", "end to end", "raw embedder", "ratio", "second, unchanged"],
        [
            [
                r["documents"],
                r["chunks"],
                f"{r['end_to_end_s']} s = {r['end_to_end_cps']} chunks/s",
                f"{r['raw_embed_s']} s = {r['raw_embed_cps']} chunks/s",
                f"{r['ratio']:.3f}",
                f"{r['second_s']} s ({r['second_unchanged']} unchanged)",
            ]
        ],
    )
    lines += ["Where the end-to-end time went (seconds):", ""]
    lines += _table(
        ["embedding", "analysis (pyvi, folding, pairs)", "accent model + glossary", "rest"],
        [[r["embed_s"], r["analyse_s"], r["artifacts_s"], r["other_s"]]],
    )
    return lines


def _latency(result: dict[str, Any], day: str) -> list[str]:
    lines = [
        f"{result['queries']} queries (`eval/bench/queries.txt`), {result['duration_s']:.0f} s "
        f"per run, clients {', '.join(map(str, result['concurrency']))}; latency is client-side "
        "wall time of successful requests; *server* is the `took_ms` the API reports.",
        "",
    ]
    rows = []
    for store in result["stores"]:
        for run in store["runs"]:
            server = run["server"]
            rows.append(
                [
                    store["store"],
                    run["mode"],
                    run["concurrency"],
                    run["requests"],
                    run["errors"],
                    run["qps"],
                    _ms(run["latency"]["p50"]),
                    _ms(run["latency"]["p95"]),
                    _ms(run["latency"]["p99"]),
                    _ms(server["p50"] if server else None),
                ]
            )
    lines += _table(
        [
            "store",
            "mode",
            "clients",
            "requests",
            "errors",
            "QPS",
            "p50",
            "p95",
            "p99",
            "server p50",
        ],
        rows,
    )
    lines += [f"![latency vs concurrency]({day}-bench-latency.png)", ""]
    lines += [
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
    for store in result["stores"]:
        e = store["engine"]
        engine_rows.append(
            [
                store["store"],
                f"{_ms(e['lexical_engine']['p50'])} / {_ms(e['lexical_engine']['p95'])}",
                f"{_ms(e['lexical_call']['p50'])} / {_ms(e['lexical_call']['p95'])}",
                _pair(e.get("dense_engine")),
                _pair(e.get("dense_call")),
                _pair(e.get("embed")),
            ]
        )
        for mode in ("lexical", "semantic", "hybrid"):
            run = _run(store["runs"], mode, 1)
            if run is None:
                continue
            parts = {
                "lexical": [e["lexical_engine"]],
                "semantic": [e.get("dense_engine"), e.get("embed")],
                "hybrid": [e["lexical_engine"], e.get("dense_engine"), e.get("embed")],
            }[mode]
            base = sum(p["p50"] for p in parts if p)
            overhead_rows.append(
                [
                    store["store"],
                    mode,
                    _ms(run["latency"]["p50"]),
                    _ms(base),
                    f"×{run['latency']['p50'] / base:.1f}" if base else "–",
                ]
            )
    lines += _table(
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
    lines += _table(
        ["store", "mode", "API p50 (1 client)", "engine + embedding p50", "overhead"],
        overhead_rows,
    )
    lines += _stages(result["stores"])
    lines += ["### Memory", ""]
    lines += _table(
        ["store", "API process", "OpenSearch node"],
        [
            [s["store"], _memory(s["api_memory"]), _memory(s["node_memory"])]
            for s in result["stores"]
        ],
    )
    return lines


def _pair(summary: dict[str, Any] | None) -> str:
    return "–" if not summary else f"{_ms(summary['p50'])} / {_ms(summary['p95'])}"


def _stages(stores: Sequence[dict[str, Any]]) -> list[str]:
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
    names = list(stores[0]["stages"][0]["stages_ms"]) if stores and stores[0]["stages"] else []
    rows = []
    for store in stores:
        for stage in store["stages"]:
            run = _run(store["runs"], stage["mode"], 1)
            server = run["server"] if run else None
            rows.append(
                [
                    store["store"],
                    stage["mode"],
                    *(f"{stage['stages_ms'][n]:.1f}" for n in names),
                    _ms(stage["total"]["mean"]),
                    _ms(server["mean"] if server else None),
                    _ms(run["latency"]["mean"] - server["mean"] if run and server else None),
                ]
            )
    header = ["store", "mode", *names, "in-process total", "API took", "HTTP, ASGI"]
    return lines + _table(header, rows)


def _scale(result: dict[str, Any]) -> list[str]:
    lines = [
        f"Source `{result['source']}`, `Ingestor(store, None)` (no vectors), batches of "
        f"{result['batch_size']} chunks; OpenSearch on {result['opensearch_url']}. Latency: "
        "lexical mode over HTTP, 1 client.",
        "",
    ]
    rows = []
    for s in result["stores"]:
        run = s["latency"]["runs"][0]
        engine = s["latency"]["engine"]
        rows.append(
            [
                s["store"],
                s["documents"],
                s["chunks"],
                s["failed_files"],
                f"{s['ingest_s']:.0f} s",
                f"{s['size_mib']:.0f} MiB",
                f"{_ms(run['latency']['p50'])} / {_ms(run['latency']['p95'])} / "
                f"{_ms(run['latency']['p99'])}",
                f"{_ms(engine['lexical_engine']['p50'])} / {_ms(engine['lexical_engine']['p95'])}",
                _memory(s["latency"]["api_memory"]),
            ]
        )
    lines += _table(
        [
            "store",
            "documents",
            "chunks",
            "failed files",
            "ingest",
            "index size",
            "API lexical p50 / p95 / p99",
            "engine p50 / p95",
            "API process",
        ],
        rows,
    )
    stages = [s["latency"] for s in result["stores"]]
    return lines + _stages(stages)


def _knn(result: dict[str, Any], day: str) -> list[str]:
    r = result
    lines = [
        f"{r['dim']}-d random unit vectors, {r['queries']} query vectors; HNSW m {r['m']}, "
        f"ef_construction {r['ef_construction']}, ef_search max(k, {r['ef_search']}); bulk "
        f"batches of {r['batch']}; node {r['node_url']} with a {r['heap']} heap. Latency at "
        "k = 10, one query at a time; *exact* is the embedded store's numpy kernel in-process.",
        "",
    ]
    rows = []
    for s in r["sizes"]:
        loaded = s["loaded"]
        index_s = loaded["bulk_s"] + loaded["refresh_s"] + loaded["merge_wait_s"]
        rows.append(
            [
                f"{s['n']:,}",
                f"{loaded['indexed']:,}",
                f"{index_s:.0f} s ({loaded['bulk_s']:.0f} + {loaded['refresh_s']:.0f} + "
                f"{loaded['merge_wait_s']:.0f})",
                f"{loaded['indexed'] / loaded['bulk_s']:.0f}/s" if loaded["bulk_s"] else "–",
                f"{loaded['segments']}"
                + (f" ({loaded['merges_left']} merging)" if loaded["merges_left"] else ""),
                f"{loaded['size_mib']:.0f} MiB",
                _pair(s["exact"]),
                _pair(s["hnsw"]),
                _pair(s["took"]),
                f"{s['recall'].get('10', float('nan')):.3f}",
                _memory(s["node_memory"]),
            ]
        )
    lines += _table(
        [
            "vectors",
            "indexed",
            "index time (bulk + refresh + merges)",
            "bulk rate",
            "segments",
            "size",
            "exact p50 / p95",
            "HNSW p50 / p95",
            "took p50 / p95",
            "recall@10",
            "node",
        ],
        rows,
    )
    ks = r["ks"]
    lines += _table(
        ["vectors", *(f"recall@{k}" for k in ks)],
        [[f"{s['n']:,}", *(f"{s['recall'][str(k)]:.3f}" for k in ks)] for s in r["sizes"]],
    )
    return [*lines, f"![recall vs k]({day}-bench-recall.png)", ""]


def _section(name: str, result: dict[str, Any], day: str) -> list[str]:
    if name == "ingest":
        return _ingest(result)
    if name == "latency":
        return _latency(result, day)
    if name == "scale":
        return _scale(result)
    return _knn(result, day)


def render_markdown(data: dict[str, Any]) -> str:
    """The Markdown report of the benchmark JSON ``data``."""
    day = data["date"]
    machine = data["machine"]
    lines = [
        f"# Speed and memory benchmarks — {day}",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB "
        f"RAM, no GPU; commit `{data['commit']}`. `make bench` runs `kb bench` (all sections); "
        "each section names the command that produced it and the load average when it "
        "started (the machine is shared).",
        "",
    ]
    rows = goals(data)
    if rows:
        lines += ["## Goals", "", *_table(["goal", "target", "measured", "verdict"], rows)]
    for name in SECTIONS:
        section = data.get("sections", {}).get(name)
        if not section:
            continue
        load = ", ".join(f"{x:.1f}" for x in section["load_average"])
        lines += [
            f"## {TITLES[name]}",
            "",
            f"Command: `{section['command']}` ({section['seconds']:.0f} s; load average "
            f"{load} at the start).",
            "",
        ]
        lines += _section(name, section["result"], day)
    return "\n".join(lines).rstrip() + "\n"


def write_report(data: dict[str, Any], directory: Path = REPORTS) -> Path:
    """Merge ``data`` into the JSON of its day, write that, the Markdown and the plots;
    returns the ``.md`` path."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = report_stem(date.fromisoformat(data["date"]), directory)
    json_path = stem.with_suffix(".json")
    previous = json.loads(json_path.read_text("utf-8")) if json_path.exists() else None
    merged = merge_sections(previous, data)
    json_path.write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n", "utf-8")
    sections = merged["sections"]
    if "latency" in sections:
        latency_plot(sections["latency"]["result"], Path(f"{stem}-latency.png"))
    if "knn" in sections:
        recall_plot(sections["knn"]["result"], Path(f"{stem}-recall.png"))
    markdown = stem.with_suffix(".md")
    markdown.write_text(render_markdown(merged), "utf-8")
    return markdown
