"""Safe snippets: HTML-escaped text with <mark> around the words that matched the query.

Matching is done on syllables, accented or folded (so "hop quy" marks "hợp quy"), and never
on very common function words. Nothing but ``<mark>`` and ``</mark>`` is left unescaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from indexer.analysis import fold

_WORD = re.compile(r"\w+", re.UNICODE)

#: Function words too common to be worth marking.
STOPWORDS = frozenset(
    "và của các là có được cho với trong theo này những một để khi về thì do từ đến tại "
    "bị hoặc như nào gì không đã sẽ phải người ra vào trên dưới nếu mà".split()
)


def query_syllables(texts: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Accented and folded syllables of the query texts, stop words removed."""
    accented = {
        w.lower() for text in texts for w in _WORD.findall(text.replace("_", " "))
    } - STOPWORDS
    return frozenset(accented), frozenset(fold(w) for w in accented)


def snippet(
    text: str,
    accented: frozenset[str],
    folded: frozenset[str],
    *,
    match_folded: bool,
    window: int = 48,
) -> str:
    """An escaped excerpt of ``text`` of about ``window`` words around the densest matches."""
    words = list(_WORD.finditer(text))
    hits = [
        i
        for i, m in enumerate(words)
        if m.group().lower() in accented or (match_folded and fold(m.group().lower()) in folded)
    ]
    start_word = _best_window_start(hits, len(words), window)
    end_word = min(len(words), start_word + window)
    if not words:
        return html.escape(text)
    start = words[start_word].start() if start_word > 0 else 0
    end = words[end_word - 1].end() if end_word < len(words) else len(text)
    marked = set(hits)
    out: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for i in range(start_word, end_word):
        m = words[i]
        if i in marked:
            out.append(html.escape(text[cursor : m.start()]))
            out.append(f"<mark>{html.escape(m.group())}</mark>")
            cursor = m.end()
    out.append(html.escape(text[cursor:end]))
    if end < len(text):
        out.append("…")
    return "".join(out)


def _best_window_start(hits: list[int], n_words: int, window: int) -> int:
    """Start of the ``window``-word span that holds the most hits (0 when none)."""
    if not hits or n_words <= window:
        return 0
    best_start, best_count, j = 0, 0, 0
    for i, first in enumerate(hits):
        while j < len(hits) and hits[j] < first + window:
            j += 1
        if j - i > best_count:
            best_start, best_count = first, j - i
    return max(0, min(best_start - window // 6, n_words - window))
