"""Source notes of the Bộ pháp điển: which original document and article an entry comes from.

"(Điều 1 Luật số 68/2006/QH11 Tiêu chuẩn và quy chuẩn kỹ thuật ngày 29/06/2006 của Quốc hội,
có hiệu lực thi hành kể từ ngày 01/01/2007)". The first document named is the one cited; an
amending act named later ("… được sửa đổi, bổ sung bởi Điều 1 Luật số …") is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.structure.ids import NUMBER_PATTERN, issuer_from_number, normalize_number
from indexer.structure.meta import compose_title, find_effective_date, iso_date

_TYPES = (
    "Thông tư liên tịch|Nghị quyết liên tịch|Hiến pháp|Bộ luật|Bộ Luật|Pháp lệnh|Nghị quyết"
    "|Nghị định|Thông tư|Quyết định|Chỉ thị|Sắc lệnh|Luật"
)
_DOC = re.compile(rf"\b(?P<type>{_TYPES})\b\s+(?:số\s+)?(?P<number>{NUMBER_PATTERN})?")
_ARTICLE_BEFORE = re.compile(r"(?:Điều\s+|^\(*\s*)(\d{1,3}[a-zđ]?)\s*$")
_ISSUED = re.compile(
    r"\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+của\s+(?P<issuer>[^,]+?))?\s*(?:,|$)"
)
_TITLE_END = re.compile(r"\s+ngày\s+\d{1,2}/\d{1,2}/\d{4}|\s*,\s*có hiệu lực|\)\s*$")


@dataclass(frozen=True)
class SourceNote:
    """The original document and article named by a source note."""

    article: str | None
    doc_type: str
    number: str | None
    title: str | None
    issuer: str | None
    issued_date: str | None
    effective_date: str | None


def parse_note(note: str) -> SourceNote | None:
    """Parse a source note; None when it names no document."""
    match = _DOC.search(note)
    if not match:
        return None
    name = _TITLE_END.split(note[match.end() :], maxsplit=1)[0].strip(" ,")
    if name.startswith(("này", "(")):
        name = ""
    if not match.group("number") and not name:
        return None
    article = _ARTICLE_BEFORE.search(note[: match.start()])
    doc_type = "Bộ luật" if match.group("type") == "Bộ Luật" else match.group("type")
    number = normalize_number(match.group("number")) if match.group("number") else None
    rest = note[match.end() :]
    own = rest.split("có hiệu lực", 1)[0]  # the cited document's part, before any amending act
    issued = _ISSUED.search(own)
    issuer = None
    if number:
        issuer = issuer_from_number(number)
    if issuer is None and issued and issued.group("issuer"):
        issuer = issued.group("issuer").strip()
    issued_date = iso_date(*issued.groups()[:3]) if issued else None
    return SourceNote(
        article=article.group(1) if article else None,
        doc_type=doc_type,
        number=number,
        title=compose_title(doc_type, name) if name else None,
        issuer=issuer,
        issued_date=issued_date,
        effective_date=find_effective_date(note, issued_date),
    )
