"""The sector evaluation set: well formed, balanced, every judged article in the field corpus."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from raw_data import raw

from eval.sector_set import (
    KINDS,
    ArticleRef,
    SectorQuery,
    SectorSetError,
    corpus_doc_ids,
    load_sector_set,
    missing_articles,
)
from indexer.analysis import fold
from indexer.models import DocumentMeta, Node, ParsedDocument
from indexer.parse import parse_paths

DEFINITION = re.compile(r"là gì|định nghĩa|thế nào là|khái niệm|được hiểu là")
CITATION = re.compile(r"\b(?:điều|đ\.)\s*\d+[a-zđ]?\b")


@pytest.fixture(scope="module")
def queries() -> list[SectorQuery]:
    return load_sector_set()


@pytest.fixture(scope="module")
def field_documents() -> list[ParsedDocument]:
    results = parse_paths([raw("phapdien/demuc_selected")])
    docs = [r for r in results if isinstance(r, ParsedDocument)]
    assert sum(len(d.articles()) for d in docs) == 1052
    return docs


def test_the_set_is_large_enough_and_has_no_duplicates(queries: list[SectorQuery]) -> None:
    assert len(queries) >= 90
    assert len({q.id for q in queries}) == len(queries)
    assert len({" ".join(q.text.lower().split()) for q in queries}) == len(queries)


def test_kinds_are_balanced(queries: list[SectorQuery]) -> None:
    counts = Counter(q.kind for q in queries)
    assert set(counts) == set(KINDS)
    assert min(counts.values()) >= 15
    assert max(counts.values()) <= 1.5 * min(counts.values())


def test_each_kind_splits_in_half(queries: list[SectorQuery]) -> None:
    for kind in KINDS:
        splits = Counter(q.split for q in queries if q.kind == kind)
        assert abs(splits["tune"] - splits["report"]) <= 1, (kind, splits)


def test_queries_match_their_kind(queries: list[SectorQuery]) -> None:
    for q in queries:
        if q.kind == "unaccented":
            assert fold(q.text) == q.text, q.id
        else:
            assert fold(q.text) != q.text, q.id
        if q.kind == "definition":
            assert DEFINITION.search(q.text), q.id
        if q.kind == "citation":
            assert CITATION.search(q.text.lower()), q.id


def test_every_judged_article_exists_in_the_field_corpus(
    queries: list[SectorQuery], field_documents: list[ParsedDocument]
) -> None:
    assert missing_articles(queries, field_documents) == []
    assert load_sector_set(corpus=field_documents) == queries


def test_gold_keys_are_the_unit_keys_of_the_indexed_articles(
    queries: list[SectorQuery], field_documents: list[ParsedDocument]
) -> None:
    units = {f"{d.meta.id}#{a.number}" for d in field_documents for a in d.articles()}
    doc_ids = corpus_doc_ids(field_documents)
    for q in queries:
        assert q.gold() <= units, q.id
        assert q.gold(doc_ids) == q.gold(), q.id


def _line(**overrides: Any) -> dict[str, Any]:
    line: dict[str, Any] = {
        "id": "x1",
        "q": "công bố hợp quy",
        "kind": "keyword",
        "relevant": [{"doc": "68/2006/QH11", "article": "48"}],
        "split": "tune",
        "note": "test",
    }
    line.update(overrides)
    return line


def _write(tmp_path: Path, *lines: dict[str, Any]) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def test_a_well_formed_line_loads(tmp_path: Path) -> None:
    (query,) = load_sector_set(_write(tmp_path, _line()))
    assert query.relevant == (ArticleRef("68/2006/QH11", "48"),)
    assert query.tuning
    assert query.gold() == frozenset({"68-2006-qh11#48"})


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([_line(kind="statement")], "kind"),
        ([_line(split="dev")], "split"),
        ([_line(relevant=[])], "relevant"),
        ([_line(relevant=[{"doc": "68/2006/QH11"}])], "doc and article"),
        ([_line(relevant=[{"doc": "68/2006/QH11", "article": "48"}] * 2)], "twice"),
        ([_line(q=" ")], "q must be"),
        ([{k: v for k, v in _line().items() if k != "note"}], "fields"),
        ([_line(), _line(q="dấu hợp quy")], "duplicate id"),
        ([_line(), _line(id="x2", q="Công bố  hợp quy")], "same query"),
    ],
)
def test_malformed_lines_are_rejected(
    tmp_path: Path, lines: list[dict[str, Any]], message: str
) -> None:
    with pytest.raises(SectorSetError, match=message):
        load_sector_set(_write(tmp_path, *lines))


def test_an_article_missing_from_the_corpus_is_reported(tmp_path: Path) -> None:
    doc = ParsedDocument(
        meta=DocumentMeta(id="68-2006-qh11", title="Luật", number="68/2006/QH11"),
        nodes=[Node(kind="dieu", number="47")],
    )
    path = _write(tmp_path, _line())
    with pytest.raises(SectorSetError, match="68/2006/QH11 Điều 48"):
        load_sector_set(path, corpus=[doc])
