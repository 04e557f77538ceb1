"""Line patterns of Vietnamese legal documents and technical regulations."""

from __future__ import annotations

import re

_ROMAN = r"[IVXLC]+"
# Structural headings never start with a quote: quoted text is amendment wording.
PHAN = re.compile(rf"^PHẦN\s+(THỨ\s+\S+|{_ROMAN}|\d+)\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
CHUONG = re.compile(rf"^CHƯƠNG\s+({_ROMAN}|\d+[a-zA-Z]?)\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
MUC = re.compile(rf"^MỤC\s+(\d+[a-z]?|{_ROMAN})\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
TIEU_MUC = re.compile(r"^TIỂU MỤC\s+(\d+[a-z]?)\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
DIEU = re.compile(r"^Điều\s*(\d{1,3}[a-zđ]?)(?:\s*[.:]\s*|\s+|$)(.*)$")
PHU_LUC = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ|số)?\s*([IVXLC]+|\d+|[A-Z]\d*))?\b\s*[.:\-–]?\s*(.*)$"
)
# "1 Phạm vi", "1. QUY ĐỊNH CHUNG", "2.3.4 Yêu cầu …" — numbered clauses of a QCVN/TCVN.
SECTION = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){0,5})\.?\s+(\S.*)$")
# "A.1 Nhà sản xuất", "A.2.3 …" — the lettered clauses of Phụ lục A of a QCVN.
APPENDIX_SECTION = re.compile(r"^([A-Z]\.\d{1,2}(?:\.\d{1,3}){0,4})\.?\s+(\S.*)$")
# Table-of-contents lines end with dot leaders and a page number.
TOC_LINE = re.compile(r"(?:\.{4,}|…{2,}|_{4,})\s*\d+\s*$")

# A line starting with one of these opens a new paragraph (when re-joining wrapped lines).
PARAGRAPH_START = re.compile(
    r"^(?:Điều\s*\d|Chương\s|CHƯƠNG\s|Mục\s+\d|MỤC\s|PHẦN\s|Phần\s|PHỤ LỤC|Phụ lục\s"
    r"|\d{1,3}[a-zđ]?\.\s|[a-zđ]\)\s|\d{1,2}(?:\.\d{1,3})+\.?\s|Căn cứ|[-+•]\s)"
)

# Lines that end the body of a legal document (passing formula, signature, recipients).
TAIL = re.compile(
    r"^(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết|Hiến pháp) này (?:đã )?được .{0,120}thông qua"
    r"|Nơi nhận\s*:|(?:TM|KT|TL|TUQ|Q)\.\s+\S"
    r"|(?:CHỦ TỊCH QUỐC HỘI|CHỦ TỊCH NƯỚC|THỦ TƯỚNG|BỘ TRƯỞNG|PHÓ THỦ TƯỚNG|CHỦ NHIỆM)\b)"
)

PHAN_ORDINALS = {
    "nhất": "1", "hai": "2", "ba": "3", "tư": "4", "năm": "5",
    "sáu": "6", "bảy": "7", "tám": "8", "chín": "9", "mười": "10",
}  # fmt: skip


def phan_number(raw: str) -> str:
    """ "THỨ NHẤT" → "1"; roman or arabic numbers are kept as written."""
    words = raw.lower().split()
    if words and words[0] == "thứ" and len(words) > 1:
        return PHAN_ORDINALS.get(words[1], raw)
    return raw
