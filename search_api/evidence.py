"""Whether a hit deserves to be shown: the words it shares with the query, or its meaning.

The dense leg always returns its nearest chunks, even for "zzxxqq"; a BM25 leg matches a
hostile "<script>alert(1)</script>" on its "1". A hit is kept only with evidence:

- **lexical**: its text, heading and document title hold at least :data:`MIN_COVERAGE` of
  the query's word weight. Words are compared without diacritics; a word weighs its
  self-information in the corpus (``log(N / (1 + count))``, from the accent model's
  syllable counts), so "của" weighs little and a word the corpus never saw weighs most;
  markup tags are not words; a number or a single letter weighs :data:`NUMBER_WEIGHT`
  and such words alone are no match ("{{7*7}}" would match every text with a 7).
- **dense**: its cosine to the query is at least :data:`DENSE_FLOOR`, well above the
  corpus's noise floor.

Calibration (2026-12-02, 52 noise queries: the fixed list and 30 seeded random strings of
:mod:`eval.noise_floor`):

- lexical, ``python -m eval.gold_coverage`` (no embedding needed): no noise query reaches
  any coverage in any chunk of ALQAC or VLSP (max 0.000); the best chunk of the gold units
  reaches at least 0.229 (VLSP, 227 units; p1 0.320) and 0.252 (ALQAC, 742 units; p1 0.336)
  but for one ALQAC unit at 0.069. At 0.2 no VLSP gold unit can be dropped, at most 13 ALQAC
  ones (1 if its best chunk is the one shown), and only when their cosine is also low.
- dense (``python -m eval.noise_floor --set field``): the best cosine of a noise query is
  0.853 on the field corpus (p95 0.837, median 0.817; 0.851 on the VLSP corpus), no noise
  query keeps a hit; the sector set's gold units in the hybrid top 10 stay 163 → 163 typed
  and 161 → 161 stripped then restored (gold cosine median 0.909). The floor sits 0.027
  above the noisiest query.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from indexer.accents import AccentModel
from indexer.analysis import fold_word
from indexer.store.base import Hit
from search_api.fuse import unit_key

#: Share of the query's word weight a hit must hold to count as a lexical match.
MIN_COVERAGE = 0.2
#: Cosine a hit without lexical match needs (noise queries top out at 0.853, see above).
DENSE_FLOOR = 0.88
#: Weight of a minor word, digits only or one letter ("1" and "x" of "src=x onerror=alert(1)"):
#: less than any real word.
NUMBER_WEIGHT = 1.0

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The lower-cased, folded words of ``text`` (markup tags left out)."""
    return [fold_word(w) for w in _WORD.findall(_TAG.sub(" ", text).lower())]


@lru_cache(maxsize=16384)
def text_words(text: str) -> frozenset[str]:
    """The folded words of ``text``. Cached: chunk texts, headings and titles come back
    query after query, and folding every word was a third of a keyword search's time."""
    return frozenset(fold_word(w) for w in _WORD.findall(text.lower()))


def _minor(word: str) -> bool:
    """A number or a single letter: it counts a little, and never as a match alone."""
    return word.isdigit() or len(word) == 1


@dataclass(frozen=True)
class QueryWords:
    """The query's distinct folded words and what each weighs."""

    weights: Mapping[str, float]

    def coverage(self, *texts: str) -> float:
        """Share of the query's weight found among the words of ``texts`` (0 … 1)."""
        total = sum(self.weights.values())
        if total <= 0:
            return 0.0
        found = [text_words(text) for text in texts]
        held = [w for w in self.weights if any(w in words for words in found)]
        if all(_minor(w) for w in held):  # "7" of "{{7*7}}" alone is no match
            return 0.0
        return sum(self.weights[w] for w in held) / total

    def covers(self, hit: Hit) -> bool:
        """Whether ``hit`` holds enough of the query's words (:data:`MIN_COVERAGE`)."""
        texts = (hit.document.title, hit.chunk.heading, hit.chunk.text)
        return self.coverage(*texts) >= MIN_COVERAGE


def query_words(texts: Iterable[str], accents: AccentModel | None) -> QueryWords:
    """The words of the query ``texts`` (typed and restored), weighted by rarity."""
    distinct = dict.fromkeys(w for text in texts for w in words(text))
    size = max(accents.syllables, 1) if accents else 0

    def weight(word: str) -> float:
        if _minor(word):
            return NUMBER_WEIGHT
        return math.log(size / (1 + accents.frequency(word))) if accents else 2.0

    return QueryWords({w: weight(w) for w in distinct})


def with_evidence(
    hits: Sequence[Hit], query: QueryWords, dense_scores: Mapping[str, float]
) -> list[Hit]:
    """The hits that hold the query's words or come close to it in meaning, in order."""
    return [
        hit
        for hit in hits
        if dense_scores.get(unit_key(hit.chunk), -1.0) >= DENSE_FLOOR or query.covers(hit)
    ]


def dense_by_unit(hits: Sequence[Hit]) -> dict[str, float]:
    """The best cosine of each unit in a dense list."""
    scores: dict[str, float] = {}
    for hit in hits:
        key = unit_key(hit.chunk)
        scores[key] = max(scores.get(key, -1.0), hit.score)
    return scores
