"""What to offer when nothing matches: other spellings of the query and nearby terms.

* **spelling**: every word the corpus never saw replaced by the closest one it has
  (difflib ratio ≥ :data:`CLOSE`, compared without diacritics), then diacritics restored;
* **diacritics**: a query typed without diacritics is offered restored (it may have been
  searched exactly as typed);
* **terms**: glossary terms spelt like the query or close to it, asked as "… là gì".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from indexer.accents import AccentModel
from indexer.analysis import fold
from indexer.glossary import Glossary, term_key
from search_api.evidence import words

#: Similarity (difflib ratio) a known word or term needs to be offered for the typed one.
CLOSE = 0.75
MAX_SUGGESTIONS = 5
#: Longer queries get no spelling or term suggestions (each word costs a vocabulary scan).
MAX_WORDS = 8

Why = Literal["spelling", "diacritics", "term"]


@dataclass(frozen=True)
class Suggestion:
    """Another query to try, and why it is offered."""

    query: str
    why: Why


class Suggester:
    """Suggestions over the accent model's vocabulary and the glossary of one store."""

    def __init__(self, accents: AccentModel | None, glossary: Glossary | None) -> None:
        self.accents = accents
        self.glossary = glossary

    @cached_property
    def _vocabulary(self) -> list[str]:
        return self.accents.folded_vocabulary if self.accents else []

    @cached_property
    def _term_keys(self) -> dict[str, str]:
        if self.glossary is None:
            return {}
        return {term_key(t.term): t.term for t in self.glossary.terms}

    def suggest(self, query: str) -> list[Suggestion]:
        """Up to :data:`MAX_SUGGESTIONS` queries to try instead of ``query``, deduplicated."""
        found = [*self._spelling(query), *self._diacritics(query), *self._terms(query)]
        seen = {query.lower()}
        unique: list[Suggestion] = []
        for suggestion in found:
            if suggestion.query.lower() not in seen:
                seen.add(suggestion.query.lower())
                unique.append(suggestion)
        return unique[:MAX_SUGGESTIONS]

    def _spelling(self, query: str) -> list[Suggestion]:
        typed = words(query)
        if self.accents is None or len(typed) > MAX_WORDS:
            return []
        fixed = []
        for word in typed:
            if word.isdigit() or self.accents.frequency(word) > 0:
                fixed.append(word)
                continue
            close = difflib.get_close_matches(word, self._vocabulary, n=1, cutoff=CLOSE)
            if not close:
                return []
            fixed.append(close[0])
        if fixed == typed:
            return []
        return [Suggestion(self.accents.restore(" ".join(fixed)), "spelling")]

    def _diacritics(self, query: str) -> list[Suggestion]:
        if self.accents is None or fold(query) != query:
            return []
        restored = self.accents.restore(query)
        return [Suggestion(restored, "diacritics")] if restored != query else []

    def _terms(self, query: str) -> list[Suggestion]:
        key = term_key(query)
        if not key or len(key.split()) > MAX_WORDS or not self._term_keys:
            return []
        close = difflib.get_close_matches(key, list(self._term_keys), n=3, cutoff=CLOSE)
        return [Suggestion(f"{self._term_keys[k]} là gì", "term") for k in close]
