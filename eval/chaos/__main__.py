"""`python -m eval.chaos` (`make chaos`): kill -9 during ingest on each store, rerun, compare.

Prints one line per store and writes ``eval/reports/<date>-chaos.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from eval.bench.stores import STORE_KINDS, StoreKind
from eval.chaos.killed_ingest import kill_runs
from eval.report import REPORTS

#: Two DOCX laws and the Pháp-điển đề mục 19.4 (đo lường): several batches, every parser path
#: the default corpus uses for laws.
DEFAULT_CORPUS = (
    "docs_original_formats/docx/LUATCHUYENGIAOCONGNGHE.docx",
    "docs_original_formats/docx/LUATKHOAHOCCONGNGHE.docx",
    "phapdien/demuc_selected/19.4_do-luong__41685e38-e7ab-4c85-a35e-fb1557319a78.html",
)


def main(
    runs: Annotated[int, typer.Option(min=1, help="Killed ingests per store.")] = 10,
    stores: Annotated[
        str, typer.Option(help="embedded and/or opensearch.")
    ] = "embedded,opensearch",
) -> None:
    """Kill `kb ingest` at random points, rerun it, and check the store converges."""
    from corpora.manifest import data_root

    paths = [data_root() / relative for relative in DEFAULT_CORPUS]
    url = os.environ.get("OPENSEARCH_URL", "http://127.0.0.1:9200")
    kinds: list[StoreKind] = [k for k in STORE_KINDS if k in stores.split(",")]
    reports = []
    for kind in kinds:
        report = kill_runs(kind, paths, runs, url)
        typer.echo(
            f"{kind}: {len(report.kills_at_s)} kill -9 runs ({report.finished_before_kill} more "
            f"finished before their kill), {len(report.divergent)} divergent "
            f"(reference ingest {report.reference_s:.1f} s, {report.chunks} chunks; killed at "
            f"{', '.join(f'{t:.1f}' for t in report.kills_at_s)} s)"
        )
        for line in report.divergent:
            typer.echo(f"  {line}")
        reports.append(asdict(report))
    out = Path(REPORTS) / f"{dt.date.today().isoformat()}-chaos.json"
    out.write_text(json.dumps(reports, indent=2, ensure_ascii=False) + "\n", "utf-8")
    typer.echo(f"written {out}")


if __name__ == "__main__":
    typer.run(main)
