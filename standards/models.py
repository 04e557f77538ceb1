"""Catalogue records: standards and regulations, nhóm-2 product rows, and their container.

Records are frozen; list-valued fields are tuples of numbers or texts as written in the
source. Dates are ISO ``YYYY-MM-DD`` strings. Nothing here is inferred: a record holds what
its source says (see :mod:`standards.chains` for succession and status with evidence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Any

from standards.keys import record_keys, slug_id
from standards.numbers import Lookup, NumberIndex

_YEAR = re.compile(r"[:\-]\s*((?:19|20)\d{2})(?!\d)")


def number_year(number: str) -> int | None:
    """The first year written in a number ("Sửa đổi 1:2017 QCVN 1:2015/BKHCN" → 2017)."""
    found = _YEAR.search(number)
    return int(found.group(1)) if found else None


@dataclass(frozen=True)
class StandardRecord:
    """A QCVN, TCVN (or TCVN ISO/IEC) or an amendment ("Sửa đổi 1:2017 QCVN 1:2015/BKHCN").

    ``kind`` is "QCVN", "TCVN", "TCVN ISO/IEC" or "amendment"; ``key`` the canonical key
    ("qcvn_4_2009_bkhcn", see :mod:`standards.keys`); ``id`` its URL slug ("qcvn-4-2009-bkhcn");
    ``year`` the year in the number (the amendment's own year for an amendment).
    """

    kind: str
    number: str
    key: str
    id: str
    year: int | None = None
    title_vi: str | None = None
    title_en: str | None = None
    agency: str | None = None
    issuing_document: str | None = None
    issuing_document_title: str | None = None
    issued_date: str | None = None
    effective_date: str | None = None
    status: str | None = None
    status_raw: str | None = None
    replaces: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()
    amendments: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()
    ics: str | None = None
    equivalent: str | None = None
    scope: str | None = None
    notes: tuple[str, ...] = ()
    field: str | None = None
    sources: tuple[str, ...] = ()

    @classmethod
    def create(cls, number: str, kind: str | None = None, **values: Any) -> StandardRecord:
        """A record whose key, id, year (and kind, unless given) come from its number."""
        keys = record_keys(number)
        return cls(
            kind=kind or keys.kind,
            number=number,
            key=keys.key,
            id=slug_id(keys.key),
            year=number_year(number),
            **values,
        )

    @property
    def title(self) -> str | None:
        """The Vietnamese title, else the English one."""
        return self.title_vi or self.title_en

    @property
    def is_amendment(self) -> bool:
        """Whether this is an amendment (sửa đổi) of another record."""
        return self.kind == "amendment"


@dataclass(frozen=True)
class ProductRecord:
    """One row of the nhóm-2 catalogue: a list document, a product item or a note."""

    record_type: str
    list_document: str | None = None
    list_date: str | None = None
    item_no: str | None = None
    product: str | None = None
    hs_codes: tuple[str, ...] = ()
    qcvn: tuple[str, ...] = ()
    legal_basis: tuple[str, ...] = ()
    import_measure: str | None = None
    inspection_agency: str | None = None
    basis: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoadError:
    """A line or row that could not be loaded: file, 1-based line number, reason."""

    path: str
    line: int
    reason: str


_LIST_FIELDS = ("replaces", "replaced_by", "amendments", "amends", "notes", "sources")


def merge(first: StandardRecord, second: StandardRecord) -> StandardRecord:
    """One record from two with the same key: ``second``'s non-empty values win, list
    fields are united in order."""
    values: dict[str, Any] = {}
    for f in fields(StandardRecord):
        a, b = getattr(first, f.name), getattr(second, f.name)
        if f.name in _LIST_FIELDS:
            values[f.name] = tuple(dict.fromkeys((*a, *b)))
        else:
            values[f.name] = b if b not in (None, "") else a
    return StandardRecord(**values)


def _attach_amendments(records: dict[str, StandardRecord]) -> None:
    """Make every base list its amendments and every amendment name its base."""
    for record in [r for r in records.values() if r.amends]:
        for base_number in record.amends:
            base = records.get(record_keys(base_number).key)
            if base and record.number not in base.amendments:
                records[base.key] = replace(base, amendments=(*base.amendments, record.number))
    for record in list(records.values()):
        for number in record.amendments:
            amendment = records.get(record_keys(number).key)
            if amendment and not amendment.amends:
                records[amendment.key] = replace(amendment, amends=(record.number,))


@dataclass
class Catalogue:
    """Standards by key and id, nhóm-2 products, and what could not be loaded."""

    records: list[StandardRecord] = field(default_factory=list)
    products: list[ProductRecord] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    def __post_init__(self) -> None:
        by_key: dict[str, StandardRecord] = {}
        for record in self.records:
            old = by_key.get(record.key)
            by_key[record.key] = merge(old, record) if old else record
        _attach_amendments(by_key)
        self.records = list(by_key.values())
        self._by_key = by_key
        self._by_id = {r.id: r for r in self.records}
        self.index = NumberIndex(self.records)

    @classmethod
    def build(cls, parts: Iterable[Catalogue]) -> Catalogue:
        """One catalogue from several (later parts win on conflicting fields)."""
        parts = list(parts)
        return cls(
            records=[r for p in parts for r in p.records],
            products=[r for p in parts for r in p.products],
            errors=[e for p in parts for e in p.errors],
        )

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[StandardRecord]:
        return iter(self.records)

    def get(self, key_or_id: str) -> StandardRecord | None:
        """The record with this key ("qcvn_4_2009_bkhcn") or id ("qcvn-4-2009-bkhcn")."""
        return self._by_key.get(key_or_id) or self._by_id.get(key_or_id)

    def resolve(self, number: str) -> StandardRecord | None:
        """The record a number as written in the data names (exact key only), or None."""
        return self._by_key.get(record_keys(number).key)

    def lookup(self, text: str) -> Lookup:
        """Forgiving number lookup: exact record, ranked candidates or nothing."""
        return self.index.lookup(text)

    def amendments_of(self, record: StandardRecord) -> list[StandardRecord]:
        """The amendment records of a base record, oldest first."""
        found = [r for r in (self.resolve(n) for n in record.amendments) if r]
        return sorted(found, key=lambda r: (r.year or 0, r.number))

    def base_of(self, record: StandardRecord) -> StandardRecord | None:
        """The record an amendment amends, if it is in the catalogue."""
        return next((b for b in (self.resolve(n) for n in record.amends) if b), None)
