"""Autocomplete over document numbers and titles: an in-memory sorted prefix index.

Keys are normalised the same way as queries: diacritics folded, lower case, runs of
non-alphanumerics turned into one space, leading zeros of numbers dropped. So "68/2006"
matches "68/2006/QH11", "qcvn 01" matches "QCVN 01:2019/BKHCN", and "luat do luong"
matches "Luật Đo lường". Each document is keyed by its number, its type + number, and
every suffix of its title that starts at a word ("do luong" also finds "Luật Đo lường").
A lookup is a binary search for the prefix range: well under a millisecond.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from indexer.analysis import fold
from indexer.models import DocumentMeta

_SEPARATORS = re.compile(r"[^0-9a-z]+")

# Match kinds, best first.
_NUMBER, _TITLE_START, _TITLE_WORD = 0, 1, 2


def normalize_key(text: str) -> str:
    """The comparable form of a query or a key ("QCVN 01:2019/BKHCN" → "qcvn 1 2019 bkhcn")."""
    parts = _SEPARATORS.split(fold(text).lower().replace("đ", "d"))
    return " ".join(str(int(p)) if p.isdigit() else p for p in parts if p)


@dataclass(frozen=True)
class Suggestion:
    """One document offered for a typed prefix."""

    id: str
    number: str | None
    title: str
    type: str | None


def _keys(meta: DocumentMeta) -> Iterable[tuple[str, int]]:
    if meta.number:
        yield normalize_key(meta.number), _NUMBER
        if meta.type:
            yield normalize_key(f"{meta.type} {meta.number}"), _NUMBER
    words = normalize_key(meta.title).split()
    for start in range(len(words)):
        yield " ".join(words[start:]), _TITLE_START if start == 0 else _TITLE_WORD


class SuggestIndex:
    """A sorted list of (key, match kind, document position) over a set of documents."""

    def __init__(self, documents: Iterable[DocumentMeta]) -> None:
        self._documents = list(documents)
        entries = {
            (key, kind, position)
            for position, meta in enumerate(self._documents)
            for key, kind in _keys(meta)
            if key
        }
        self._entries = sorted(entries)
        self._keys = [key for key, _, _ in self._entries]

    def suggest(self, query: str, limit: int = 10) -> list[Suggestion]:
        """Documents whose number or title has a word-aligned prefix ``query``, best first:
        number matches, then titles starting with the query, then the rest; shorter
        titles first within a kind."""
        prefix = normalize_key(query)
        if not prefix:
            return []
        start = bisect.bisect_left(self._keys, prefix)
        best: dict[int, int] = {}
        for key, kind, position in self._entries[start:]:
            if not key.startswith(prefix):
                break
            best[position] = min(kind, best.get(position, kind))
        ranked = sorted(
            best, key=lambda p: (best[p], len(self._documents[p].title), self._documents[p].id)
        )
        return [_suggestion(self._documents[p]) for p in ranked[:limit]]


def _suggestion(meta: DocumentMeta) -> Suggestion:
    return Suggestion(id=meta.id, number=meta.number, title=meta.title, type=meta.type)
