"""The catalogue evaluation: both tables run, and the figures stay where they were measured."""

from __future__ import annotations

from eval.catalogue_eval import (
    NEW_SET,
    SETS,
    as_dict,
    evaluate_applicability,
    evaluate_numbers,
    load_jsonl,
    markdown,
    run,
)
from eval.report import catalogue_markdown
from standards.applicability import ApplicabilityIndex
from standards.models import Catalogue


def test_applicability_questions_cover_every_kind() -> None:
    questions = load_jsonl(SETS / "applicability.jsonl")
    kinds = [q["kind"] for q in questions]
    assert len(questions) >= 30 and set(kinds) == {"accented", "unaccented", "hs"}
    assert 3 * kinds.count("unaccented") >= len(questions)  # a third without diacritics


def test_evaluation_figures(catalogue: Catalogue, applicability: ApplicabilityIndex) -> None:
    questions = load_jsonl(SETS / "applicability.jsonl")
    report = evaluate_applicability(applicability, questions)
    assert report.overall.n == len(questions)
    top1, top3 = report.overall.rates()
    assert top1 >= 0.9 and top3 >= top1
    assert report.by_kind["hs"].rates() == (1.0, 1.0)
    numbers = evaluate_numbers(catalogue, load_jsonl(SETS / "numbers.jsonl"))
    assert (numbers.wrong_hits, numbers.errors) == (0, [])
    text = markdown(report, numbers)
    assert "| all |" in text and "| rows | right | wrong exact hits |" in text


def test_kb_eval_reports_the_catalogue_tables_after_the_quality_tables() -> None:
    reports = run()
    text = catalogue_markdown(reports)
    assert text.startswith("## Standards catalogue")
    assert "### Applicability" in text and "### Number lookup" in text
    assert f"### Applicability, new questions ({NEW_SET})" in text
    assert f"| all | {reports.applicability.overall.n} |" in text
    data = as_dict(reports)
    assert data["numbers"]["wrong_hits"] == 0 and data["numbers"]["rows"] == reports.numbers.n
    new = load_jsonl(SETS / NEW_SET)
    assert data["applicability_new"]["all"]["n"] == len(new) >= 25
    assert 3 * sum(q["kind"] == "unaccented" for q in new) >= len(new)
