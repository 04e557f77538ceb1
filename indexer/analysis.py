"""The language layer shared by indexing and querying: normalise, segment, fold.

Analysis happens once, here, identically for every store; stores only see the tokens.

* :func:`normalize` — NFC, look-alike Cyrillic letters to Latin, invisible characters
  dropped, whitespace collapsed.
* :func:`fold` — diacritics removed, đ→d and Đ→D done explicitly.
* :func:`segment` — pyvi word segmentation ("quy_chuẩn", "kỹ_thuật"), case kept.
* :class:`Analyzer` — ``run(text)`` gives :class:`Analysed`: lower-cased word tokens made of
  letters, digits and "_" only (the FTS5 tokenizer runs with ``tokenchars '_'``), their
  folded forms, and the document-number keys of :mod:`indexer.cite`.

pyvi's CRF model is loaded lazily, once per process, from memory (:func:`_crf`). Features are
computed here rather than by pyvi (same features, same model, same output) because pyvi's own
per-word dictionaries made it about twice as slow.
"""

from __future__ import annotations

import pickle
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from indexer.cite.find import doc_keys

# Cyrillic letters that look Latin; they occur in the corpus inside Vietnamese words.
_CYRILLIC_LOOKALIKES = str.maketrans("аеорсхуіјѕАВЕКМНОРСТХ", "aeopcxyijsABEKMHOPCTX")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Two spellings of one syllable: tone on the second vowel of open "oa", "oe", "uy" ("hoá",
# "khoẻ", "thuỷ") or on the first ("hóa", "khỏe", "thủy", 10× more frequent in the corpus).
# "qu" is a consonant, so "quý", "quỹ" are left alone.
_SECOND_VOWEL_TONE = re.compile(r"[oOuU][áàảãạéèẻẽẹýỳỷỹỵÁÀẢÃẠÉÈẺẼẸÝỲỶỸỴ](?!\w)")
_TONE_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_COMBINING = re.compile("[\u0300-\u036f]")
_WORD = re.compile(r"[^\W_]+(?:_[^\W_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")
# pyvi's syllable splitter (ViTokenizer.sylabelize): abbreviations, specials, URLs, e-mails,
# numbers with separators, single punctuation, words.
_SYLLABLE = re.compile(
    r"([A-ZĐ]+\.|Tp\.|Mr\.|Mrs\.|Ms\.|Dr\.|ThS\.|==>|->|\.\.\.|>>|\n|\w+://[^\s]+"
    r"|[a-zA-Z0-9_.+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+|\d+(?:[\.,_]\d+)+|[^\w\s]|\w+)"
)


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Precomposed Latin letters → base letter; đ/Đ mapped explicitly (no decomposition)."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]:
        decomposed = unicodedata.normalize("NFD", chr(cp))
        if len(decomposed) > 1 and decomposed[0].isascii():
            table[cp] = decomposed[0]
    return table


def _tone_on_first_vowel(m: re.Match[str]) -> str:
    first, second = m.group()[0], m.group()[1]
    decomposed = unicodedata.normalize("NFD", second)
    before = m.string[m.start() - 1 : m.start()].lower()
    if (first.lower(), decomposed[0].lower()) not in _TONE_PAIRS or before == "q":
        return m.group()
    return unicodedata.normalize("NFC", first + decomposed[1:]) + decomposed[0]


def normalize(text: str) -> str:
    """NFC, one tone placement ("hoá" → "hóa"), Cyrillic look-alikes to Latin, invisible
    characters removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    if _CYRILLIC.search(text):
        text = text.translate(_CYRILLIC_LOOKALIKES)
    text = _SECOND_VOWEL_TONE.sub(_tone_on_first_vowel, text)
    return " ".join(_INVISIBLE.sub("", text).split())


def fold(text: str) -> str:
    """``text`` without diacritics ("Đo lường" → "Do luong"); case and length kept for NFC."""
    folded = unicodedata.normalize("NFC", text).translate(_fold_table())
    return _COMBINING.sub("", folded)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """:func:`fold` of one word, cached: the language has a few thousand syllables, so texts
    folded word by word mostly hit the cache."""
    return fold(word)


def has_diacritics(word: str) -> bool:
    """Whether a word carries a Vietnamese diacritic (including đ)."""
    return fold(word) != word


def diacritic_ratio(text: str) -> float:
    """Share of alphabetic syllables that carry a diacritic (0.0 when there are none)."""
    syllables = _LETTERS.findall(unicodedata.normalize("NFC", text))
    if not syllables:
        return 0.0
    return sum(has_diacritics(s) for s in syllables) / len(syllables)


@dataclass(frozen=True)
class _Crf:
    tagger: Any
    bigrams: frozenset[str]
    trigrams: frozenset[str]
    #: The CRFsuite model the tagger reads from; CRFsuite does not copy it, so it is kept here.
    model: bytes


class _ModelBytes:
    """Stands in for sklearn-crfsuite's ``FileResource`` while pyvi's model is unpickled:
    it keeps the CRFsuite model in memory, where ``FileResource`` would copy it to a
    temporary file (``/tmp/model*.crfsuite``) that a killed process leaves behind."""

    data: bytes | None = None

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.data = state.get("__FILE_RESOURCE_DATA__")


class _PyviUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("sklearn_crfsuite._fileresource", "FileResource"):
            return _ModelBytes
        return super().find_class(module, name)


@lru_cache(maxsize=1)
def _crf() -> _Crf:
    """pyvi's segmentation model and word lists, read from the pyvi package on first use
    (≈1 s) without importing ``pyvi.ViTokenizer``, whose import writes the model to a
    temporary file; the model is opened from memory."""
    import pycrfsuite

    models = resources.files("pyvi") / "models"
    with (models / "pyvi3.pkl").open("rb") as handle:
        model = _PyviUnpickler(handle).load()
    data: bytes = model.modelfile.data
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(data)
    words = [line.split(" ") for line in (models / "words.txt").read_text("utf-8").split("\n")]
    return _Crf(
        tagger=tagger,
        bigrams=frozenset(" ".join(w) for w in words if len(w) == 2),
        trigrams=frozenset(" ".join(w) for w in words if len(w) == 3),
        model=data,
    )


def _features(words: list[str], crf: _Crf) -> list[list[str]]:
    """pyvi's CRF features (ViTokenizer.word2features), as attribute strings."""
    n = len(words)
    low = [w.lower() for w in words]
    flags = [(w.istitle(), w.isupper()) for w in words]
    bi = [False] + [f"{low[i - 1]} {low[i]}" in crf.bigrams for i in range(1, n)]
    tri = [False, False] + [
        f"{low[i - 2]} {low[i - 1]} {low[i]}" in crf.trigrams for i in range(2, n)
    ]
    items = []
    for i, word in enumerate(words):
        item = ["bias", f"word.lower():{low[i]}"]
        if flags[i][1]:
            item.append("word.isupper()")
        if flags[i][0]:
            item.append("word.istitle()")
        if word.isdigit():
            item.append("word.isdigit()")
        if i > 0:
            item.append(f"-1:word.lower():{low[i - 1]}")
            if flags[i - 1][0]:
                item.append("-1:word.istitle()")
            if flags[i - 1][1]:
                item.append("-1:word.isupper()")
            if bi[i]:
                item.append("-1:word.bi_gram()")
            if i > 1 and tri[i]:
                item.append("-2:word.tri_gram()")
        if i < n - 1:
            item.append(f"+1:word.lower():{low[i + 1]}")
            if flags[i + 1][0]:
                item.append("+1:word.istitle()")
            if flags[i + 1][1]:
                item.append("+1:word.isupper()")
            if bi[i + 1]:
                item.append("+1:word.bi_gram()")
            if i < n - 2 and tri[i + 2]:
                item.append("+2:word.tri_gram()")
        items.append(item)
    return items


def segment(text: str) -> list[str]:
    """pyvi word segmentation of NFC ``text``: syllables of a word joined by "_", case kept.

    Same output as ``pyvi.ViTokenizer.tokenize(text).split()``; punctuation stays as tokens.
    """
    syllables = [m.group() for m in _SYLLABLE.finditer(unicodedata.normalize("NFC", text))]
    if not syllables:
        return []
    labels = _crf().tagger.tag(_features(syllables, _crf()))
    words = [syllables[0]]
    for i in range(1, len(syllables)):
        cur, prev = syllables[i], syllables[i - 1]
        if (
            labels[i] == "I_W"
            and cur not in string.punctuation
            and prev not in string.punctuation
            and not cur[0].isdigit()
            and not prev[0].isdigit()
            and not (cur[0].istitle() and not prev[0].istitle())
        ):
            words[-1] += "_" + cur
        else:
            words.append(cur)
    return [w for w in words if not w.isspace()]


def word_tokens(words: Iterable[str]) -> list[str]:
    """Lower-cased word tokens: runs of letters/digits, "_" only between them."""
    return [t for w in words for t in _WORD.findall(w.lower())]


def with_syllables(tokens: list[str]) -> list[str]:
    """``tokens`` followed by the syllables of its compound words, in order.

    The words stay adjacent (phrase queries over words still work) and a text segmented
    differently (a short query, a query typed without diacritics) still matches syllables.
    """
    return tokens + [s for t in tokens if "_" in t for s in t.split("_")]


def word_pairs(words: list[str]) -> list[str]:
    """Adjacent word pairs: ["công_bố", "hợp", "quy"] → ["công_bố__hợp", "hợp__quy"]."""
    return [f"{a}__{b}" for a, b in pairwise(words)]


@dataclass(frozen=True)
class Analysed:
    """The analysis of one text.

    ``tokens``: lower-cased pyvi words ("quy_chuẩn"), letters/digits/"_" only, in text
    order, then the syllables of the compound words ("quy", "chuẩn"), see :func:`with_syllables`;
    ``folded``: the same tokens without diacritics ("quy_chuan");
    ``doc_numbers``: document-number keys, full and partial ("68_2006_qh11", "68_2006");
    ``pairs``: adjacent words joined by "__" ("công_bố__hợp", "hợp__quy"), so that a phrase
    pyvi does not join ("hợp quy") still matches as a unit, see :func:`word_pairs`.
    """

    tokens: list[str]
    folded: list[str]
    doc_numbers: list[str]
    pairs: list[str]


class Analyzer:
    """Turns text into :class:`Analysed`; the same for documents and queries."""

    def run(self, text: str) -> Analysed:
        """Normalise, segment, lower-case and fold ``text``; collect its document numbers."""
        text = normalize(text)
        words = word_tokens(segment(text))
        tokens = with_syllables(words)
        return Analysed(
            tokens=tokens,
            folded=fold(" ".join(tokens)).split(" ") if tokens else [],
            doc_numbers=doc_keys(text),
            pairs=word_pairs(words),
        )

    def run_many(self, texts: Iterable[str]) -> Iterator[Analysed]:
        """``run`` over many texts, lazily."""
        return (self.run(t) for t in texts)
