"""PDF text layers read with pdfminer.six; image-only PDFs go to OCR.

``unstructured``'s PDF partitioner imports ``unstructured_inference`` (torch, layout
models) at module level even for the ``fast`` strategy, so the same pdfminer engine that
strategy uses is called directly here. Lines are re-joined into paragraphs: a line that
stops short of the right margin ends its paragraph, and a heading marker starts a new one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from io import BytesIO

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTPage, LTTextContainer, LTTextLine
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from indexer.parse.limits import Limits, RejectedFile
from indexer.structure.blocks import Block
from indexer.structure.patterns import PARAGRAPH_START
from indexer.structure.text import clean_line

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:Trang\s+)?\d{1,4}(?:\s*-)?$|^\d+\s*/\s*\d+$")
_MIN_CHARS_PER_PAGE = 100


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float


def _page_lines(page: LTPage) -> list[_Line]:
    """Lines top to bottom, left to right: legal texts are one column, boxes come unordered."""
    lines: list[_Line] = []
    for box in page:
        if not isinstance(box, LTTextContainer):
            continue
        for line in box:
            if isinstance(line, LTTextLine):
                text = clean_line(line.get_text())
                if text:
                    lines.append(_Line(text, line.x0, line.x1, line.y1))
    return sorted(lines, key=lambda ln: (-round(ln.top / 3), ln.x0))


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and text == text.upper()


def read_pages(data: bytes) -> list[list[_Line]]:
    """Text lines of each page, in pdfminer's reading order."""
    try:
        return [_page_lines(page) for page in extract_pages(BytesIO(data), laparams=LAParams())]
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise RejectedFile(f"unreadable PDF: {type(exc).__name__}: {exc}") from exc


def is_scanned(pages: list[list[_Line]]) -> bool:
    """True when the text layer is (almost) empty: an image-only scan."""
    chars = sum(len(line.text) for page in pages for line in page)
    return chars < _MIN_CHARS_PER_PAGE * max(len(pages), 1)


def _running_lines(pages: list[list[_Line]]) -> set[str]:
    """Header/footer lines: the same first or last line on at least half of the pages."""
    if len(pages) < 3:
        return set()
    edges = Counter(text for page in pages for text in {page[0].text, page[-1].text} if page)
    return {text for text, count in edges.items() if count >= len(pages) / 2}


def pdf_text_blocks(pages: list[list[_Line]]) -> list[Block]:
    """Paragraph blocks from page lines, without page numbers and running headers."""
    running = _running_lines(pages)
    paragraphs: list[str] = []
    short = True
    for index, page in enumerate(pages):
        lines = [
            ln
            for ln in page
            if not _PAGE_NUMBER.match(ln.text) and not (index > 0 and ln.text in running)
        ]
        if not lines:
            continue
        left = min(ln.x0 for ln in lines)
        right = max(ln.x1 for ln in lines)
        width = right - left
        for line in lines:
            starts = (
                short
                or not paragraphs
                or PARAGRAPH_START.match(line.text)
                or line.x0 > left + 0.2 * width  # centred or right-aligned: a line of its own
                or _is_caps(line.text)
            )
            if starts:
                paragraphs.append(line.text)
            else:
                paragraphs[-1] = f"{paragraphs[-1]} {line.text}"
            short = line.x1 < right - 0.08 * width or _is_caps(line.text)
    return [Block(p) for p in paragraphs]


def pdf_blocks(data: bytes, limits: Limits) -> tuple[list[Block], bool]:
    """Blocks of a PDF and whether OCR produced them."""
    if not data.startswith(b"%PDF"):
        raise RejectedFile("not a PDF file (missing %PDF header)")
    pages = read_pages(data)
    if not pages:
        raise RejectedFile("PDF has no pages")
    if is_scanned(pages):
        from indexer.parse.ocr import ocr_pdf

        return ocr_pdf(data, limits), True
    return pdf_text_blocks(pages), False
