"""Precision and recall of the reference extractor over hand-judged corpus sentences.

Each line of ``eval/sets/references.jsonl`` is one real sentence (pháp-điển field đề mục or
archive) with its context (document key, article, clause, point, date) and the targets a reader
finds in it: ``[doc key, article, clause, point]``, null for what the sentence does not give
(a document cited without article; an unknown law has a null key). A case's predicted targets
are the distinct ``Reference.target`` values after resolution in that context; a target counts
once per sentence. ``python -m eval.references_eval`` prints the Markdown report.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from indexer.cite.reference_models import RefContext
from indexer.cite.reference_resolve import resolve_references
from indexer.cite.references import find_references

DEFAULT_SET = Path(__file__).with_name("sets") / "references.jsonl"
Target = tuple[str | None, str | None, str | None, str | None]


@dataclass(frozen=True)
class CaseResult:
    """One sentence: what was expected, what was found."""

    id: str
    form: str
    text: str
    expected: frozenset[Target]
    found: frozenset[Target]

    @property
    def missed(self) -> frozenset[Target]:
        return self.expected - self.found

    @property
    def spurious(self) -> frozenset[Target]:
        return self.found - self.expected


@dataclass(frozen=True)
class ReferenceReport:
    """Aggregate precision/recall plus every case, so a report can list the failures."""

    cases: tuple[CaseResult, ...]

    @property
    def true_positives(self) -> int:
        return sum(len(c.expected & c.found) for c in self.cases)

    @property
    def precision(self) -> float:
        found = sum(len(c.found) for c in self.cases)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = sum(len(c.expected) for c in self.cases)
        return self.true_positives / expected if expected else 1.0

    @property
    def failures(self) -> tuple[CaseResult, ...]:
        return tuple(c for c in self.cases if c.missed or c.spurious)


def _target(values: Iterable[str | None]) -> Target:
    doc, article, clause, point = values
    return (doc, article, clause, point)


def predict(text: str, context: RefContext) -> frozenset[Target]:
    """The distinct resolved targets of ``text`` read in ``context``."""
    return frozenset(r.target for r in resolve_references(find_references(text), context))


def _case(line: str) -> CaseResult:
    row = json.loads(line)
    ctx = row["context"]
    context = RefContext(
        doc_key=ctx["doc"],
        article=ctx.get("article"),
        clause=ctx.get("clause"),
        point=ctx.get("point"),
        date=ctx.get("date"),
    )
    return CaseResult(
        id=row["id"],
        form=row.get("form", ""),
        text=row["text"],
        expected=frozenset(_target(t) for t in row["targets"]),
        found=predict(row["text"], context),
    )


def evaluate_references(path: str | Path = DEFAULT_SET) -> ReferenceReport:
    """Run the extractor and resolver over every case of ``path``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return ReferenceReport(tuple(_case(line) for line in lines if line.strip()))


def _scores(cases: Iterable[CaseResult]) -> tuple[int, int, int, float, float]:
    report = ReferenceReport(tuple(cases))
    expected = sum(len(c.expected) for c in report.cases)
    return len(report.cases), expected, report.true_positives, report.precision, report.recall


def _show(target: Target) -> str:
    return "|".join(part or "" for part in target)


def to_markdown(report: ReferenceReport) -> str:
    """The report as Markdown: totals, one row per form, then every failing case."""
    lines = [
        "| set | cases | targets | correct | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    by_form: dict[str, list[CaseResult]] = defaultdict(list)
    for case in report.cases:
        by_form[case.form].append(case)
    for name, cases in [("all", list(report.cases)), *sorted(by_form.items())]:
        n, expected, correct, p, r = _scores(cases)
        lines.append(f"| {name} | {n} | {expected} | {correct} | {p:.3f} | {r:.3f} |")
    if report.failures:
        lines += ["", "| case | missed | spurious | text |", "|---|---|---|---|"]
        for case in report.failures:
            missed = ", ".join(sorted(map(_show, case.missed)))
            spurious = ", ".join(sorted(map(_show, case.spurious)))
            lines.append(f"| {case.id} | {missed} | {spurious} | {case.text[:160]} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    print(to_markdown(evaluate_references(args[0] if args else DEFAULT_SET)))


if __name__ == "__main__":
    main()
