"""Metric values computed by hand for tiny rankings."""

import math

import pytest

from eval.metrics import mean, ndcg_at, recall_at, reciprocal_rank_at


@pytest.mark.parametrize(
    ("ranked", "relevant", "k", "expected"),
    [
        (["a", "b", "c"], {"b"}, 1, 0.0),
        (["a", "b", "c"], {"b"}, 2, 1.0),
        (["a", "b", "c"], {"b", "z"}, 3, 0.5),
        ([], {"a"}, 5, 0.0),
    ],
)
def test_recall(ranked: list[str], relevant: set[str], k: int, expected: float) -> None:
    assert recall_at(ranked, relevant, k) == expected


def test_reciprocal_rank_counts_the_first_relevant_within_k() -> None:
    assert reciprocal_rank_at(["x", "y", "a", "b"], {"a", "b"}, 10) == pytest.approx(1 / 3)
    assert reciprocal_rank_at(["x", "y", "a"], {"a"}, 2) == 0.0


def test_ndcg_matches_the_hand_computed_value() -> None:
    # relevant at ranks 2 and 3 of 2 relevant: (1/log2(3) + 1/log2(4)) / (1 + 1/log2(3))
    expected = (1 / math.log2(3) + 0.5) / (1 + 1 / math.log2(3))
    assert ndcg_at(["x", "a", "b"], {"a", "b"}, 10) == pytest.approx(expected)
    assert ndcg_at(["a", "b"], {"a", "b"}, 10) == pytest.approx(1.0)


def test_mean_of_nothing_is_zero() -> None:
    assert mean([]) == 0.0
    assert mean([1.0, 0.0]) == 0.5
