"""Fusion of the lexical and dense lists at article level (pure functions)."""

from __future__ import annotations

import pytest

from indexer.models import Chunk, Citation, DocumentMeta
from indexer.store.base import Hit
from search_api.fuse import FusionParams, best_per_unit, fuse, unit_key

META = DocumentMeta(id="68-2006-qh11", title="Luật Tiêu chuẩn và quy chuẩn kỹ thuật")


def _hit(
    chunk_id: str, score: float, article: str | None = None, section: str | None = None
) -> Hit:
    citation = Citation(
        label=chunk_id,
        document_number=None,
        document_title=META.title,
        article=article,
        section=section,
    )
    chunk = Chunk(
        id=chunk_id, doc_id=META.id, heading="", text=chunk_id, citation=citation, ordinal=0
    )
    return Hit(chunk=chunk, document=META, score=score)


def test_unit_key_is_the_article_then_the_section_then_the_chunk() -> None:
    assert unit_key(_hit("c1", 1, article="5").chunk) == "68-2006-qh11#5"
    assert unit_key(_hit("c2", 1, section="2.1").chunk) == "68-2006-qh11#2.1"
    assert unit_key(_hit("c3", 1).chunk) == "c3"


def test_best_per_unit_keeps_the_first_chunk_of_each_article() -> None:
    hits = [_hit("5a", 3, "5"), _hit("6a", 2, "6"), _hit("5b", 1, "5")]
    assert [h.chunk.id for h in best_per_unit(hits)] == ["5a", "6a"]


def test_convex_fusion_adds_weighted_min_max_scores() -> None:
    lexical = [_hit("a", 10, "1"), _hit("b", 5, "2"), _hit("c", 0, "3")]
    dense = [_hit("b'", 0.9, "2"), _hit("d", 0.8, "4"), _hit("a'", 0.7, "1")]
    fused = fuse(lexical, dense, FusionParams(method="convex", lexical_weight=0.5, window=3))
    scores = {unit_key(h.chunk): h.score for h in fused}
    # lexical: a 1.0, b 0.5, c 0.0; dense: b 1.0, d 0.5, a 0.0
    assert scores == pytest.approx(
        {
            "68-2006-qh11#1": 0.5,
            "68-2006-qh11#2": 0.75,
            "68-2006-qh11#3": 0.0,
            "68-2006-qh11#4": 0.25,
        }
    )
    assert [unit_key(h.chunk) for h in fused][:2] == ["68-2006-qh11#2", "68-2006-qh11#1"]


def test_the_lexical_chunk_is_shown_for_a_unit_both_lists_found() -> None:
    fused = fuse([_hit("lex", 1, "1")], [_hit("dense", 1, "1")], FusionParams())
    assert [h.chunk.id for h in fused] == ["lex"]


def test_convex_window_clips_scores_below_the_window_to_zero() -> None:
    lexical = [_hit(str(i), 10 - i, str(i)) for i in range(5)]
    fused = fuse(lexical, [], FusionParams(lexical_weight=1.0, window=2))
    assert [round(h.score, 6) for h in fused] == [1.0, 0.0, 0.0, 0.0, 0.0]


def test_rrf_scores_by_rank_only() -> None:
    lexical = [_hit("a", 100, "1"), _hit("b", 99, "2")]
    dense = [_hit("b", 0.1, "2")]
    fused = fuse(lexical, dense, FusionParams(method="rrf", lexical_weight=0.5, rrf_k=60))
    scores = {unit_key(h.chunk): h.score for h in fused}
    assert scores["68-2006-qh11#2"] == pytest.approx(0.5 / 62 + 0.5 / 61)
    assert scores["68-2006-qh11#1"] == pytest.approx(0.5 / 61)


def test_fusing_nothing_gives_nothing() -> None:
    assert fuse([], [], FusionParams()) == []
