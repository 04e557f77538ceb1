"""Records from the full texts the corpus holds: a QCVN or TCVN text that the catalogue does
not list gets a record of its own, and an amendment its clauses name gets one too.

Only what the text states is used: its number, title, dates and the amendment notes its
clauses carry ("sửa đổi bởi Sửa đổi 1:2023 (Thông tư 09/2023/TT-BXD)", see
:mod:`indexer.structure.amendments`). Every such record says where it comes from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from indexer.models import DocumentMeta, Node
from standards.keys import parse_number, record_keys
from standards.models import StandardRecord

_AMENDED = re.compile(r"sửa đổi bởi (Sửa đổi \d{1,2}(?::\d{4})?)(?: \((.+?)\))?(?:;|$)")
FROM_TEXT = "không có trong danh mục: bản ghi lập từ toàn văn trong cơ sở dữ liệu"


def is_standard_number(number: str | None) -> bool:
    """Whether a document number names one QCVN or TCVN (with its year)."""
    return (
        bool(number)
        and parse_number(number or "", whole=True) is not None
        and (record_keys(number or "").complete)
    )


def _agency(number: str) -> str | None:
    return number.rsplit("/", 1)[1] if "/" in number and number.startswith("QCVN") else None


def _source(meta: DocumentMeta) -> str:
    where = meta.provenance.path if meta.provenance else meta.id
    return f"toàn văn trong cơ sở dữ liệu: {where}"


def text_record(meta: DocumentMeta) -> StandardRecord | None:
    """The record of a stored full text (None when its number is no QCVN/TCVN number)."""
    if not meta.number or not is_standard_number(meta.number):
        return None
    title = meta.title if meta.title and meta.title != meta.number else None
    return StandardRecord.create(
        meta.number,
        title_vi=title,
        agency=_agency(meta.number),
        issued_date=meta.issued_date,
        effective_date=meta.effective_date,
        notes=(FROM_TEXT,),
        sources=(_source(meta),),
    )


def amendment_records(meta: DocumentMeta, nodes: Iterable[Node]) -> list[StandardRecord]:
    """Records of the amendments named by the clause notes of a full text, with how many
    clauses each marks ("Sửa đổi 1:2023 QCVN 06:2022/BXD", issued by Thông tư 09/2023)."""
    if not meta.number or not is_standard_number(meta.number):
        return []
    counts: Counter[tuple[str, str | None]] = Counter()
    for top in nodes:
        for node in top.walk():
            for m in _AMENDED.finditer(node.note or ""):
                counts[(m.group(1), m.group(2))] += 1
    return [
        StandardRecord.create(
            f"{amendment} {meta.number}",
            kind="amendment",
            agency=_agency(meta.number),
            issuing_document=issued_by,
            amends=(meta.number,),
            notes=(f"{n} điều khoản của toàn văn được đánh dấu sửa đổi", FROM_TEXT),
            sources=(_source(meta),),
        )
        for (amendment, issued_by), n in counts.items()
    ]
