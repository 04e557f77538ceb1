"""Dates stated in legal sentences: "có hiệu lực thi hành kể từ ngày 01/01/2019", "hết hiệu
lực kể từ ngày 01 tháng 7 năm 2026", "kể từ ngày Thông tư này có hiệu lực"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.structure.meta import iso_date

_DATE = r"(\d{1,2})\s*(?:/|\s+tháng\s+)(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})"
_FROM = r"(?:(?:có\s+)?hiệu\s+lực(?:\s+thi\s+hành)?\s+)?(?:kể\s+)?từ\s+ngày\s+"
_STATED = re.compile(_FROM + _DATE, re.IGNORECASE)
_ON_SOURCE_IN_FORCE = re.compile(
    _FROM + r"(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?"
    r"|Quyết định|Chỉ thị)\s+này|văn\s+bản\s+này)\s+có\s+hiệu\s+lực",
    re.IGNORECASE,
)
# "Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 01 năm 2021": a document's own date.
OWN_EFFECTIVE = re.compile(
    r"(?:^|[.;]\s*)(?:\d+\.\s*)?(?P<type>Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết"
    r"|Thông tư(?: liên tịch)?|Quyết định|Chỉ thị)\s+này\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?"
    r"\s+(?:kể\s+)?từ\s+ngày\s+(?:(?P<signed>ký)|" + _DATE + ")",
)


@dataclass(frozen=True)
class StatedDate:
    """A date found in a sentence: an ISO date, or "the source's entry into force"."""

    iso: str | None
    on_source_in_force: bool = False


def date_after(text: str, start: int = 0, end: int | None = None) -> StatedDate | None:
    """The first date phrase in ``text[start:end]``."""
    window = text[start:end]
    stated = _STATED.search(window)
    relative = _ON_SOURCE_IN_FORCE.search(window)
    if relative and (stated is None or relative.start() < stated.start()):
        return StatedDate(None, on_source_in_force=True)
    if stated:
        return StatedDate(iso_date(*stated.groups()))
    return None


def own_effective_date(text: str, issued: str | None = None) -> str | None:
    """The date from which the document containing ``text`` says it is in force; "kể từ ngày
    ký" is its issue date."""
    match = OWN_EFFECTIVE.search(text)
    if match is None:
        return None
    if match.group("signed"):
        return issued
    return iso_date(*match.groups()[2:])
