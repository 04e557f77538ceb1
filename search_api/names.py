"""Documents named by their title in a query: "điều 16 luật đo lường" → Luật Đo lường.

Only short, name-like titles are indexed (laws, codes, the constitution: "Luật Đo lường",
"Bộ luật dân sự"); decrees and circulars are cited by number, and their long descriptive
titles would match by accident. Matching is on folded whole words, longest title first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.analysis import fold, normalize
from indexer.models import DocumentMeta

NAMED_TYPES = frozenset({"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"})
MAX_NAME_WORDS = 12


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(normalize(text)).lower()))


class TitleIndex:
    """Finds the documents whose name occurs in a text."""

    def __init__(self, documents: Iterable[DocumentMeta]) -> None:
        names: dict[str, list[str]] = {}
        for meta in documents:
            key = _key(meta.title)
            if meta.type in NAMED_TYPES and 2 <= len(key.split()) <= MAX_NAME_WORDS:
                names.setdefault(key, []).append(meta.id)
        self._names = sorted(names.items(), key=lambda item: -len(item[0]))

    def find(self, text: str) -> list[str]:
        """Ids of the documents with the longest name found in ``text`` (empty if none)."""
        padded = f" {_key(text)} "
        for name, doc_ids in self._names:
            if f" {name} " in padded:
                return doc_ids
        return []
