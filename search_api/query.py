"""Query understanding: what a typed query asks for, before any retrieval. Pure functions.

:func:`understand` finds document numbers ("68/2006/QH11", "luật 68/2006"), an article
reference ("điều 23", "khoản 2 điều 5"), a definition question ("X là gì", "thế nào là X",
"định nghĩa X" …), restores diacritics of a query typed without them, and leaves the rest
(the residual) to be matched as text.

Rules: a query with diacritics (share of accented syllables ≥ :data:`MIN_DIACRITIC_RATIO`)
is never rewritten; a query made only of document numbers is never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.accents import AccentModel
from indexer.analysis import diacritic_ratio, fold, normalize
from indexer.cite.find import find_article_match, find_doc_matches
from indexer.cite.models import ArticleRef, DocMatch, DocRef
from indexer.glossary import Glossary, term_key

#: At or above this share of accented syllables a query counts as typed with diacritics.
MIN_DIACRITIC_RATIO = 0.3
MAX_TERM_WORDS = 10

# Question forms, matched on the folded, lower-cased query (so "la gi" = "là gì").
_ASK_BEFORE = (
    r"the nao (?:la|duoc goi la)|khai niem(?: ve| cua)?|dinh nghia(?: ve| cua)?|y nghia cua"
)
_ASK_AFTER = (
    r"la gi|la cai gi|(?:co )?nghia la gi|duoc hieu (?:la gi|nhu the nao)"
    r"|duoc dinh nghia (?:la gi|nhu the nao)|la nhu the nao|hieu the nao"
)
_PREFIX = re.compile(rf"^(?:{_ASK_BEFORE})\s+(?P<term>.+)$")
# "giải thích (từ ngữ) X" asks for X: the lead is atomic and longest first, so never for
# "ngữ X"; "giải thích từ ngữ (trong) Luật Đo lường" asks for a document's definitions article.
_EXPLAIN = re.compile(
    r"^(?>giai thich(?: tu ngu| thuat ngu| tu)?)\s+"
    r"(?!(?:(?:trong|cua|tai) )?(?:luat|nghi dinh|thong tu|quyet dinh)\b)(?P<term>.+)$"
)
_SUFFIX = re.compile(rf"^(?P<term>.+?)\s+(?:{_ASK_AFTER})$")
# Words naming the document just before its number ("Luật số 68/2006/QH11").
_DOC_WORDS = re.compile(
    r"(?:\b(?:bo\s+)?luat|\bnghi\s+dinh|\bthong\s+tu(?:\s+lien\s+tich)?|\bquyet\s+dinh"
    r"|\bnghi\s+quyet|\bvan\s+ban)?\s*(?:\bso\s*:?\s*)?$"
)
# Punctuation and connectors left dangling at the edges once numbers and question words go.
_CONNECTOR = r"(?:theo|cua|tai|trong|thuoc|va|o|ve)"
_EDGES = re.compile(rf"^(?:[\W_]|{_CONNECTOR}\b)+|(?:[\W_]|\b{_CONNECTOR})+$")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class QueryPlan:
    """What a query asks for.

    ``text``: the query through :func:`indexer.analysis.normalize` (NFC, trimmed, whitespace
    collapsed, one tone placement). ``restored``: the query with diacritics put
    back (only for a query typed without them). ``residual``: ``text`` minus document
    numbers, the article reference and question words — what is left to match as text;
    ``restored_residual`` is the same cut of ``restored``. ``definition_term``: the term of a
    definition question, accented when possible (restored, or the glossary's spelling).
    """

    original: str
    text: str
    has_diacritics: bool
    restored: str | None
    doc_refs: list[DocRef]
    article: ArticleRef | None
    definition_term: str | None
    residual: str
    restored_residual: str | None = None


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans blanked out (same length)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _removed_spans(
    text: str, matches: list[DocMatch]
) -> tuple[list[tuple[int, int]], ArticleRef | None]:
    """Spans of document numbers (with the words naming them) and of the article reference."""
    folded = fold(text).lower()
    spans = []
    for match in matches:
        words = _DOC_WORDS.search(folded[: match.start])
        spans.append((words.start() if words else match.start, match.end))
    article = find_article_match(text)
    if article:
        spans.append((article.start, article.end))
    return spans, article.ref if article else None


def _bounds(folded: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    """``(start, end)`` narrowed past edge punctuation, spaces and dangling connectors."""
    end = len(folded) if end is None else end
    while True:
        part = folded[start:end]
        m = _EDGES.search(part)
        if m is None or not m.group():
            return start, end
        if m.start() == 0:
            start += m.end()
        else:
            end = start + m.start()


def _definition_span(folded: str) -> tuple[int, int] | None:
    """Span of the asked term in the folded, masked query, when it is a definition question."""
    span, asked = _bounds(folded), False
    for pattern in (_SUFFIX, _PREFIX, _EXPLAIN):
        m = pattern.match(folded[span[0] : span[1]])
        if m:
            span, asked = (span[0] + m.start("term"), span[0] + m.end("term")), True
    words = folded[span[0] : span[1]].split()
    if not asked or not words or len(words) > MAX_TERM_WORDS:
        return None
    return span


def _clean(text: str) -> str:
    """Whitespace collapsed, edge punctuation and dangling connectors removed."""
    text = " ".join(text.split())
    start, end = _bounds(fold(text).lower())
    return text[start:end]


def _glossary_spelling(term: str, glossary: Glossary) -> str | None:
    """The words of a known term that spell ``term`` (same folded form), accents included."""
    key = term_key(term)
    for known in glossary.lookup(term):
        words = list(re.finditer(r"\w+", known.term))
        size = len(key.split())
        for i in range(len(words) - size + 1):
            window = known.term[words[i].start() : words[i + size - 1].end()]
            if term_key(window) == key:
                return window
    return None


def _term_form(term: str, glossary: Glossary | None, typed_accents: bool) -> str:
    """The asked term as shown: spelt as in the glossary when typed without diacritics,
    sentence capitalisation dropped ("Hợp chuẩn" → "hợp chuẩn", "SI" kept)."""
    if glossary is not None and not typed_accents:
        term = _glossary_spelling(term, glossary) or term
    first = term.split()[0] if term.split() else ""
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        term = term[0].lower() + term[1:]
    return term


def understand(
    text: str, *, accents: AccentModel | None = None, glossary: Glossary | None = None
) -> QueryPlan:
    """Plan a query: document numbers, article, definition term, restored text, residual."""
    clean = normalize(text)
    has_diacritics = diacritic_ratio(clean) >= MIN_DIACRITIC_RATIO
    matches = find_doc_matches(clean)
    spans, article = _removed_spans(clean, matches)
    doc_only = _masked(clean, [(m.start, m.end) for m in matches])
    restored = None
    if accents is not None and not has_diacritics and _LETTER.search(doc_only):
        candidate = accents.restore(clean)
        restored = candidate if candidate != clean else None
    masked = _masked(clean, spans)
    working = _masked(restored, spans) if restored else masked
    definition = _definition_span(fold(masked).lower())
    definition_term = None
    if definition:
        start, end = definition
        residual = _clean(masked[start:end])
        restored_residual = _clean(working[start:end]) if restored else None
        asked = restored_residual or residual
        definition_term = _term_form(asked, glossary, has_diacritics) if asked else None
    else:
        residual = _clean(masked)
        restored_residual = _clean(working) if restored else None
    return QueryPlan(
        original=text,
        text=clean,
        has_diacritics=has_diacritics,
        restored=restored,
        doc_refs=list({m.ref.key: m.ref for m in matches}.values()),
        article=article,
        definition_term=definition_term,
        residual=residual,
        restored_residual=restored_residual,
    )
