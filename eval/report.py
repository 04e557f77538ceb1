"""Markdown and JSON reports of an evaluation run, written to eval/reports/."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from eval.catalogue_eval import CatalogueReports, as_dict
from eval.catalogue_eval import run as run_catalogue
from eval.quality import MODES, Scores
from eval.run import SetReport
from eval.sector_eval import ALL, SectorReport
from eval.sector_set import KINDS

REPORTS = Path(__file__).with_name("reports")


def _row(label: str, s: Scores) -> str:
    return (
        f"| {label} | {s.recall_1:.3f} | {s.recall_5:.3f} | {s.recall_10:.3f} "
        f"| {s.mrr_10:.3f} | {s.ndcg_10:.3f} |"
    )


_HEADER = "| run | R@1 | R@5 | R@10 | MRR@10 | nDCG@10 |\n|---|---|---|---|---|---|"


def quality_markdown(reports: Sequence[SetReport], command: str) -> str:
    """Tables per evaluation set: modes × stores vs the BM25 baseline, and query variants."""
    lines = [f"# Retrieval quality — {date.today().isoformat()}", "", f"Command: `{command}`", ""]
    for report in reports:
        lines += [
            f"## {report.name}",
            "",
            f"{report.questions} questions; scores on the fixed report half "
            f"({report.report_questions} questions); parameters tuned on the other half.",
            "",
            "### Questions as written (with diacritics)",
            "",
            _HEADER,
        ]
        if "accented" in report.baseline:
            lines.append(
                _row("OpenSearch BM25, `standard` analyzer, raw text", report.baseline["accented"])
            )
        for store, variants in report.stores.items():
            for mode in MODES:
                lines.append(_row(f"{store} · {mode}", variants["accented"][mode]))
        lines += ["", "### Questions stripped of diacritics", "", _HEADER]
        if "stripped" in report.baseline:
            lines.append(_row("OpenSearch BM25 `standard`, stripped", report.baseline["stripped"]))
        for store, variants in report.stores.items():
            for variant in ("stripped", "restored"):
                for mode in MODES:
                    label = "stripped" if variant == "stripped" else "stripped + restored"
                    lines.append(_row(f"{store} · {mode} · {label}", variants[variant][mode]))
        lines += ["", "### Hybrid MRR@10 by query form", ""]
        lines += ["| store | accented | stripped | stripped + restored |", "|---|---|---|---|"]
        for store, variants in report.stores.items():
            hybrid = [variants[v]["hybrid"].mrr_10 for v in ("accented", "stripped", "restored")]
            lines.append(f"| {store} | " + " | ".join(f"{x:.3f}" for x in hybrid) + " |")
        if report.syllable_accuracy is not None:
            lines += [
                "",
                f"Diacritic restoration, syllable accuracy over all {report.questions} "
                f"questions: **{report.syllable_accuracy:.1%}**.",
            ]
        lines += [
            "",
            "Ingest seconds (incremental; a repeated run only checks hashes): "
            + ", ".join(f"{k} {v}" for k, v in report.ingest_seconds.items()),
            "",
        ]
    return "\n".join(lines)


def _sector_table(report: SectorReport, metric: str) -> list[str]:
    columns = (ALL, *KINDS)
    lines = [
        "| index · mode | " + " | ".join(columns) + " | p50 ms | p95 ms |",
        "|---|" + "---|" * (len(columns) + 2),
    ]
    for scale, runs in report.runs.items():
        for mode, run in runs.items():
            values = " | ".join(f"{getattr(run.by_kind[c], metric):.3f}" for c in columns)
            lines.append(f"| {scale} · {mode} | {values} | {run.p50_ms} | {run.p95_ms} |")
    return lines


def sector_markdown(report: SectorReport) -> str:
    """The sector set on the field corpus alone and on the whole Pháp điển, per query kind."""
    sizes = ", ".join(f"{scale} {n:,} chunks" for scale, n in report.chunks.items())
    first = next(iter(next(iter(report.runs.values())).values()))
    per_kind = ", ".join(f"{k} {first.by_kind[k].n}" for k in KINDS)
    lines = [
        "## sector — the field corpus alone and the whole Pháp điển",
        "",
        f"{report.queries} judged TĐC queries (`eval/sets/sector.jsonl`); scores on the fixed "
        f"report half ({report.report_queries}: {per_kind}). Indexes: {sizes}; the whole "
        "archive is lexical only (embedding its chunks would take ≈ 8 h here), so dense modes "
        "run on the field index alone. Latency: in-process `SearchService.rank`, one query at "
        "a time, embedded store. *+ rerank*: the same with the learned re-ranker "
        "(`kb train-reranker`), in the modes it is switched on for.",
        "",
        "### Recall@5",
        "",
        *_sector_table(report, "recall_5"),
        "",
        "### MRR@10",
        "",
        *_sector_table(report, "mrr_10"),
        "",
        "Ingest seconds (0 = index reused): "
        + ", ".join(f"{k} {v}" for k, v in report.ingest_seconds.items()),
        "",
    ]
    return "\n".join(lines)


def catalogue_markdown(reports: CatalogueReports) -> str:
    """The standards catalogue's tables (applicability top-1/top-3, number lookup)."""
    tables = reports.markdown().replace("## ", "### ")
    head = "Command: `python -m eval.catalogue_eval` (the same tables)."
    return "\n".join(["## Standards catalogue", "", head, "", tables, ""])


def write_quality_report(
    reports: Sequence[SetReport], command: str, sector: SectorReport | None = None
) -> Path:
    """Write `<date>-quality.md` and `.json` (retrieval quality, the sector set at scale,
    then the catalogue tables) and `<date>-catalogue.json`; returns the Markdown path."""
    REPORTS.mkdir(exist_ok=True)
    stem = REPORTS / f"{date.today().isoformat()}-quality"
    catalogue_reports = run_catalogue()
    markdown = stem.with_suffix(".md")
    text = quality_markdown(reports, command) + "\n"
    if sector is not None:
        text += sector_markdown(sector) + "\n"
    markdown.write_text(text + catalogue_markdown(catalogue_reports), "utf-8")
    results = [r.as_dict() for r in reports] + ([sector.as_dict()] if sector else [])
    stem.with_suffix(".json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    catalogue = REPORTS / f"{date.today().isoformat()}-catalogue.json"
    catalogue.write_text(json.dumps(as_dict(catalogue_reports), indent=2) + "\n", "utf-8")
    return markdown
