"""Evaluate the standards catalogue: product applicability (top-1/top-3) and number lookup.

``python -m eval.catalogue_eval`` loads the catalogue from the data root, runs the tables
(``eval/sets/applicability.jsonl``, the new questions of ``applicability_new.jsonl`` written
for the integration and never used for tuning, ``eval/sets/numbers.jsonl``) and prints
Markdown; ``kb
eval`` puts the same tables after the retrieval-quality tables of its report.

* Applicability: a question is right at k when one of its acceptable QCVN numbers is among
  the first k matches; reported overall and per kind (accented, unaccented, hs).
* Numbers: "exact" rows must give that record as the exact hit; "candidate" rows must have it
  among the candidates; "none" rows (numbers not in the catalogue) must not give an exact hit.
  An exact hit on a different record is counted separately as a wrong hit.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpora.manifest import data_root
from standards.applicability import ApplicabilityIndex
from standards.keys import record_keys
from standards.loaders import load_catalogue
from standards.models import Catalogue

SETS = Path(__file__).with_name("sets")
#: Product questions written after the matching was built (never used to tune it).
NEW_SET = "applicability_new.jsonl"
KINDS = ("accented", "unaccented", "hs")


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSON-lines file."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@dataclass
class Accuracy:
    """Top-1 and top-3 hits over ``n`` questions."""

    n: int = 0
    top1: int = 0
    top3: int = 0

    def add(self, rank: int | None) -> None:
        """Count one question whose first right answer is at ``rank`` (None: not found)."""
        self.n += 1
        self.top1 += rank == 1
        self.top3 += rank is not None and rank <= 3

    def rates(self) -> tuple[float, float]:
        """Top-1 and top-3 accuracy."""
        return (self.top1 / self.n, self.top3 / self.n) if self.n else (0.0, 0.0)


@dataclass
class ApplicabilityReport:
    """Accuracy overall and per kind, and the questions missed at top 1."""

    overall: Accuracy = field(default_factory=Accuracy)
    by_kind: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    misses: list[tuple[str, list[str], list[str]]] = field(default_factory=list)


def _rank(found: Sequence[str], expected: Sequence[str]) -> int | None:
    wanted = {record_keys(n).key for n in expected}
    keys = [record_keys(n).key for n in found]
    return next((i for i, k in enumerate(keys, 1) if k in wanted), None)


def evaluate_applicability(
    catalogue: Catalogue | ApplicabilityIndex, questions: Sequence[dict[str, Any]]
) -> ApplicabilityReport:
    """Top-1/top-3 accuracy of applicability over ``questions`` ({q, expected, kind})."""
    index = (
        catalogue if isinstance(catalogue, ApplicabilityIndex) else ApplicabilityIndex(catalogue)
    )
    report = ApplicabilityReport()
    for question in questions:
        found = index.find(question["q"]).numbers
        rank = _rank(found, question["expected"])
        report.overall.add(rank)
        report.by_kind[question["kind"]].add(rank)
        if rank != 1:
            report.misses.append((question["q"], question["expected"], found[:3]))
    return report


@dataclass
class NumbersReport:
    """Lookup table results: rows, rows right, exact hits on a wrong record, and the errors."""

    n: int = 0
    right: int = 0
    wrong_hits: int = 0
    errors: list[str] = field(default_factory=list)


def _number_ok(catalogue: Catalogue, row: dict[str, Any]) -> tuple[bool, bool]:
    """(row right, exact hit on a wrong record) for one lookup row."""
    result = catalogue.lookup(row["q"])
    expected = record_keys(row["expected"]).key if row["expected"] else None
    hit = result.record.key if result.record else None
    wrong = hit is not None and hit != expected
    if row["mode"] == "exact":
        return hit == expected, wrong
    if row["mode"] == "candidate":
        return result.kind != "exact" and expected in [r.key for r in result.candidates], wrong
    return result.kind != "exact", wrong


def evaluate_numbers(catalogue: Catalogue, table: Sequence[dict[str, Any]]) -> NumbersReport:
    """Run the lookup table ({q, expected, mode}) against the catalogue."""
    report = NumbersReport()
    for row in table:
        ok, wrong = _number_ok(catalogue, row)
        report.n += 1
        report.right += ok
        report.wrong_hits += wrong
        if not ok:
            result = catalogue.lookup(row["q"])
            got = result.record.number if result.record else [r.number for r in result.candidates]
            report.errors.append(
                f"{row['q']!r}: expected {row['expected']} ({row['mode']}), got {got}"
            )
    return report


def applicability_markdown(title: str, applicability: ApplicabilityReport) -> list[str]:
    """One applicability table (per kind, then all) and the questions missed at top 1."""
    lines = [f"## {title}", "", "| kind | n | top-1 | top-3 |", "|---|---:|---:|---:|"]
    rows = [(k, applicability.by_kind[k]) for k in KINDS if k in applicability.by_kind]
    for name, acc in [*rows, ("all", applicability.overall)]:
        top1, top3 = acc.rates()
        lines.append(f"| {name} | {acc.n} | {top1:.1%} | {top3:.1%} |")
    if applicability.misses:
        lines += ["", "Missed at top 1:", ""]
        lines += [f"- {q!r}: expected {e}, got {f}" for q, e, f in applicability.misses]
    return lines


def markdown(
    applicability: ApplicabilityReport,
    numbers: NumbersReport,
    new: ApplicabilityReport | None = None,
) -> str:
    """The reports as Markdown tables (``new``: the questions of ``applicability_new.jsonl``)."""
    lines = applicability_markdown("Applicability", applicability)
    if new is not None:
        lines += ["", *applicability_markdown(f"Applicability, new questions ({NEW_SET})", new)]
    lines += ["", "## Number lookup", "", "| rows | right | wrong exact hits |", "|---:|---:|---:|"]
    lines.append(f"| {numbers.n} | {numbers.right} | {numbers.wrong_hits} |")
    if numbers.errors:
        lines += ["", *[f"- {e}" for e in numbers.errors]]
    return "\n".join(lines)


@dataclass
class CatalogueReports:
    """The catalogue tables of one run."""

    applicability: ApplicabilityReport
    numbers: NumbersReport
    new: ApplicabilityReport

    def markdown(self) -> str:
        return markdown(self.applicability, self.numbers, self.new)


def run() -> CatalogueReports:
    """Every table over the catalogue of the data root."""
    catalogue = load_catalogue(data_root() / "catalogues")
    index = ApplicabilityIndex(catalogue)
    return CatalogueReports(
        evaluate_applicability(index, load_jsonl(SETS / "applicability.jsonl")),
        evaluate_numbers(catalogue, load_jsonl(SETS / "numbers.jsonl")),
        evaluate_applicability(index, load_jsonl(SETS / NEW_SET)),
    )


def as_dict(reports: CatalogueReports) -> dict[str, Any]:
    """The reports as JSON-safe data."""

    def table(report: ApplicabilityReport) -> dict[str, Any]:
        kinds = {k: report.by_kind[k] for k in KINDS if k in report.by_kind}
        return {
            name: {"n": acc.n, "top1": acc.rates()[0], "top3": acc.rates()[1]}
            for name, acc in [*kinds.items(), ("all", report.overall)]
        }

    numbers = reports.numbers
    return {
        "applicability": table(reports.applicability),
        "applicability_new": table(reports.new),
        "numbers": {"rows": numbers.n, "right": numbers.right, "wrong_hits": numbers.wrong_hits},
    }


def main() -> None:
    """Load the catalogue from the data root, evaluate the tables, print Markdown."""
    print(run().markdown())


if __name__ == "__main__":
    main()
