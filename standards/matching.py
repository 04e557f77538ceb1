"""Folded-token matching of a product question against short texts (names, titles, scopes).

Each text is a :class:`Field`. A field's score for a query combines

* ``cover``: the share of the query's information (IDF over all fields) the field contains,
* ``phrase``: the share of the query's adjacent word pairs that stand together in the field,
* ``precision``: the share of the field's own information the query covers, so that the
  product row "Nồi cơm điện" beats a long scope that mentions rice cookers among twenty items,

times the field's weight. Words unknown to every field count in the query's information
with the highest IDF: a question about something the catalogue does not know scores low.
Queries lose their intent words and gain synonyms first (``vocabulary.toml``).
"""

from __future__ import annotations

import math
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from standards.text import word_pairs

VOCABULARY = Path(__file__).with_name("vocabulary.toml")
COVER, PHRASE, PRECISION = 0.6, 0.25, 0.15
ACCENT_MISMATCH = 0.3  # credit of a word a question typed with diacritics writes otherwise


@dataclass(frozen=True)
class Field:
    """A text to match, what it belongs to (``target``), its kind, weight and, when the
    matched text is not the one to show, the text to show (``display``)."""

    target: int
    kind: str
    text: str
    weight: float = 1.0
    display: str = ""


@dataclass(frozen=True)
class FieldHit:
    """A field that matched, its score and the (folded) query words it contains."""

    field: Field
    score: float
    matched: tuple[str, ...]


Words = list[tuple[str, str]]


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """Intent phrases, synonyms and spelling variants (see ``vocabulary.toml``)."""
    with VOCABULARY.open("rb") as f:
        return tomllib.load(f)


Table = dict[tuple[str, ...], tuple[str, ...]]


def _table(entries: dict[str, str]) -> Table:
    return {tuple(k.split()): tuple(v.split()) for k, v in entries.items()}


@lru_cache(maxsize=2)
def phrase_table(query: bool) -> Table:
    """Folded phrase → replacement: spelling variants, and for queries synonyms and intent
    phrases (replaced by nothing)."""
    vocab = vocabulary()
    table = _table(vocab["spelling"])
    if query:
        table |= {tuple(p.split()): () for p in vocab["intent"]} | _table(vocab["synonyms"])
    return table


def rewrite(words: Words, table: Table, drop: bool = True) -> Words:
    """``words`` with the table's phrases replaced, longest first; replacement words have no
    written form (""), so they match whatever diacritics a text gives them. With ``drop``
    false, phrases that map to nothing are kept."""
    longest = max(map(len, table), default=0)
    out: Words = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            key = tuple(t for _, t in words[i : i + n])
            if key in table and (table[key] or drop):
                out += [("", t) for t in table[key]]
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def query_words(query: str) -> Words:
    """The words of a product question that name the product, as (written, folded) pairs:
    synonyms expanded, intent words ("nhập khẩu", "cần hợp quy gì") and stop words removed
    (unless nothing would be left), each folded word once."""
    words, table = word_pairs(query), phrase_table(query=True)
    rewritten = rewrite(words, table) or rewrite(words, table, drop=False)
    return list({t: (w, t) for w, t in reversed(rewritten)}.values())[::-1]


def typed_with_diacritics(words: Words) -> bool:
    """Whether a question was typed with diacritics (at least half of its letter words)."""
    letters = [(w, t) for w, t in words if w and not t.isdigit()]
    return bool(letters) and 2 * sum(w != t for w, t in letters) >= len(letters)


class FieldIndex:
    """Fields with IDF statistics and a token → fields inverted list."""

    def __init__(self, fields: Sequence[Field]) -> None:
        self.fields = list(fields)
        words = [rewrite(word_pairs(f.text), phrase_table(query=False)) for f in self.fields]
        self._tokens = [[t for _, t in w] for w in words]
        self._written = [{w for w, _ in ws} for ws in words]
        self._pairs = [set(pairwise(t)) for t in self._tokens]
        df: dict[str, int] = defaultdict(int)
        self._postings: dict[str, list[int]] = defaultdict(list)
        for i, toks in enumerate(self._tokens):
            for t in set(toks):
                df[t] += 1
                self._postings[t].append(i)
        n = max(len(self.fields), 1)
        self.idf = {t: math.log(1 + n / d) for t, d in df.items()}
        self.max_idf = math.log(1 + n)

    def weight(self, token: str) -> float:
        """IDF of a token; unknown tokens get the highest possible."""
        return self.idf.get(token, self.max_idf)

    def _credit(self, i: int, written: str, token: str, strict: bool) -> float:
        """A matched word's IDF; less when a question typed with diacritics writes it
        otherwise than the field ("sữa" against "sửa", "chua" against "chữa")."""
        own = self._written[i]
        if strict and written and written not in own and "" not in own:
            return ACCENT_MISMATCH * self.weight(token)
        return self.weight(token)

    def _score(self, i: int, query: Words, total: float, strict: bool) -> FieldHit | None:
        own = set(self._tokens[i])
        matched = [(w, t) for w, t in query if t in own]
        if not matched:
            return None
        got = sum(self._credit(i, w, t, strict) for w, t in matched)
        field_info = sum(self.weight(t) for t in own) or got
        pairs = list(pairwise(t for _, t in query))
        phrase = sum(p in self._pairs[i] for p in pairs) / len(pairs) if pairs else 1.0
        cover, precision = got / total, min(got / field_info, 1.0)
        score = cover * (COVER + PHRASE * phrase + PRECISION * precision)
        return FieldHit(self.fields[i], self.fields[i].weight * score, tuple(t for _, t in matched))

    def search(self, query: Words) -> list[FieldHit]:
        """Every field containing a query word, best first."""
        if not query:
            return []
        total = sum(self.weight(t) for _, t in query)
        strict = typed_with_diacritics(query)
        candidates = {i for _, t in query for i in self._postings.get(t, [])}
        hits = [h for i in candidates if (h := self._score(i, query, total, strict))]
        return sorted(hits, key=lambda h: -h.score)
