"""Document metadata from the header, body and tail of a document."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from indexer.models import Node
from indexer.structure.ids import (
    NUMBER_PATTERN,
    STANDARD_PATTERN,
    issuer_from_number,
    normalize_number,
    type_from_number,
)
from indexer.structure.text import sentence_case

# Header words naming the type of a document, longest first.
DOC_TYPES = [
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Bộ luật", "Hiến pháp", "Pháp lệnh",
    "Nghị định", "Nghị quyết", "Thông tư", "Quyết định", "Chỉ thị", "Luật",
]  # fmt: skip
_STANDARD_TYPES = {"QUY CHUẨN KỸ THUẬT QUỐC GIA": "QCVN", "TIÊU CHUẨN QUỐC GIA": "TCVN"}
_NUMBER_LINE = re.compile(rf"\b(?:Luật\s+)?[Ss]ố(?:\s+hiệu)?\s*:\s*({NUMBER_PATTERN})")
_STANDARD = re.compile(STANDARD_PATTERN)
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_DATE_SLASH = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
# "Hà Nội, ngày 30 tháng 12 năm 2024": the place and date line of the header.
_PLACE_DATE = re.compile(r",\s*(ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})")
_EFFECTIVE = re.compile(
    r"có hiệu lực(?: thi hành)?(?: kể)? từ ngày\s+(?:(ký)|(\d{1,2})\s*(?:tháng\s+|/)(\d{1,2})\s*"
    r"(?:năm\s+|/)(\d{4}))"
)
_BASIS = re.compile(r"^Căn cứ(?: vào)?\s+")
_TITLE_STOP = re.compile(
    r"^(?:Căn cứ|Theo đề nghị|Xét đề nghị|Quốc hội ban hành|Chính phủ ban hành"
    r"|MỤC LỤC|Mục lục|LỜI NÓI ĐẦU|Lời nói đầu)"
)


@dataclass
class MetaFields:
    """Metadata found in a document, before the id is derived."""

    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    title: str | None = None
    issued_date: str | None = None
    effective_date: str | None = None
    legal_bases: list[str] = field(default_factory=list)


def iso_date(day: str, month: str, year: str) -> str | None:
    """ "5", "6", "2026" → "2026-06-05"; None when the numbers are not a date."""
    d, m, y = int(day), int(month), int(year)
    if 1 <= d <= 31 and 1 <= m <= 12 and 1900 <= y <= 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def find_date(text: str) -> str | None:
    """The first "ngày 29 tháng 6 năm 2006" or "ngày 29/06/2006" in ``text``."""
    for rx in (_DATE_WORDS, _DATE_SLASH):
        if match := rx.search(text):
            return iso_date(*match.groups())
    return None


def find_effective_date(text: str, issued: str | None) -> str | None:
    """Date from "có hiệu lực (thi hành) (kể) từ ngày …"; "từ ngày ký" gives the issue date."""
    match = _EFFECTIVE.search(text)
    if not match:
        return None
    if match.group(1):
        return issued
    return iso_date(match.group(2), match.group(3), match.group(4))


def _header_type(line: str) -> tuple[str, str] | None:
    """("Luật", rest) when a header line starts with a type word written in capitals."""
    for upper, name in _STANDARD_TYPES.items():
        if line.upper().startswith(upper):
            return name, line
    for name in DOC_TYPES:
        if line.startswith(name.upper()) and (len(line) == len(name) or line[len(name)] == " "):
            return name, line[len(name) :].strip()
    return None


def _legal_bases(lines: Iterable[str]) -> list[str]:
    bases = []
    for line in lines:
        for part in re.split(r";\s*(?=Căn cứ|\S)", line):
            part = part.strip().rstrip(";,.")
            if _BASIS.match(part):
                bases.append(_BASIS.sub("", part))
    return bases


def _trich_yeu(first: list[str], following: list[str]) -> str:
    """The title lines after the type word: same case style, at most three, up to "Căn cứ"."""
    lines = list(first)
    for line in following:
        if _TITLE_STOP.match(line) or len(lines) >= 3:
            break
        if lines and (line == line.upper()) != (lines[0] == lines[0].upper()):
            break
        lines.append(line)
    return sentence_case(" ".join(lines).strip())


def compose_title(doc_type: str | None, trich_yeu: str) -> str | None:
    """ "Luật" + "Khoa học và công nghệ"; other types lower-case a capitalised first word; a
    trích yếu that starts with the type itself does not repeat it."""
    if not trich_yeu:
        return None
    if doc_type is None or doc_type in ("QCVN", "TCVN"):
        return trich_yeu
    if trich_yeu.lower().startswith(doc_type.lower() + " "):  # "Thông tư thông tư về …"
        trich_yeu = trich_yeu[len(doc_type) + 1 :]
    if doc_type != "Luật" and trich_yeu[1:2].islower():
        trich_yeu = trich_yeu[:1].lower() + trich_yeu[1:]
    return f"{doc_type} {trich_yeu}"


def extract_meta(header: list[str], nodes: list[Node], tail: list[str]) -> MetaFields:
    """Metadata of a document from its header lines, its structure and its tail lines."""
    meta = MetaFields()
    head_text = "\n".join(header)
    if match := _STANDARD.search(head_text):
        meta.number = normalize_number(match.group())
    elif match := _NUMBER_LINE.search(head_text):
        meta.number = normalize_number(match.group(1))
    trich_yeu = ""
    for i, line in enumerate(header):
        found = _header_type(line)
        if found:
            meta.type = found[0]
            trich_yeu = _trich_yeu([found[1]] if found[1] else [], header[i + 1 :])
            break
    meta.title = compose_title(meta.type, trich_yeu)
    if meta.number:
        meta.type = meta.type or type_from_number(meta.number)
        meta.issuer = issuer_from_number(meta.number)
    place_date = next((m.group(1) for line in header if (m := _PLACE_DATE.search(line))), "")
    passed = next((line for line in tail if "thông qua" in line), "")
    meta.issued_date = find_date(place_date) or find_date(passed)
    body = "\n".join(n.full_text() for n in nodes if n.kind != "phu_luc")
    meta.effective_date = find_effective_date(body, meta.issued_date)
    meta.legal_bases = _legal_bases(header)
    return meta
