"""Safe snippets: HTML-escaped text with <mark> around the words that matched the query.

A query's adjacent words are marked where they stand together in the text ("hợp quy" marks
"hợp quy", not the "quy" of every "quy định"); a word that stands alone in the query is marked
wherever it occurs. Matching is on syllables, accented or folded (so "hop quy" marks "hợp
quy"), and never on very common function words. Nothing but ``<mark>`` and ``</mark>`` is
left unescaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from indexer.analysis import fold

_WORD = re.compile(r"\w+", re.UNICODE)

#: Function words too common to be worth marking.
STOPWORDS = frozenset(
    "và của các là có được cho với trong theo này những một để khi về thì do từ đến tại "
    "bị hoặc như nào gì không đã sẽ phải người ra vào trên dưới nếu mà".split()
)


@dataclass(frozen=True)
class QueryMarks:
    """What a snippet marks: syllable pairs that stand together in the query, and syllables
    that stand alone there (between function words or at its ends)."""

    pairs: frozenset[tuple[str, str]]
    singles: frozenset[str]

    def folded(self) -> QueryMarks:
        """The same marks without diacritics."""
        return QueryMarks(
            pairs=frozenset((fold(a), fold(b)) for a, b in self.pairs),
            singles=frozenset(fold(s) for s in self.singles),
        )


def query_marks(texts: Iterable[str]) -> QueryMarks:
    """The :class:`QueryMarks` of the query texts (lower-cased; function words left out)."""
    pairs: set[tuple[str, str]] = set()
    singles: set[str] = set()
    for text in texts:
        syllables = [w.lower() for w in _WORD.findall(text.replace("_", " "))]
        content = [s not in STOPWORDS for s in syllables]
        for i, syllable in enumerate(syllables):
            if not content[i]:
                continue
            before = i > 0 and content[i - 1]
            after = i + 1 < len(syllables) and content[i + 1]
            if after:
                pairs.add((syllable, syllables[i + 1]))
            if not before and not after:
                singles.add(syllable)
    return QueryMarks(frozenset(pairs), frozenset(singles))


def _marked(keys: list[str], together: list[bool], marks: QueryMarks) -> set[int]:
    """Indexes of the words (lower-cased ``keys``; ``together[i]``: only spaces between word
    i and word i + 1) that ``marks`` select."""
    marked = {i for i, key in enumerate(keys) if key in marks.singles}
    for i, pair in enumerate(pairwise(keys)):
        if together[i] and pair in marks.pairs:
            marked.update((i, i + 1))
    return marked


def snippet(text: str, marks: QueryMarks, *, match_folded: bool, window: int = 48) -> str:
    """An escaped excerpt of ``text`` of about ``window`` words around the densest matches;
    with ``match_folded`` the text's words also match the marks without diacritics."""
    words = list(_WORD.finditer(text))
    keys = [m.group().lower() for m in words]
    together = [not text[a.end() : b.start()].strip() for a, b in pairwise(words)]
    marked = _marked(keys, together, marks)
    if match_folded:
        marked |= _marked([fold(k) for k in keys], together, marks.folded())
    hits = sorted(marked)
    start_word = _best_window_start(hits, len(words), window)
    end_word = min(len(words), start_word + window)
    if not words:
        return html.escape(text)
    start = words[start_word].start() if start_word > 0 else 0
    end = words[end_word - 1].end() if end_word < len(words) else len(text)
    out: list[str] = ["…" if start > 0 else ""]
    cursor = start
    i = start_word
    while i < end_word:
        if i not in marked:
            i += 1
            continue
        last = i  # one <mark> over a run of marked words with only spaces between them
        while last + 1 < end_word and last + 1 in marked and together[last]:
            last += 1
        out.append(html.escape(text[cursor : words[i].start()]))
        out.append(f"<mark>{html.escape(text[words[i].start() : words[last].end()])}</mark>")
        cursor = words[last].end()
        i = last + 1
    out.append(html.escape(text[cursor:end]))
    if end < len(text):
        out.append("…")
    return "".join(out)


_TAG = re.compile(r"(<[^>]*>)")


def mark_html(markup: str, marks: QueryMarks, *, match_folded: bool) -> str:
    """Safe HTML ``markup`` (escaped text and tags) with the query's words marked in its
    text, whole; tags are kept as they are (a pair split by a tag is not marked)."""
    parts = _TAG.split(markup)
    for i in range(0, len(parts), 2):  # even parts are text, odd ones tags
        if parts[i]:
            text = html.unescape(parts[i])
            parts[i] = snippet(text, marks, match_folded=match_folded, window=len(text) + 1)
    return "".join(parts)


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
