"""Expand a chain of unit lists into targets (article, clause, point).

A chain is what one reference writes before its document: segments such as "điểm b khoản 1",
"khoản 2, 3, 4 Điều 12", joined by ",", ";", "và" or "đến". Expansion is pure:

* a segment without its upper levels takes them from the nearest segment to its right that has
  its top level and more ("điểm b khoản 1, điểm b khoản 2 Điều 13" → both in Điều 13);
* "từ khoản 1 đến khoản 9 Điều này" is a range between two segments of the same shape;
* each segment gives the product of its lists ("điểm a, b khoản 2" → two targets).
"""

from __future__ import annotations

from dataclasses import dataclass

THIS = "này"
LEVELS = {"diem": 1, "khoan": 2, "dieu": 3}
# Vietnamese alphabetical order of point letters, for ranges "từ điểm a đến điểm đ".
POINT_ORDER = "abcdđeghiklmnopqrstuvxy"
_MAX_RANGE = 200

Segment = dict[str, tuple[str, ...]]
Target = tuple[str | None, str | None, str | None]


@dataclass
class Chain:
    """Segments of one reference; ``ranges[i]`` is True when segments i and i+1 are the two
    ends of a range ("từ khoản 1 đến khoản 9")."""

    segments: list[Segment]
    ranges: list[bool]
    start: int
    end: int


def expand_range(level: str, first: str, last: str) -> tuple[str, ...]:
    """Every number from ``first`` to ``last`` (digits, or point letters); the two ends when
    the range cannot be enumerated ("2a đến 5")."""
    if first.isdigit() and last.isdigit() and 0 <= int(last) - int(first) <= _MAX_RANGE:
        return tuple(str(n) for n in range(int(first), int(last) + 1))
    if level == "diem" and first in POINT_ORDER and last in POINT_ORDER:
        i, j = POINT_ORDER.index(first), POINT_ORDER.index(last)
        if i <= j:
            return tuple(POINT_ORDER[i : j + 1])
    return (first, last)


def _top(segment: Segment) -> str:
    return max(segment, key=LEVELS.__getitem__)


def _low(segment: Segment) -> str:
    return min(segment, key=LEVELS.__getitem__)


def _inherit_upper_levels(segments: list[Segment]) -> None:
    for i in range(len(segments) - 2, -1, -1):
        top = LEVELS[_top(segments[i])]
        for later in segments[i + 1 :]:
            upper = {lvl: nums for lvl, nums in later.items() if LEVELS[lvl] > top}
            if _top(segments[i]) in later and upper:
                for level, numbers in upper.items():
                    segments[i].setdefault(level, numbers)
                break


def _merge_ranges(segments: list[Segment], ranges: list[bool]) -> list[Segment]:
    merged = [segments[0]]
    for segment, is_range in zip(segments[1:], ranges, strict=True):
        previous, low = merged[-1], _low(segment)
        same_shape = previous.keys() == segment.keys() and all(
            previous[level] == segment[level] for level in segment if level != low
        )
        if is_range and same_shape and len(previous[low]) == len(segment[low]) == 1:
            numbers = expand_range(low, previous[low][0], segment[low][0])
            merged[-1] = {**segment, low: numbers}
        else:
            merged.append(segment)
    return merged


def expand_chain(chain: Chain) -> list[Target]:
    """The distinct (article, clause, point) targets of a chain, in order; None = not given,
    :data:`THIS` = "này"."""
    segments = [dict(segment) for segment in chain.segments]
    _inherit_upper_levels(segments)
    targets: list[Target] = []
    for segment in _merge_ranges(segments, chain.ranges):
        for article in segment.get("dieu", (None,)):
            for clause in segment.get("khoan", (None,)):
                for point in segment.get("diem", (None,)):
                    targets.append((article, clause, point))
    return list(dict.fromkeys(targets))
