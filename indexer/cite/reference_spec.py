"""The reference grammar of ``references.toml``, compiled once, lazily.

Pieces are regex fragments with their own examples; :func:`grammar` assembles them into the
few regexes the finder needs, and :func:`law_names` gives the laws cited by name.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from indexer.cite.find import find_doc_refs
from indexer.cite.reference_chain import LEVELS

SPEC_PATH = Path(__file__).with_name("references.toml")

_NUMBER_PIECES = {"dieu": "article", "khoan": "clause", "diem": "point"}
# Tone marks (combining) that old and new spellings put on different vowels: hoá / hóa.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_PAIR = re.compile(
    rf"(?<![\u0300-\u036f])([ou])([{_TONES}]?)([aey])([{_TONES}]?)(?![\w\u0300-\u036f])", re.I
)


@lru_cache(maxsize=1)
def reference_spec() -> dict[str, Any]:
    """The parsed ``references.toml``."""
    with SPEC_PATH.open("rb") as f:
        return tomllib.load(f)


def piece(name: str) -> str:
    """The regex of one named piece."""
    return str(reference_spec()["pieces"][name]["regex"])


@dataclass(frozen=True)
class Grammar:
    """The compiled regexes of the reference grammar (all case-insensitive, on NFC text)."""

    unit: re.Pattern[str]
    number: dict[str, re.Pattern[str]]
    this: re.Pattern[str]
    range_from: re.Pattern[str]
    list_sep: re.Pattern[str]
    range_to: re.Pattern[str]
    of: re.Pattern[str]
    chain_sep: re.Pattern[str]
    this_doc: re.Pattern[str]
    this_doc_alone: re.Pattern[str]
    doc_prefix: re.Pattern[str]
    of_doc: re.Pattern[str]
    year: re.Pattern[str]
    issued_with: re.Pattern[str]
    external: re.Pattern[str]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The reference regexes, compiled from the pieces."""

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    types = rf"(?<!ph[áa]p\s)(?:{piece('doc_type')})"
    this_type = rf"(?P<type>{types}|{piece('self_type')})\s+{piece('this')}"
    return Grammar(
        unit=rx("(?<!\\w)(?:" + "|".join(f"(?P<{n}>{piece(n)})" for n in LEVELS) + ")\\s+"),
        number={level: rx(piece(name)) for level, name in _NUMBER_PIECES.items()},
        this=rx(piece("this")),
        range_from=rx(piece("range_from")),
        list_sep=rx(piece("list_sep")),
        range_to=rx(piece("range_to")),
        of=rx(piece("of")),
        chain_sep=rx(
            rf"(?:(?P<range>{piece('range_to')})|{piece('chain_sep')})(?:{piece('range_from')})?"
        ),
        this_doc=rx(piece("of_doc") + this_type),
        this_doc_alone=rx(rf"(?<!\w){this_type}"),
        doc_prefix=rx(rf"{piece('of_doc')}(?:{types}\s*)?{piece('number_word')}"),
        of_doc=rx(piece("of_doc")),
        year=rx(r"\s+năm\s+(?P<year>(?:19|20)\d{2})(?!\d)"),
        issued_with=rx(piece("of_doc") + piece("issued_with")),
        external=rx(
            rf"{piece('of_doc')}(?P<type>(?=(?-i:[BLPNTQCH]))(?:{piece('doc_type')}))\s+"
            rf"(?P<name>{piece('external_name')})"
        ),
    )


@dataclass(frozen=True)
class LawName:
    """A law cited by name: the name's regex, its number and since when it means that number."""

    name: str
    number: str
    since: str
    regex: re.Pattern[str]


def tone_variants(name: str) -> str:
    """A regex matching ``name`` with the tone of "oa/oe/uy" on either vowel (hóa / hoá)."""
    decomposed = unicodedata.normalize("NFD", name)
    out, last = [], 0
    for m in _TONE_PAIR.finditer(decomposed):
        first, tone1, second, tone2 = m.groups()
        tone = tone1 or tone2
        out.append(re.escape(unicodedata.normalize("NFC", decomposed[last : m.start()])))
        if tone:
            a = unicodedata.normalize("NFC", first + tone + second)
            b = unicodedata.normalize("NFC", first + second + tone)
            out.append(f"(?:{re.escape(a)}|{re.escape(b)})")
        else:
            out.append(re.escape(first + second))
        last = m.end()
    out.append(re.escape(unicodedata.normalize("NFC", decomposed[last:])))
    return r"\s+".join("".join(out).split(r"\ "))


@lru_cache(maxsize=1)
def law_names() -> tuple[LawName, ...]:
    """Every (name, number) of the ``laws`` table, longest names first."""
    laws = [
        LawName(
            name=name,
            number=entry["number"],
            since=entry["since"],
            regex=re.compile(rf"(?<!\w){tone_variants(name)}(?!\w)", re.IGNORECASE),
        )
        for entry in reference_spec()["laws"]
        for name in entry["names"]
    ]
    return tuple(sorted(laws, key=lambda law: -len(law.name)))


def law_candidates(name: str, year: str | None = None) -> tuple[LawName, ...]:
    """The entries of the ``laws`` table for ``name`` (of that number year, when given)."""
    laws = (law for law in law_names() if law.name == name)
    return tuple(law for law in laws if year is None or law.number.split("/")[1] == year)


def law_number_key(name: str, year: str | None = None) -> str | None:
    """The document key of a law cited by name, when the name (and year) leave one choice."""
    candidates = law_candidates(name, year)
    return doc_key(candidates[0].number) if len(candidates) == 1 else None


@lru_cache(maxsize=256)
def doc_key(number: str) -> str:
    """The canonical key of a document number ("68/2006/QH11" → "68_2006_qh11")."""
    return find_doc_refs(number)[0].key
