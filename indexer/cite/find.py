"""Find document numbers and article references in Vietnamese legal text.

Document-number patterns are data (``patterns.toml``); they are compiled once, lazily, in
:func:`doc_kinds`. Spans returned by the ``*_matches`` functions index into the NFC form of
the text, which is what :func:`indexer.analysis.normalize` produces.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from indexer.cite.models import ArticleMatch, ArticleRef, DocMatch, DocRef

PATTERNS_PATH = Path(__file__).with_name("patterns.toml")

# Around every template: no word character, "/" or "." before (so "06/2006" inside the date
# "29/06/2006" is not a number), no word character or "/" after.
_BEFORE = r"(?<![\w/.])"
_AFTER = r"(?![\w/])"
_PIECE_REF = re.compile(r"\$([a-z_]+)")
# Every template has a digit followed by "/" or ":", or starts with QCVN/TCVN: a cheap
# pre-check that skips most sentences.
_MAYBE_NUMBER = re.compile(r"\d\s?[/:]|qcvn|tcvn", re.IGNORECASE)


@dataclass(frozen=True)
class DocKind:
    """One kind of document number compiled from ``patterns.toml``."""

    name: str
    order: int
    templates: tuple[str, ...]
    regexes: tuple[re.Pattern[str], ...]
    key: tuple[str, ...]
    partial: tuple[tuple[str, ...], ...]
    examples: tuple[tuple[str, str], ...]
    counter_examples: tuple[str, ...]


@lru_cache(maxsize=1)
def pattern_spec() -> dict[str, Any]:
    """The parsed ``patterns.toml``."""
    with PATTERNS_PATH.open("rb") as f:
        return tomllib.load(f)


def expand_template(template: str, pieces: dict[str, Any]) -> str:
    """Replace every ``$piece`` of a template by its named group; unknown pieces raise."""

    def piece(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in pieces:
            raise ValueError(f"unknown piece ${name} in template {template!r}")
        return f"(?P<{name}>{pieces[name]['regex']})"

    return _BEFORE + _PIECE_REF.sub(piece, template) + _AFTER


@lru_cache(maxsize=1)
def doc_kinds() -> tuple[DocKind, ...]:
    """The document-number kinds, in priority order, with compiled templates."""
    spec = pattern_spec()
    kinds = []
    for order, entry in enumerate(spec["kinds"]):
        templates = tuple(entry["templates"])
        kinds.append(
            DocKind(
                name=entry["kind"],
                order=order,
                templates=templates,
                regexes=tuple(
                    re.compile(expand_template(t, spec["pieces"]), re.IGNORECASE) for t in templates
                ),
                key=tuple(entry["key"]),
                partial=tuple(tuple(p) for p in entry.get("partial", [])),
                examples=tuple((e["text"], e["key"]) for e in entry.get("examples", [])),
                counter_examples=tuple(entry.get("counter_examples", [])),
            )
        )
    return tuple(kinds)


def _key_part(value: str) -> str:
    value = re.sub(r"\s+", "", value.lower()).replace("đ", "d")
    parts = [p for p in re.split(r"[^0-9a-z]+", value) if p]
    return "_".join(str(int(p)) if p.isdigit() else p for p in parts)


def _join_key(m: re.Match[str], pieces: tuple[str, ...]) -> str:
    """Key parts of the pieces present in the match, joined by "_"; absent pieces skipped."""
    values = (m.group(p) for p in pieces if p in m.re.groupindex)
    return "_".join(_key_part(v) for v in values if v)


def _number_span(m: re.Match[str], kind: DocKind) -> tuple[int, int]:
    """From the first to the last key piece of the match."""
    spans = [m.span(p) for p in kind.key if p in m.re.groupindex and m.group(p) is not None]
    return min(s for s, _ in spans), max(e for _, e in spans)


def _display(m: re.Match[str], kind: DocKind) -> str:
    start, end = _number_span(m, kind)
    raw = m.string[start:end]
    text = re.sub(r"\s*([:/])\s*", r"\1", " ".join(raw.split()))
    if not any(c.isupper() for c in text):
        text = text.upper()
    table = pattern_spec()["display"]
    text = re.sub(r"[A-ZĐ]+", lambda t: table.get(t.group(), t.group()), text)
    return re.sub(r"^(qcvn|tcvn)\s?", lambda t: t.group(1).upper() + " ", text, flags=re.I)


def _to_match(m: re.Match[str], kind: DocKind) -> DocMatch:
    key = _join_key(m, kind.key)
    partial: list[str] = []
    for pieces in kind.partial:
        pk = _join_key(m, pieces)
        if pk and pk != key and pk not in partial:
            partial.append(pk)
    ref = DocRef(key=key, display=_display(m, kind), kind=kind.name)
    return DocMatch(
        ref=ref,
        start=m.start(),
        end=m.end(),
        partial_keys=tuple(partial),
        number_start=_number_span(m, kind)[0],
    )


def find_doc_matches(text: str, kinds: tuple[DocKind, ...] | None = None) -> list[DocMatch]:
    """Every document number in ``text`` (NFC), left to right, without overlaps.

    Overlaps are resolved eyecite-style: earliest start, then longest, then kind order.
    """
    text = unicodedata.normalize("NFC", text)
    if not _MAYBE_NUMBER.search(text):
        return []
    candidates: list[tuple[int, int, int, re.Match[str], DocKind]] = []
    for kind in kinds if kinds is not None else doc_kinds():
        for regex in kind.regexes:
            for m in regex.finditer(text):
                candidates.append((m.start(), -m.end(), kind.order, m, kind))
    candidates.sort(key=lambda c: c[:3])
    found: list[DocMatch] = []
    last_end = -1
    for start, _, _, m, kind in candidates:
        if start >= last_end:
            found.append(_to_match(m, kind))
            last_end = m.end()
    return found


def find_doc_refs(text: str) -> list[DocRef]:
    """The distinct document numbers of ``text``, in order of first appearance."""
    seen: dict[str, DocRef] = {}
    for match in find_doc_matches(text):
        seen.setdefault(match.ref.key, match.ref)
    return list(seen.values())


def doc_keys(text: str) -> list[str]:
    """Full and partial keys of every document number in ``text``, deduplicated, in order."""
    return list(dict.fromkeys(k for match in find_doc_matches(text) for k in match.keys))


# Article references. Each word is accepted with or without diacritics ("điều"/"dieu").
_DIEU = r"[đd]i[eềê]u"
_KHOAN = r"kho[aả]n"
_DIEM = r"[đd]i[eểê]m"
_CUA = r"(?:c[uủ]a\s+)?"
# Article numbers may carry a letter ("2a"); a pháp-điển code "19.8.LQ.1" is not an article.
_ARTICLE = r"(?P<article>\d{1,3}[a-zđ]?)(?!\w|\.\d)"
_CLAUSE = r"(?P<clause>\d{1,2})(?!\w)"
_POINT = r"(?P<point>[a-zđ])\)?(?!\w)"


@lru_cache(maxsize=1)
def article_regexes() -> tuple[re.Pattern[str], ...]:
    """Article-reference patterns: "Điều 5 khoản 2 điểm a" and "điểm a khoản 2 Điều 5"."""
    forward = (
        rf"(?<!\w){_DIEU}\s*{_ARTICLE}"
        rf"(?:\s*,?\s*{_KHOAN}\s*{_CLAUSE}(?:\s*,?\s*{_DIEM}\s*{_POINT})?)?"
    )
    backward = (
        rf"(?<!\w)(?:{_DIEM}\s*{_POINT}\s*,?\s*{_CUA})?"
        rf"{_KHOAN}\s*{_CLAUSE}\s*,?\s*{_CUA}{_DIEU}\s*{_ARTICLE}"
    )
    return tuple(re.compile(p, re.IGNORECASE) for p in (forward, backward))


def find_article_match(text: str) -> ArticleMatch | None:
    """The first article reference in ``text`` (NFC) with its span, or None."""
    text = unicodedata.normalize("NFC", text)
    best: re.Match[str] | None = None
    for regex in article_regexes():
        m = regex.search(text)
        if m and (best is None or (m.start(), -m.end()) < (best.start(), -best.end())):
            best = m
    if best is None:
        return None
    point = best.group("point")
    ref = ArticleRef(
        article=best.group("article").lower(),
        clause=best.group("clause"),
        point=point.lower() if point else None,
    )
    return ArticleMatch(ref=ref, start=best.start(), end=best.end())


def find_article_ref(text: str) -> ArticleRef | None:
    """The first article reference in ``text``: "Điều 5 khoản 2", "khoản 2 điều 5", "dieu 23"."""
    match = find_article_match(text)
    return match.ref if match else None
