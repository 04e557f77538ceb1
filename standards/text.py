"""Words for matching titles, scopes and product names, with or without diacritics.

Every word is kept twice: as written (lower case, normalised: "điện") and folded ("dien").
Folded words decide whether two texts share a word; the written form lets a question typed
with diacritics tell "chì" (lead) from "chỉ" (see :mod:`standards.matching`).
"""

from __future__ import annotations

import re

from indexer.analysis import fold, normalize

_TOKEN = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"[^\W_]+")
# The generic head of a QCVN title ("Quy chuẩn kỹ thuật quốc gia về …", "QCVN: …", the
# "quốc giy" typo of one record) says nothing about its subject.
_TITLE_HEAD = re.compile(
    r"^(?:sua doi \d+\s*:\s*\d{4}\s+qcvn\s+\S+\s+)?quy chuan\s+(?:ky thuat\s+)?quoc gi[ay]\b"
    r"\s*(?:ve\s+ve|ve|doi voi)?\s*[:\-.]?\s*"
)
STOPWORDS = frozenset("ve va cac cho trong cua nhung mot la theo tai hoac duoc nay do".split())


def word_pairs(text: str | None, stop: frozenset[str] = STOPWORDS) -> list[tuple[str, str]]:
    """(word as written, folded word) for the words of ``text``, lower case, in order, stop
    words and "đối với" left out: "Nồi cơm điện" → [("nồi", "noi"), ("cơm", "com"), …]."""
    if not text:
        return []
    words = _WORD.findall(normalize(text).lower())
    pairs = [(w, t) for w in words for t in _TOKEN.findall(fold(w))]
    kept: list[tuple[str, str]] = []
    for i, (word, token) in enumerate(pairs):
        after = pairs[i + 1][1] if i + 1 < len(pairs) else ""
        before = pairs[i - 1][1] if i else ""
        if token in stop or (token, after) == ("doi", "voi") or (before, token) == ("doi", "voi"):
            continue
        kept.append((word, token))
    return kept


def tokens(text: str | None, stop: frozenset[str] = STOPWORDS) -> list[str]:
    """The folded words of ``text`` in order (see :func:`word_pairs`)."""
    return [t for _, t in word_pairs(text, stop)]


def subject(title: str | None) -> str:
    """A QCVN title without its generic head: "… quốc gia về mũ bảo hiểm …" → "mũ bảo hiểm …"."""
    text = normalize(title or "")
    head = _TITLE_HEAD.match(fold(text).lower())
    return text[head.end() :].strip() if head else text


def dice(a: list[str], b: list[str]) -> float:
    """Dice coefficient of two token sets (0 when either is empty)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def title_similarity(a: str | None, b: str | None) -> float:
    """How alike two titles' subjects are (Dice over folded tokens, 0–1)."""
    return dice(tokens(subject(a)), tokens(subject(b)))
