"""Pure statistics of a benchmark: percentiles, latency summaries, recall against exact."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must lie in 0–100, got {q}")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Summary:
    """Distribution of a set of timings, in milliseconds."""

    count: int
    p50: float
    p95: float
    p99: float
    mean: float
    max: float


def summarize(values_ms: Sequence[float]) -> Summary:
    """p50/p95/p99, mean and max of ``values_ms`` (rounded to 0.01 ms)."""
    if not values_ms:
        raise ValueError("no values")
    return Summary(
        count=len(values_ms),
        p50=round(percentile(values_ms, 50), 2),
        p95=round(percentile(values_ms, 95), 2),
        p99=round(percentile(values_ms, 99), 2),
        mean=round(statistics.fmean(values_ms), 2),
        max=round(max(values_ms), 2),
    )


def recall_at_k(approx: Sequence[Sequence[int]], exact: Sequence[Sequence[int]], k: int) -> float:
    """Mean over queries of |approx top-k ∩ exact top-k| / k (the usual ANN recall@k)."""
    if len(approx) != len(exact):
        raise ValueError(f"{len(approx)} approximate lists for {len(exact)} exact ones")
    if not exact:
        raise ValueError("no queries")
    shares = [len(set(a[:k]) & set(e[:k])) / k for a, e in zip(approx, exact, strict=True)]
    return statistics.fmean(shares)
