"""OCR of image-only PDFs: pages rasterised with pdftoppm, read by Tesseract (``vie``)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytesseract
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from indexer.parse.limits import Limits, RejectedFile
from indexer.structure.blocks import Block
from indexer.structure.patterns import DIEU, PARAGRAPH_START
from indexer.structure.text import clean_line

DPI = 300


def page_count(path: Path) -> int:
    """Number of pages, read with pypdf."""
    try:
        return len(PdfReader(path).pages)
    except (PyPdfError, ValueError, OSError) as exc:
        raise RejectedFile(f"unreadable PDF: {exc}") from exc


def ocr_text(image: Path, *, timeout_s: float) -> str:
    """Tesseract text of one page image in Vietnamese."""
    try:
        return str(pytesseract.image_to_string(str(image), lang="vie", timeout=timeout_s))
    except RuntimeError as exc:  # pytesseract raises RuntimeError on its timeout
        raise RejectedFile(f"OCR timed out after {timeout_s:.0f} s on {image.name}") from exc
    except pytesseract.TesseractNotFoundError as exc:
        raise RejectedFile("OCR needs Tesseract (Debian: tesseract-ocr tesseract-ocr-vie)") from exc


_LEADING_NOISE = re.compile(r"^[-_—~.,;:'\s]+(?=\d{1,3}\.\s|[a-zđ]\)\s)")


def paragraphs(text: str) -> list[str]:
    """Tesseract output as paragraphs: blank lines separate, heading markers start new ones.

    A line right after an article heading ("Điều 1. …") also starts a new paragraph.
    """
    result: list[str] = []
    fresh = True
    for raw in text.splitlines():
        line = _LEADING_NOISE.sub("", clean_line(raw))
        if not line:
            fresh = True
            continue
        if fresh or not result or PARAGRAPH_START.match(line) or DIEU.match(result[-1]):
            result.append(line)
        else:
            result[-1] = f"{result[-1]} {line}"
        fresh = False
    return result


def ocr_pdf(data: bytes, limits: Limits) -> list[Block]:
    """OCR every page (up to ``limits.max_ocr_pages``) of a scanned PDF into blocks."""
    if shutil.which("pdftoppm") is None:
        raise RejectedFile("OCR needs pdftoppm (Debian: poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="kb-ocr-") as tmp:
        pdf = Path(tmp, "scan.pdf")
        pdf.write_bytes(data)
        pages = min(page_count(pdf), limits.max_ocr_pages)
        command = ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-l", str(pages), str(pdf)]
        try:
            subprocess.run([*command, str(Path(tmp, "page"))], check=True, capture_output=True,
                           timeout=limits.timeout_s)  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            # the file's time budget ran out here before the worker pool noticed: same reason
            raise RejectedFile(f"timed out after {limits.timeout_s:.0f} s") from exc
        except subprocess.CalledProcessError as exc:
            raise RejectedFile(f"could not rasterise the PDF for OCR: {exc}") from exc
        blocks: list[Block] = []
        for image in sorted(Path(tmp).glob("page-*.png")):
            blocks.extend(Block(p) for p in paragraphs(ocr_text(image, timeout_s=limits.timeout_s)))
        return blocks
