"""Lucene BM25 reproduced: norms, idf and term scores against hand-computed values."""

from __future__ import annotations

import math

import pytest

from indexer.store.bm25 import (
    FieldStats,
    decode_length,
    encode_length,
    field_score,
    stored_length,
    term_score,
)


def test_short_fields_keep_their_exact_length() -> None:
    assert [stored_length(n) for n in range(24)] == list(range(24))


def test_long_fields_keep_four_significant_bits() -> None:
    lengths = range(24, 20000)
    stored = [stored_length(n) for n in lengths]
    assert stored == sorted(stored)  # monotone
    assert all(s <= n and (n - s) / n < 0.125 for n, s in zip(lengths, stored, strict=True))
    assert stored_length(100) == 96  # 24 + (9 << 3): 76 keeps its top 4 bits, 72
    assert all(0 <= encode_length(n) <= 255 for n in (0, 23, 24, 10**6, 2**31 - 1))
    assert decode_length(encode_length(2**31 - 1)) <= 2**31 - 1


def test_term_score_is_legacy_bm25() -> None:
    # one occurrence, length = average length: tf part = 1 / (1 + k1) → score = idf
    stats = FieldStats(doc_count=10, total_length=100)
    expected_idf = math.log(1 + (10 - 1 + 0.5) / (1 + 0.5))
    assert float(term_score(1, 10, 1, stats, boost=1.0)) == pytest.approx(expected_idf, rel=1e-6)
    assert float(term_score(1, 10, 1, stats, boost=2.0)) == pytest.approx(
        2 * expected_idf, rel=1e-6
    )
    # more occurrences score more, a longer field less
    assert term_score(3, 10, 1, stats, 1.0) > term_score(1, 10, 1, stats, 1.0)
    assert term_score(1, 40, 1, stats, 1.0) < term_score(1, 10, 1, stats, 1.0)


def test_field_score_sums_distinct_query_terms_present_in_the_field() -> None:
    stats = FieldStats(doc_count=10, total_length=30)
    tokens = ["công_bố", "hợp", "quy"]
    one = field_score(tokens, ["hợp"], {"hợp": 2}, stats, 1.0)
    both = field_score(tokens, ["hợp", "quy", "hợp", "vắng"], {"hợp": 2, "quy": 2}, stats, 1.0)
    assert both == pytest.approx(2 * one)
