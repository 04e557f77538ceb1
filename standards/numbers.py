"""Forgiving but exact number lookup: one record, ranked candidates, or nothing.

A spelling that names one document completely ("QCVN 04:2009/BKHCN", "qcvn 4-2009 bkhcn",
"Sửa đổi 1:2017 QCVN 1:2015/BKHCN") is an exact hit only when that key is in the catalogue;
when it is not, the records sharing its shorter keys come back as *candidates*, never as a
hit. A partial spelling with a year ("QCVN4:2009", "SĐ1:2017 QCVN 1:2015") is a hit when
exactly one record carries it; a spelling without a year ("tcvn6165", "tcvn iso 9001") always
gives the candidates of every year, newest first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from standards.keys import keys_of, parse_number, record_keys

if TYPE_CHECKING:
    from standards.models import StandardRecord

LookupKind = Literal["exact", "candidates", "none"]
MAX_CANDIDATES = 20


@dataclass(frozen=True)
class Lookup:
    """What a number query found.

    ``kind`` is "exact" (``record`` set; ``amendments`` lists its amendments), "candidates"
    (``candidates`` ranked: same ministry first when one was typed, then newest first) or
    "none". ``key`` is the canonical key of the query, ``reason`` says in Vietnamese why.
    """

    query: str
    kind: LookupKind
    reason: str
    key: str | None = None
    record: StandardRecord | None = None
    candidates: tuple[StandardRecord, ...] = ()
    amendments: tuple[StandardRecord, ...] = ()


def _rank(records: Iterable[StandardRecord], agency: str | None) -> tuple[StandardRecord, ...]:
    def order(r: StandardRecord) -> tuple[bool, int, bool, str]:
        other_agency = bool(agency) and (r.agency or "").lower().replace("đ", "d") != agency
        return (other_agency, -(r.year or 0), r.is_amendment, r.number)

    return tuple(sorted(set(records), key=order)[:MAX_CANDIDATES])


class NumberIndex:
    """Records by full key (and the part keys of multi-part listings) and by partial key."""

    def __init__(self, records: Iterable[StandardRecord]) -> None:
        self.by_key: dict[str, StandardRecord] = {}
        self.by_partial: dict[str, list[StandardRecord]] = defaultdict(list)
        for record in records:
            keys = record_keys(record.number)
            self.by_key[record.key] = record
            for alias in keys.aliases:
                self.by_key.setdefault(alias, record)
            for partial in keys.partials:
                self.by_partial[partial].append(record)

    def _under(self, key: str) -> list[StandardRecord]:
        exact = self.by_key.get(key)
        return [*self.by_partial.get(key, []), *([exact] if exact else [])]

    def _amendments(self, record: StandardRecord) -> tuple[StandardRecord, ...]:
        found = (self.by_key.get(record_keys(n).key) for n in record.amendments)
        return tuple(sorted((r for r in found if r), key=lambda r: (r.year or 0, r.number)))

    def _exact(self, query: str, key: str, record: StandardRecord, reason: str) -> Lookup:
        return Lookup(query, "exact", reason, key, record, amendments=self._amendments(record))

    def lookup(self, query: str) -> Lookup:
        """Look a number up; see the module docstring for the rules."""
        parsed = parse_number(query)
        if parsed is None:
            return Lookup(query, "none", "không nhận ra số hiệu QCVN/TCVN trong câu hỏi")
        nk = keys_of(parsed)
        if nk.key in self.by_key:
            return self._exact(query, nk.key, self.by_key[nk.key], "khớp đúng số hiệu")
        if not nk.complete:
            found = _rank(self._under(nk.key), parsed.agency)
            if len(found) == 1 and nk.has_year:
                return self._exact(query, nk.key, found[0], "số hiệu viết thiếu, chỉ một bản khớp")
            if found:
                why = "số hiệu không ghi năm" if not nk.has_year else "nhiều bản cùng số hiệu"
                return Lookup(
                    query,
                    "candidates",
                    f"{why}: các bản có trong danh mục",
                    nk.key,
                    candidates=found,
                )
        for partial in nk.partials:
            found = _rank(self._under(partial), parsed.agency)
            if found:
                reason = "không có đúng số hiệu này trong danh mục; các bản cùng số hiệu"
                return Lookup(query, "candidates", reason, nk.key, candidates=found)
        if parsed.amendment:
            base = self.by_key.get(keys_of(replace(parsed, amendment=None)).key)
            if base:
                reason = "không có bản sửa đổi này trong danh mục; bản gốc và các bản sửa đổi"
                found = (base, *self._amendments(base))
                return Lookup(query, "candidates", reason, nk.key, candidates=found)
        return Lookup(query, "none", "không có số hiệu này trong danh mục", nk.key)
