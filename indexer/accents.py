"""Diacritic restoration learnt from the indexed corpus itself.

:meth:`AccentModel.train` counts lower-cased syllable unigrams, bigrams and trigrams (runs
of letters; anything else — digits, punctuation — breaks the context, and every run is
padded with ``<s>``/``</s>``). The accented forms seen for a folded syllable are its
candidates. :meth:`AccentModel.restore` picks, for each run of unaccented syllables, the
candidate sequence with the highest trigram probability (Viterbi; Witten–Bell
interpolation of trigram, bigram and add-one unigram estimates).

Left untouched: tokens with digits or "_", document numbers, syllables unknown to the
model, and syllables that already carry diacritics (they stay as context). The user's
casing and every character that is not a restored letter keep their positions.
"""

from __future__ import annotations

import heapq
import io
import json
import math
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from itertools import chain

import numpy as np

from indexer.analysis import fold, has_diacritics, normalize
from indexer.cite.find import find_doc_matches

BOS, EOS = "<s>", "</s>"
#: How many times each question pattern counts when training (see question_patterns.txt).
QUESTION_WEIGHT = 20
FORMAT = "tdc-accent-model/1"
_TOKEN = re.compile(r"\w+|[^\w\s]")
# What ends a run of syllables: punctuation, or a token with a digit or "_".
_BREAK = re.compile(r"[^\w\s]|\b\w*?[\d_]\w*")


def _runs(text: str) -> Iterator[list[str]]:
    """Lower-cased runs of purely alphabetic tokens; any other token ends a run."""
    for piece in _BREAK.split(normalize(text).lower()):
        run = piece.split()
        if run:
            yield run


def _count(codes: np.ndarray, keep: np.ndarray, min_count: int) -> tuple[np.ndarray, np.ndarray]:
    keys, counts = np.unique(codes[keep], return_counts=True)
    mask = counts >= min_count
    return keys[mask], counts[mask]


@dataclass(frozen=True)
class _Tables:
    vocab: list[str]
    unigrams: np.ndarray
    bigram_keys: np.ndarray
    bigram_counts: np.ndarray
    trigram_keys: np.ndarray
    trigram_counts: np.ndarray


def question_patterns() -> list[str]:
    """The question phrases the model learns next to the corpus, each
    :data:`QUESTION_WEIGHT` times ("là gì", "như thế nào", "bao lâu" …)."""
    data = resources.files("indexer").joinpath("question_patterns.txt").read_text("utf-8")
    lines = [line.strip() for line in data.splitlines()]
    phrases = [line for line in lines if line and not line.startswith("#")]
    return [p for p in phrases for _ in range(QUESTION_WEIGHT)]


def corpus_model(texts: Iterable[str]) -> AccentModel:
    """The model a store's queries are restored with: its texts and the question patterns."""
    return AccentModel.train(chain(texts, question_patterns()))


class AccentModel:
    """Syllable n-gram model over the corpus, used to put diacritics back on typed queries."""

    def __init__(self, tables: _Tables, max_candidates: int = 8, beam: int = 8) -> None:
        self.beam = beam
        self._t = tables
        self._v = len(tables.vocab)
        self._ids = {w: i for i, w in enumerate(tables.vocab)}
        self._uni = tables.unigrams.tolist()
        self._total = int(tables.unigrams[2:].sum()) + self._v
        self._bi = dict(
            zip(tables.bigram_keys.tolist(), tables.bigram_counts.tolist(), strict=True)
        )
        self._tri = dict(
            zip(tables.trigram_keys.tolist(), tables.trigram_counts.tolist(), strict=True)
        )
        self._h1 = self._histories(tables.bigram_keys, tables.bigram_counts)
        self._h2 = self._histories(tables.trigram_keys, tables.trigram_counts)
        by_fold: dict[str, list[int]] = {}
        for i, word in enumerate(tables.vocab[2:], start=2):
            by_fold.setdefault(fold(word), []).append(i)
        self._candidates = {
            f: sorted(ids, key=lambda i: -self._uni[i])[:max_candidates]
            for f, ids in by_fold.items()
        }

    def _histories(self, keys: np.ndarray, counts: np.ndarray) -> dict[int, tuple[int, int]]:
        """History code → (total count of its continuations, number of distinct ones)."""
        hist, inverse = np.unique(keys // self._v, return_inverse=True)
        totals = np.bincount(inverse, weights=counts).astype(np.int64)
        distinct = np.bincount(inverse)
        return dict(
            zip(hist.tolist(), zip(totals.tolist(), distinct.tolist(), strict=True), strict=True)
        )

    @classmethod
    def train(
        cls, texts: Iterable[str], *, min_bigram: int = 1, min_trigram: int = 2
    ) -> AccentModel:
        """Count syllable n-grams of ``texts``; rarer bi/trigrams than the minimums are pruned."""
        vocab = {BOS: 0, EOS: 1}
        ids = array("q")
        for text in texts:
            padded = [w for run in _runs(text) for w in (BOS, *run, EOS)]
            for word in dict.fromkeys(padded).keys() - vocab.keys():
                vocab[word] = len(vocab)
            ids.extend(map(vocab.__getitem__, padded))
        seq = np.frombuffer(ids, dtype=np.int64)
        v = len(vocab)
        a, b, c = seq[:-2], seq[1:-1], seq[2:]
        bi_keys, bi_counts = _count(
            seq[:-1] * v + seq[1:], ~((seq[:-1] == 1) & (seq[1:] == 0)), min_bigram
        )
        crossing = ((a == 1) & (b == 0)) | ((b == 1) & (c == 0))
        tri_keys, tri_counts = _count((a * v + b) * v + c, ~crossing, min_trigram)
        tables = _Tables(
            vocab=list(vocab),
            unigrams=np.bincount(seq, minlength=v).astype(np.int64),
            bigram_keys=bi_keys,
            bigram_counts=bi_counts.astype(np.int64),
            trigram_keys=tri_keys,
            trigram_counts=tri_counts.astype(np.int64),
        )
        return cls(tables)

    def candidates(self, syllable: str) -> list[str]:
        """Accented forms seen for the folded ``syllable``, most frequent first."""
        return [self._t.vocab[i] for i in self._candidates.get(fold(syllable.lower()), [])]

    def frequency(self, syllable: str) -> int:
        """How often the folded ``syllable`` occurs in the corpus, in any accented form."""
        ids = self._candidates.get(fold(syllable.lower()), [])
        return sum(self._uni[i] for i in ids)

    @property
    def folded_vocabulary(self) -> list[str]:
        """Every syllable of the corpus without diacritics."""
        return list(self._candidates)

    @property
    def syllables(self) -> int:
        """How many syllables the corpus has (the sum of every :meth:`frequency`)."""
        return self._total - self._v

    def _p1(self, w: int) -> float:
        return (self._uni[w] + 1) / self._total

    def _p2(self, v: int, w: int) -> float:
        p1 = self._p1(w)
        total, distinct = self._h1.get(v, (0, 0))
        if not total:
            return p1
        return (self._bi.get(v * self._v + w, 0) + distinct * p1) / (total + distinct)

    def _p3(self, u: int, v: int, w: int) -> float:
        p2 = self._p2(v, w)
        history = u * self._v + v
        total, distinct = self._h2.get(history, (0, 0))
        if not total:
            return p2
        return (self._tri.get(history * self._v + w, 0) + distinct * p2) / (total + distinct)

    def _decode(self, lattice: list[list[int]]) -> list[int]:
        """Best candidate per position: Viterbi over (previous, current) syllable states."""
        # The first state's -1 marks "no history before <s>": bigram estimate only.
        states: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {(-1, 0): (0.0, ())}
        for options in [*lattice, [1]]:
            nxt: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {}
            for (u, v), (score, path) in states.items():
                for w in options:
                    p = self._p3(u, v, w) if u >= 0 else self._p2(v, w)
                    s = score + math.log(p)
                    if (v, w) not in nxt or s > nxt[(v, w)][0]:
                        nxt[(v, w)] = (s, (*path, w))
            states = dict(heapq.nlargest(self.beam, nxt.items(), key=lambda kv: kv[1][0]))
        return list(max(states.values())[1][:-1])

    def restore(self, text: str) -> str:
        """``text`` (NFC) with diacritics put back on its unaccented, known syllables."""
        text = unicodedata.normalize("NFC", text)
        frozen = [range(*m.number_span) for m in find_doc_matches(text)]
        out = list(text)
        runs: list[list[tuple[re.Match[str], list[int]]]] = [[]]
        for m in _TOKEN.finditer(text):
            options = self._options(m.group()) if not any(m.start() in r for r in frozen) else []
            if options:
                runs[-1].append((m, options))
            elif runs[-1]:
                runs.append([])
        for run in filter(None, runs):
            for (m, _), best in zip(run, self._decode([o for _, o in run]), strict=True):
                word = self._t.vocab[best]
                for k, (orig, new) in enumerate(zip(m.group(), word, strict=True)):
                    out[m.start() + k] = new.upper() if orig.isupper() else new
        return "".join(out)

    def _options(self, token: str) -> list[int]:
        """Candidate ids of one token; [] when the token must break the context."""
        if not token.isalpha():
            return []
        lower = token.lower()
        if has_diacritics(lower):
            known = self._ids.get(lower)
            return [known] if known is not None else []
        return [i for i in self._candidates.get(lower, []) if len(self._t.vocab[i]) == len(lower)]

    def to_bytes(self) -> bytes:
        """Compact serialisation: compressed numpy arrays (no pickle)."""
        buf = io.BytesIO()
        meta = json.dumps({"format": FORMAT}).encode()
        np.savez_compressed(
            buf,
            meta=np.frombuffer(meta, dtype=np.uint8),
            vocab=np.frombuffer("\n".join(self._t.vocab).encode(), dtype=np.uint8),
            unigrams=self._t.unigrams,
            bigram_keys=self._t.bigram_keys,
            bigram_counts=self._t.bigram_counts,
            trigram_keys=self._t.trigram_keys,
            trigram_counts=self._t.trigram_counts,
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> AccentModel:
        """A model saved by :meth:`to_bytes`."""
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes())
            if meta.get("format") != FORMAT:
                raise ValueError(f"not an accent model: {meta!r}")
            tables = _Tables(
                vocab=z["vocab"].tobytes().decode().split("\n"),
                unigrams=z["unigrams"],
                bigram_keys=z["bigram_keys"],
                bigram_counts=z["bigram_counts"],
                trigram_keys=z["trigram_keys"],
                trigram_counts=z["trigram_counts"],
            )
        return cls(tables)
