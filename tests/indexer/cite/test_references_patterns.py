"""The reference grammar in references.toml checks itself against its own examples."""

from __future__ import annotations

import re
from typing import Any

import pytest

from indexer.cite.find import find_doc_refs
from indexer.cite.reference_models import RefContext
from indexer.cite.reference_resolve import resolve_references
from indexer.cite.reference_spec import law_names, piece, reference_spec, tone_variants
from indexer.cite.references import find_references

SPEC = reference_spec()
PIECES = SPEC["pieces"]
EXAMPLES = [(name, text) for name, p in PIECES.items() for text in p["examples"]]
COUNTERS = [(name, text) for name, p in PIECES.items() for text in p["counter_examples"]]


def _matcher(name: str) -> re.Pattern[str]:
    return re.compile(piece(name), re.IGNORECASE)


@pytest.mark.parametrize(("name", "text"), EXAMPLES)
def test_every_piece_matches_each_of_its_examples_in_full(name: str, text: str) -> None:
    assert _matcher(name).fullmatch(text), (name, text)


@pytest.mark.parametrize(("name", "text"), COUNTERS)
def test_no_piece_matches_one_of_its_counter_examples_in_full(name: str, text: str) -> None:
    assert not _matcher(name).fullmatch(text), (name, text)


def test_every_piece_says_why_and_has_examples_both_ways() -> None:
    for name, p in PIECES.items():
        assert p.get("#") and p.get("examples") and p.get("counter_examples"), name


def test_every_law_names_a_valid_number_and_its_evidence() -> None:
    for entry in SPEC["laws"]:
        (ref,) = find_doc_refs(entry["number"])
        assert ref.display == entry["number"], entry
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["since"]), entry
        assert entry["since"][:4] == entry["number"].split("/")[1], entry
        assert entry.get("#"), entry


def test_law_names_accept_both_tone_placements() -> None:
    regex = re.compile(tone_variants("Luật Chất lượng sản phẩm, hàng hóa"), re.IGNORECASE)
    assert regex.fullmatch("Luật chất lượng sản phẩm, hàng hoá")
    assert regex.fullmatch("Luật Chất lượng Sản phẩm,  hàng hóa")
    assert not regex.fullmatch("Luật Chất lượng sản phẩm")
    assert len(law_names()) == sum(len(e["names"]) for e in SPEC["laws"])


def _context(raw: dict[str, Any]) -> RefContext:
    return RefContext(
        doc_key=raw["doc"],
        article=raw.get("article"),
        clause=raw.get("clause"),
        point=raw.get("point"),
        date=raw.get("date"),
    )


@pytest.mark.parametrize("case", SPEC["cases"], ids=[c["form"] for c in SPEC["cases"]])
def test_every_case_gives_exactly_its_targets(case: dict[str, Any]) -> None:
    refs = resolve_references(find_references(case["text"]), _context(case["context"]))
    expected = {tuple(part or None for part in t) for t in case["targets"]}
    assert {r.target for r in refs} == expected
