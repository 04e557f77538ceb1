"""The catalogue evaluation: both tables run, and the figures stay where they were measured."""

from __future__ import annotations

from eval.catalogue_eval import (
    SETS,
    evaluate_applicability,
    evaluate_numbers,
    load_jsonl,
    markdown,
)
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
