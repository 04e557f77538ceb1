"""Find every legal reference in a text, with spans: a pure function, patterns as data.

"khoản 1, 2 Điều 13 Thông tư 28/2012/TT-BKHCN" gives two :class:`Reference` objects, one per
target. A reference without a document ("khoản 3 Điều này", "Điều 7", "Nghị định này") is
relative: its document (and article or clause) come from the context, in the separate step
:func:`indexer.cite.reference_resolve.resolve_references`. The grammar (``references.toml``) is
described in :mod:`indexer.cite.reference_spec`; spans index into the NFC form of the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from indexer.cite.find import find_doc_matches
from indexer.cite.models import DocMatch
from indexer.cite.reference_chain import LEVELS, THIS, Chain, Segment, expand_chain, expand_range
from indexer.cite.reference_models import ContextLevel, DocSource, Reference
from indexer.cite.reference_spec import grammar, law_names, law_number_key

# Repairs before number matching, each keeping the text's length or mapping spans back:
# "196/2006/QĐ- BQP" (space after the hyphen) and "43/2017 NĐ-CP" (space for the slash).
_HYPHEN_GAP = re.compile(r"\d{4}/[A-Za-zĐđ]{1,6}-(\s+)[A-ZĐ]")
_SLASH_GAP = re.compile(r"\d/(?:19|20)\d{2}( )(?:NĐ|QĐ|TT|NQ)-[A-ZĐ]")
# "QCVN 03:2019/XXX": a drafting rule's placeholder for the ministry, never a document.
_PLACEHOLDER = re.compile(r"_x{3}(?:_|$)")
_UnitList = tuple[str, tuple[str, ...], int]  # (level, numbers, end)


@dataclass(frozen=True)
class _Tail:
    """The document after a chain of units: where it ends, how it is named, its key."""

    end: int
    source: DocSource
    key: str | None
    display: str | None


def find_references(text: str) -> list[Reference]:
    """Every reference of ``text`` (NFC), left to right, lists expanded, not yet resolved."""
    text = unicodedata.normalize("NFC", text)
    docs = doc_matches(text)
    refs: list[Reference] = []
    taken: list[tuple[int, int]] = []
    position = 0
    for unit in grammar().unit.finditer(text):
        if unit.start() < position:
            continue
        found = _chain_at(text, unit.start(), docs)
        if found is None:
            continue
        chain, tail = found
        end = tail.end if tail else chain.end
        refs += _chain_references(text, chain, end, tail)
        taken.append((chain.start, end))
        position = end
    refs += _document_mentions(text, docs, taken)
    return sorted(refs, key=lambda r: (r.start, -r.end))


def doc_matches(text: str) -> list[DocMatch]:
    """Document numbers of ``text``, also with a stray space inside ("QĐ- BQP", "43/2017 NĐ")."""
    repaired = _SLASH_GAP.sub(lambda m: m.group().replace(" ", "/", 1), text)
    found = [m for m in find_doc_matches(_squeeze(repaired)) if not _PLACEHOLDER.search(m.ref.key)]
    gaps = [m.span(1) for m in _HYPHEN_GAP.finditer(repaired)]
    if not gaps:
        return found
    index = [i for i in range(len(text)) if not any(a <= i < b for a, b in gaps)] + [len(text)]
    return [
        replace(
            m,
            start=index[m.start],
            end=index[m.end - 1] + 1,
            number_start=index[m.number_start or m.start],
        )
        for m in found
    ]


def _squeeze(text: str) -> str:
    """``text`` without the spaces after the hyphens of numbers."""
    return _HYPHEN_GAP.sub(lambda m: m.group().replace(m.group(1), "", 1), text)


def _unit_list_at(text: str, pos: int) -> _UnitList | None:
    """The unit list at ``pos``: "các khoản 1, 2 và 3", "Điều này", "Điều từ 10 đến 15"."""
    g = grammar()
    unit = g.unit.match(text, pos)
    if unit is None or unit.lastgroup is None:
        return None
    level, end = unit.lastgroup, unit.end()
    if this := g.this.match(text, end):
        return level, (THIS,), this.end()
    if start := g.range_from.match(text, end):
        again = g.unit.match(text, start.end())  # "các điều từ Điều 25 đến Điều 28"
        end = again.end() if again and again.lastgroup == level else start.end()
    first = g.number[level].match(text, end)
    if first is None:
        return None
    numbers, end = [_number(first.group())], first.end()
    while True:
        to = g.range_to.match(text, end)
        sep = to or g.list_sep.match(text, end)
        following = g.number[level].match(text, sep.end()) if sep else None
        if following is None:
            return level, tuple(numbers), end
        value = _number(following.group())
        numbers += list(expand_range(level, numbers.pop(), value)) if to else [value]
        end = following.end()


def _number(raw: str) -> str:
    return raw.rstrip(")").lower()


def _segment_at(text: str, pos: int) -> tuple[Segment, int] | None:
    """Unit lists of one segment, from the lowest level up ("điểm a khoản 2 Điều 4") or, with
    plain spaces only, from the highest down ("Điều 5 khoản 2 điểm a")."""
    first = _unit_list_at(text, pos)
    if first is None:
        return None
    lists = [first]
    while True:
        of = grammar().of.match(text, lists[-1][2])
        following = _unit_list_at(text, of.end()) if of else None
        if of is None or following is None or following[0] in {u[0] for u in lists}:
            break
        rising = LEVELS[following[0]] > LEVELS[lists[-1][0]]
        started = len(lists) < 2 or rising == (LEVELS[lists[1][0]] > LEVELS[lists[0][0]])
        if not started or (not rising and of.group().strip()):
            break
        lists.append(following)
    return {level: numbers for level, numbers, _ in lists}, lists[-1][2]


def _chain_at(text: str, pos: int, docs: list[DocMatch]) -> tuple[Chain, _Tail | None] | None:
    """Segments joined by ",", ";", "và", "đến", up to an optional document tail."""
    found = _segment_at(text, pos)
    if found is None:
        return None
    chain = Chain(segments=[found[0]], ranges=[], start=pos, end=found[1])
    while True:
        tail = _tail_at(text, chain.end, docs)
        if tail is not None:
            return chain, tail
        sep = grammar().chain_sep.match(text, chain.end)
        following = _segment_at(text, sep.end()) if sep else None
        if sep is None or following is None:
            return chain, None
        chain.ranges.append(bool(sep.group("range")))
        chain.segments.append(following[0])
        chain.end = following[1]


def _tail_at(text: str, pos: int, docs: list[DocMatch]) -> _Tail | None:
    g = grammar()
    if this := g.this_doc.match(text, pos):
        return _Tail(this.end(), "this", None, None)
    if issued := g.issued_with.match(text, pos):
        if this := g.this_doc.match(text, issued.end() - 1):
            return _Tail(this.end(), "this", None, None)
        return _number_tail(text, issued.end() - 1, docs)
    if tail := _number_tail(text, pos, docs):
        return tail
    of = g.of_doc.match(text, pos)
    if of and (tail := _name_at(text, of.end(), docs)):
        return tail
    if external := g.external.match(text, pos):
        display = " ".join(external.group(0).split()).removeprefix("của ").strip(", ")
        return _Tail(external.end(), "unknown", None, display)
    return None


def _number_tail(text: str, pos: int, docs: list[DocMatch]) -> _Tail | None:
    """A document number right after ``pos``, with optional "của", type word and "số"."""
    prefix = grammar().doc_prefix
    for m in docs:
        start = m.number_span[0]
        if start >= pos and prefix.fullmatch(text, pos, start):
            return _Tail(m.end, "number", m.ref.key, m.ref.display)
        if start > pos + 60:
            break
    return None


def _name_at(text: str, start: int, docs: list[DocMatch]) -> _Tail | None:
    """A law named in the ``laws`` table at ``start``, with an optional year and an optional
    number, which then gives the key."""
    g = grammar()
    for law in law_names():
        if (named := law.regex.match(text, start)) is None:
            continue
        end, year = named.end(), None
        if dated := g.year.match(text, end):
            end, year = dated.end(), dated.group("year")
        if numbered := _number_tail(text, end, docs):
            return numbered
        display = law.name + (f" năm {year}" if year else "")
        return _Tail(end, "name", law_number_key(law.name, year), display)
    return None


def _chain_references(text: str, chain: Chain, end: int, tail: _Tail | None) -> list[Reference]:
    """One Reference per target of the chain; a unit "này" or a missing or "này" document
    makes the target relative to the context."""
    refs = []
    for article, clause, point in expand_chain(chain):
        own = (article, clause, point)
        if THIS in own or tail is None or tail.source == "this":
            a, c, p = (None if part == THIS else part for part in own)
            source: DocSource = "this" if tail else "context"
            refs.append(
                Reference(
                    chain.start, end, text[chain.start : end], None, None, a, c, p,
                    relative=True, doc_source=source, inherit=_inherit(*own),
                )
            )  # fmt: skip
        else:
            refs.append(
                Reference(
                    chain.start, end, text[chain.start : end], tail.key, tail.display,
                    article, clause, point, doc_source=tail.source,
                )
            )  # fmt: skip
    return refs


def _inherit(article: str | None, clause: str | None, point: str | None) -> ContextLevel:
    """What a relative reference takes from its context."""
    if point == THIS:
        return "point"
    if clause == THIS or (article is None and clause is None):
        return "clause"
    if article in (None, THIS):
        return "article"
    return "document"


def _document_mentions(
    text: str, docs: list[DocMatch], taken: list[tuple[int, int]]
) -> Iterator[Reference]:
    """Documents named outside chains: numbers, laws by name, "Thông tư này"."""

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in taken)

    for m in docs:
        bare = m.ref.kind == "van_ban" and m.ref.key.count("_") < 2
        if not bare and free(m.start, m.end):
            taken.append((m.start, m.end))
            yield Reference(m.start, m.end, text[m.start : m.end], m.ref.key, m.ref.display)
    for law in law_names():
        for named in law.regex.finditer(text):
            tail = _name_at(text, named.start(), docs)
            if tail is not None and free(named.start(), tail.end):
                taken.append((named.start(), tail.end))
                start, end = named.start(), tail.end
                yield Reference(
                    start, end, text[start:end], tail.key, tail.display, doc_source=tail.source
                )
    for this in grammar().this_doc_alone.finditer(text):
        if free(*this.span()):
            yield Reference(
                *this.span(), this.group(), None, None,
                relative=True, doc_source="this", inherit="document",
            )  # fmt: skip
