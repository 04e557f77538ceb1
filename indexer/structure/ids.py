"""Document numbers, stable ids and the natural order of article numbers."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from indexer.analysis import fold

# A số hiệu such as "68/2006/QH11", "19/2014/QĐ-TTg", "06/2013/TTLT-BKHCN-BCT-BCA-BGTVT",
# "21-LCT/HDNN8" or "84-CP". Sources put stray spaces around "/" and after "-"
# ("53 /2025/TT-BCT", "16/2015/TT- BVHTTDL"); lower-case parts ("TTg") are kept.
NUMBER_PATTERN = (
    r"\d+[a-zđ]?(?:\s*/\s*|-\s*)[0-9A-ZĐ][0-9A-Za-zĐđ]*"
    r"(?:(?:\s*/\s*|-\s*)[0-9A-ZĐ][0-9A-Za-zĐđ]*)*"
)
# "QCVN 32:2026/BXD", "QCVN 01:2019/BKHCN", "TCVN 5945:2005", "TCVN 1-2:2008".
STANDARD_PATTERN = r"(?:QCVN|TCVN)\s*\d+(?:-\d+)*\s*:\s*\d{4}(?:\s*/\s*[A-ZĐ][A-Za-zĐđ]*)?"

_LAW_TYPES = ("Luật", "Bộ luật", "Hiến pháp")
_VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def normalize_number(number: str) -> str:
    """Remove stray spaces inside a document number; keep its letters' case."""
    number = unicodedata.normalize("NFC", number.strip())
    standard = re.match(r"(QCVN|TCVN)\s*(.+)$", number)
    if standard:
        return standard.group(1) + " " + re.sub(r"\s+", "", standard.group(2))
    return re.sub(r"\s+", "", number)


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphens: "Luật Hôn nhân và gia đình" → "luat-hon-nhan-va-gia-dinh"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def document_id(
    number: str | None, title: str, doc_type: str | None = None, max_length: int = 80
) -> str:
    """Stable document id: from the number when there is one, else from the (shortened) title.

    Quốc hội numbers ("24/2008/QH12") are shared by a Luật and a Nghị quyết: ids of
    non-law documents with such numbers carry their type ("nghi-quyet-24-2008-qh12").
    """
    if number:
        slug = slugify(number)
        if doc_type not in (None, *_LAW_TYPES) and type_from_number(number) == "Luật":
            return f"{slugify(doc_type or '')}-{slug}"
        return slug
    slug = slugify(title)
    return slug if len(slug) <= max_length else slug[:max_length].rsplit("-", 1)[0]


def file_document_id(stem: str, sha256: str) -> str:
    """Id of a document that names neither a number nor a title: its file name and the start
    of its content's sha256, so that different files never share an id ("a/x.txt" and
    "b/x.txt", "x.txt" and "x.html") and the same file is given the same id again.

    >>> file_document_id("ghi chú", "9f237f7cc4a76fb4")
    'ghi-chu-9f237f7c'
    """
    return f"{document_id(None, stem) or 'van-ban'}-{sha256[:8]}"


def article_sort_key(number: str) -> tuple[int, int, str]:
    """Natural order of article/clause numbers: "2" < "2a" < "2b" < "3"; others sort last."""
    match = re.fullmatch(r"(\d+)([a-zđ]*)", number.strip().lower())
    if not match:
        return (1 << 30, 0, number)
    suffix = match.group(2)
    rank = sum((_VI_LETTERS.find(ch) + 1) * 40**-i for i, ch in enumerate(suffix))
    return (int(match.group(1)), int(rank * 1000), suffix)


@lru_cache(maxsize=1)
def _codes() -> dict[str, dict[str, str]]:
    data = resources.files("indexer.structure").joinpath("codes.toml").read_text("utf-8")
    return tomllib.loads(data)


def type_from_number(number: str) -> str | None:
    """Document type implied by a number ("…/NĐ-CP" → "Nghị định"), if any."""
    if number.startswith(("QCVN", "TCVN")):
        return number[:4]
    parts = re.split(r"[/-]", number)
    for code, name in _codes()["types"].items():
        if any(re.sub(r"\d+$", "", part) == code for part in parts[1:]):
            return name
    return None


# What an issuing body's name starts with (a part of a joint issuer list starts so).
_BODY = re.compile(
    r"(?:Bộ|Ủy ban|Uỷ ban|UBND|Ngân hàng|Tòa án|Viện|Kiểm toán|Thanh tra|Chính phủ|Thủ tướng"
    r"|Quốc hội|Chủ tịch|Văn phòng|Tổng cục|Cục|Hội đồng|Ban)\b"
)


@cache
def _issuer_names() -> re.Pattern[str]:
    names = sorted(set(_codes()["issuers"].values()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def split_issuers(issuer: str) -> list[str]:
    """The issuers of a joint document, whose issuer is their names joined by ", " ("Bộ Khoa
    học và Công nghệ, Bộ Công Thương" → both); any other issuer is one name, commas and all
    ("Bộ Văn hóa, Thể thao và Du lịch")."""
    names = _issuer_names()
    pattern = rf"(?:{names.pattern})(?:, (?:{names.pattern}))*"
    if re.fullmatch(pattern, issuer):
        return list(dict.fromkeys(names.findall(issuer)))
    parts = issuer.split(", ")
    if len(parts) > 1 and all(_BODY.match(p) for p in parts):  # "Bộ KH&CN, Bộ GTVT"
        return list(dict.fromkeys(parts))
    return [issuer]


def issuer_from_number(number: str) -> str | None:
    """Issuer(s) named by the codes after the last "/" ("TT-BKHCN", "QH11", "TTLT-BKHCN-BCT")."""
    issuers = _codes()["issuers"]
    tail = number.rsplit("/", 1)[-1]
    codes = [re.sub(r"\d+$", "", part) for part in tail.split("-")]
    names = [issuers[code] for code in codes if code in issuers]
    return ", ".join(dict.fromkeys(names)) or None
