"""The document-number patterns in patterns.toml check themselves against their examples."""

from __future__ import annotations

import re

import pytest

from indexer.cite.find import doc_kinds, expand_template, find_doc_matches, pattern_spec

KINDS = doc_kinds()
EXAMPLES = [(k.name, text, key) for k in KINDS for text, key in k.examples]
TEMPLATES = [(k.name, t, rx) for k in KINDS for t, rx in zip(k.templates, k.regexes, strict=True)]
COUNTERS = [(k.name, text) for k in KINDS for text in k.counter_examples]


@pytest.mark.parametrize(("kind", "template", "regex"), TEMPLATES)
def test_every_template_matches_one_of_its_examples(
    kind: str, template: str, regex: re.Pattern[str]
) -> None:
    examples = [text for name, text, _ in EXAMPLES if name == kind]
    assert any(regex.search(text) for text in examples), template


@pytest.mark.parametrize(("kind", "text", "key"), EXAMPLES)
def test_every_example_is_found_with_its_kind_and_key(kind: str, text: str, key: str) -> None:
    found = [(m.ref.kind, m.ref.key) for m in find_doc_matches(text)]
    assert (kind, key) in found


@pytest.mark.parametrize(("kind", "text"), COUNTERS)
def test_no_counter_example_is_matched_by_its_kind(kind: str, text: str) -> None:
    assert kind not in [m.ref.kind for m in find_doc_matches(text)]


@pytest.mark.parametrize("text", pattern_spec()["counter_examples"])
def test_global_counter_examples_match_nothing(text: str) -> None:
    assert find_doc_matches(text) == []


def test_every_kind_has_examples_and_counter_examples() -> None:
    for kind in KINDS:
        assert kind.examples, kind.name
        assert kind.counter_examples, kind.name


def test_keys_and_partial_keys_name_pieces_of_the_templates() -> None:
    for kind in KINDS:
        names = set().union(*(rx.groupindex for rx in kind.regexes))
        for pieces in (kind.key, *kind.partial):
            assert set(pieces) <= names, (kind.name, pieces)


def test_unknown_piece_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"\$nope"):
        expand_template("$so/$nope", pattern_spec()["pieces"])


def test_every_piece_says_why() -> None:
    for name, piece in pattern_spec()["pieces"].items():
        assert piece.get("#"), name
