"""Canonical keys of QCVN, TCVN and amendment numbers, from any reasonable spelling.

One scheme serves the loaders (:func:`record_keys`, the key of every record) and the lookup
(:func:`number_key`, the key of what a user typed). A tolerant pre-normaliser (:func:`parse_number`)
reads spellings such as "qcvn 4-2009 bkhcn", "QCVN4:2009", "SĐ1:2017 QCVN 1:2015" or
"Sửa đổi 01:2018 QCVN 09:2012/BKHCN"; the key of the number it rewrites is taken from
:mod:`indexer.cite.find` (the same scheme as the rest of the knowledge base: lower case,
đ→d, leading zeros dropped, parts joined by "_", e.g. "qcvn_1_2019_bkhcn") when the pattern
there recognises the whole number, and from the same scheme applied directly otherwise
(four-digit QCVN numbers such as "QCVN 1618:2016/BGTVT", parts with letters "6238-4A").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.analysis import fold, normalize
from indexer.cite.find import find_doc_matches

# Ministry suffixes accepted after a space or "-" ("qcvn 4:2009 bkhcn"); after "/" any word is.
AGENCIES = frozenset(
    "bkhcn byt bxd bct btttt bnnptnt btnmt bgtvt bca bqp bldtbxh bvhttdl bnnmt bkhdt btc "
    "bnv bgddt btp bng nhnn".split()
)
_AMEND = r"(?:sua\s*doi|sd)\s*(?P<an>\d{1,2})(?:\s*[:/-]\s*|\s+)?(?P<ay>(?:19|20)\d{2})?"
_NUMBER = (
    r"(?P<series>qcvn|tcvn)\s*(?:(?P<intl>(?:iso|iec)(?:\s*/\s*(?:iso|iec))*)\s*)?"
    r"(?P<no>\d{1,5}(?:\s*-\s*\d{1,3}[a-z]?(?!\d))*)"
    r"(?:(?:\s*[:-]\s*|\s+)(?P<year>(?:19|20)\d{2})(?!\d))?"
    r"(?:\s*/\s*(?P<ag>[a-z&]{2,})|[\s-]+(?P<ag2>[a-z]{2,}))?"
)
_PREFIXED = re.compile(rf"(?:{_AMEND}\s*(?:cua\s+)?)?{_NUMBER}")
_SUFFIXED = re.compile(rf"{_NUMBER}\s*,?\s*{_AMEND}")
_SO = re.compile(r"\bso\s*(?:hieu\s*)?:?\s*(?=\d|qcvn|tcvn)")


@dataclass(frozen=True)
class ParsedNumber:
    """The parts of a QCVN/TCVN number (lower case, folded); absent parts are None."""

    series: str
    number: str
    intl: str | None = None
    year: str | None = None
    agency: str | None = None
    amendment: str | None = None
    amendment_year: str | None = None

    def base_text(self, year: bool = True, agency: bool = True) -> str:
        """The base number written canonically ("qcvn 4:2009/bkhcn"), parts optionally left out."""
        text = f"{self.series} {self.intl + ' ' if self.intl else ''}{self.number}"
        if year and self.year:
            text += f":{self.year}"
            if agency and self.agency:
                text += f"/{self.agency}"
        return text


@dataclass(frozen=True)
class NumberKey:
    """The canonical key of a number and the shorter keys it is also found under.

    ``partials`` go from the most to the least specific: without the ministry, without the
    year, and for a TCVN with parts ("7391-1") the bare number ("tcvn_7391").
    ``complete`` says whether the spelling names one document (year, and ministry for a QCVN,
    and year of the amendment for an amendment).
    """

    key: str
    partials: tuple[str, ...]
    kind: str
    complete: bool
    has_year: bool
    aliases: tuple[str, ...] = ()


def _clean(text: str) -> str:
    text = fold(normalize(text)).lower().replace("–", "-").replace("—", "-")
    return " ".join(_SO.sub("", text).split())


def _groups(m: re.Match[str]) -> ParsedNumber:
    agency = m.group("ag") or (m.group("ag2") if m.group("ag2") in AGENCIES else None)
    intl = re.sub(r"\s+", "", m.group("intl")) if m.group("intl") else None
    return ParsedNumber(
        series=m.group("series"),
        number=re.sub(r"\s+", "", m.group("no")),
        intl=intl,
        year=m.group("year"),
        agency=agency if m.group("year") and m.group("series") == "qcvn" else None,
        amendment=m.group("an"),
        amendment_year=m.group("ay"),
    )


def _first(cleaned: str, whole: bool) -> re.Match[str] | None:
    if whole:
        found = [m for m in (_SUFFIXED.fullmatch(cleaned), _PREFIXED.fullmatch(cleaned)) if m]
    else:
        found = [m for m in (_SUFFIXED.search(cleaned), _PREFIXED.search(cleaned)) if m]
    return min(found, key=lambda m: (m.start(), -m.end())) if found else None


def parse_number(text: str, whole: bool = False) -> ParsedNumber | None:
    """The first QCVN/TCVN number (with an amendment before or after it) in ``text``;
    with ``whole``, only a number that is all of ``text``."""
    found = _first(_clean(text), whole)
    return _groups(found) if found else None


def number_rest(text: str) -> str | None:
    """What ``text`` says besides its first QCVN/TCVN number (folded, lower case), or None
    when it holds none: "tra cứu QCVN 4:2009/BKHCN" → "tra cuu".

    >>> number_rest("qcvn 4-2009 bkhcn"), number_rest("Sửa đổi 1:2017 QCVN 1:2015/BKHCN")
    ('', '')
    """
    cleaned = _clean(text)
    found = _first(cleaned, whole=False)
    if found is None:
        return None
    return " ".join(f"{cleaned[: found.start()]} {cleaned[found.end() :]}".split())


def key_of(text: str) -> str:
    """The ``indexer.cite`` key of a canonically written number (see the module docstring)."""
    matches = find_doc_matches(text)
    if len(matches) == 1 and (matches[0].start, matches[0].end) == (0, len(text)):
        return matches[0].ref.key
    parts = [p for p in re.split(r"[^0-9a-z]+", text) if p]
    return "_".join(str(int(p)) if p.isdigit() else p for p in parts)


def _base_keys(p: ParsedNumber) -> list[str]:
    keys = [key_of(p.base_text()), key_of(p.base_text(agency=False)), key_of(p.base_text(False))]
    if p.series == "tcvn" and "-" in p.number:
        keys.append(key_of(p.base_text(False).rsplit(" ", 1)[0] + " " + p.number.split("-")[0]))
    return list(dict.fromkeys(keys))


def kind_of(p: ParsedNumber) -> str:
    """The kind of a number: amendment, QCVN, TCVN ISO/IEC (TCVN ISO 9001 too) or TCVN."""
    if p.amendment:
        return "amendment"
    if p.series == "qcvn":
        return "QCVN"
    return "TCVN ISO/IEC" if p.intl else "TCVN"


def keys_of(p: ParsedNumber) -> NumberKey:
    """Key, partial keys and completeness of a parsed number."""
    base = _base_keys(p)
    complete = bool(p.year) and (p.series == "tcvn" or bool(p.agency))
    if p.amendment:
        heads = [f"sua_doi_{int(p.amendment)}"]
        if p.amendment_year:
            heads.insert(0, f"{heads[0]}_{p.amendment_year}")
        keys = [f"{h}_{b}" for h in heads for b in base]
        complete = complete and bool(p.amendment_year)
    else:
        keys = base
    return NumberKey(keys[0], tuple(keys[1:]), kind_of(p), complete, bool(p.year))


def number_key(text: str) -> NumberKey | None:
    """Key of the number written in ``text``, or None when it holds no QCVN/TCVN number."""
    parsed = parse_number(text)
    return keys_of(parsed) if parsed else None


_LISTING = re.compile(
    r"(?P<head>tcvn(?: iso(?:/iec)?)?) (?P<no>\d+)[-:]"
    r"(?P<parts>[\d\s,.\-a-z]+?)(?::(?P<year>\d{4}))?"
)


def record_keys(number: str) -> NumberKey:
    """Keys of a catalogue number as written. A number that is not one plain number
    ("TCVN 13937-1,2,3:2024", "TCVN 7568 (các phần …)") is keyed by its slug; the parts it
    lists give it aliases ("tcvn_13937_2_2024") and partial keys ("tcvn_13937_2", "tcvn_13937")."""
    parsed = parse_number(number, whole=True)
    if parsed:
        return keys_of(parsed)
    prefix = parse_number(number)
    kind = kind_of(prefix) if prefix else "TCVN"
    parts = [keys_of(p) for p in listed_parts(number)]
    aliases = tuple(k.key for k in parts if k.complete)
    partials = tuple(
        dict.fromkeys(p for k in parts for p in (k.key, *k.partials) if p not in aliases)
    )
    has_year = any(k.has_year for k in parts)
    return NumberKey(key_of(_clean(number)), partials, kind, True, has_year, aliases)


def listed_parts(number: str) -> list[ParsedNumber]:
    """The parts named by a multi-part listing: "TCVN 13937-1,2,3:2024" → 13937-1, -2, -3
    (with the year); "TCVN 4617-1 đến 6:2018" → parts 1 to 6."""
    m = _LISTING.fullmatch(_clean(number))
    if not m:
        return []
    spec = m.group("parts")
    span = re.fullmatch(r"(\d+)\s*den\s*(\d+)", spec.strip())
    if span:
        names = [str(i) for i in range(int(span.group(1)), int(span.group(2)) + 1)]
    else:
        names = [p for p in re.split(r"[\s,.]+", spec) if p]
    year = f":{m.group('year')}" if m.group("year") else ""
    texts = [f"{m.group('head')} {m.group('no')}-{name}{year}" for name in names]
    return [p for p in (parse_number(t, whole=True) for t in texts) if p]


def slug_id(key: str) -> str:
    """The URL id of a key: "qcvn_4_2009_bkhcn" → "qcvn-4-2009-bkhcn"."""
    return key.replace("_", "-")
