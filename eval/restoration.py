"""How well the corpus-trained accent model puts diacritics back on stripped questions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.accents import AccentModel
from indexer.analysis import fold, normalize

_SYLLABLE = re.compile(r"[^\W\d_]+")


def syllable_accuracy(model: AccentModel, texts: Sequence[str]) -> float:
    """Share of alphabetic syllables restored exactly (case-insensitive) after folding."""
    right = total = 0
    for text in texts:
        gold = _SYLLABLE.findall(normalize(text).lower())
        restored = _SYLLABLE.findall(model.restore(fold(normalize(text))).lower())
        right += sum(g == r for g, r in zip(gold, restored, strict=True))
        total += len(gold)
    return right / total if total else 0.0
