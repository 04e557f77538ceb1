"""PDF: QCVN numbered clauses from the text layer; OCR of scans (Tesseract, vie)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from parse_data import parse_all, raw
from PIL import Image
from rapidfuzz.distance import Levenshtein

from indexer.models import ParsedDocument
from indexer.parse.pdf import pdf_text_blocks, read_pages
from indexer.structure import parse_blocks


def _path(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def test_qcvn_clauses_come_out_in_order(text_pdf_docs: dict[str, ParsedDocument]) -> None:
    qcvn = text_pdf_docs["qcvn-32-2026-bxd"]
    assert qcvn.meta.number == "QCVN 32:2026/BXD"
    assert (qcvn.meta.type, qcvn.meta.issuer) == ("QCVN", "Bộ Xây dựng")
    assert qcvn.meta.title == "Quy chuẩn kỹ thuật quốc gia về đường sắt đô thị - loại hình metro"
    sections = [n for n in qcvn.walk() if n.kind == "section"]
    numbers = [_path(s.number) for s in sections]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert [s.number for s in qcvn.nodes] == ["1", "2", "3", "4"]
    titles = {s.number: s.title for s in sections}
    assert titles["1"] == "QUY ĐỊNH CHUNG"
    assert titles["1.1"] == "Phạm vi điều chỉnh"
    assert titles["1.2"] == "Đối tượng áp dụng"
    assert titles["1.3"] == "Giải thích từ ngữ và chữ viết tắt"
    assert titles["1.3.1"] == "Metro"
    assert titles["2"] == "QUY ĐỊNH VỀ KỸ THUẬT"
    assert titles["2.1.3"] == "Tốc độ khai thác"
    assert len(sections) > 200
    metro = next(s for s in sections if s.number == "1.3.1")
    assert [p.number for p in metro.children] == ["a", "b", "c"]


def test_text_pdf_decree(text_pdf_docs: dict[str, ParsedDocument]) -> None:
    decree = text_pdf_docs["49-2026-nd-cp"]
    assert decree.meta.number == "49/2026/NĐ-CP"
    assert (decree.meta.type, decree.meta.issuer) == ("Nghị định", "Chính phủ")
    assert decree.meta.issued_date == "2026-01-31"
    numbers = [a.number for a in decree.articles()]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
    assert decree.meta.title.startswith("Nghị định quy định chi tiết và hướng dẫn một số điều")
    assert any(
        b.startswith("Luật Tổ chức Chính phủ số 63/2025/QH15") for b in decree.meta.legal_bases
    )


@pytest.mark.slow
def test_scanned_pdf_is_read_by_ocr() -> None:
    docs, failures = parse_all(raw("docs_original_formats/pdf/199-2026-ND-CP.signed_SCANNED.pdf"))
    assert failures == []
    (doc,) = docs.values()
    assert doc.meta.number == "199/2026/NĐ-CP"
    text = "\n".join(n.full_text() for n in doc.nodes)
    assert "Nghị định này quy định về chính sách hỗ trợ phục vụ" in text
    assert [a.number for a in doc.articles()][:2] == ["1", "2"]


@pytest.mark.slow
def test_ocr_matches_the_text_layer(tmp_path: Path) -> None:
    """Rasterise two pages of a text PDF into an image-only PDF; OCR must match the text layer."""
    source = raw("docs_original_formats/pdf/49-2026-ND-CP.pdf")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "300",
            "-gray",
            "-png",
            "-f",
            "2",
            "-l",
            "3",
            str(source),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    images = [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob("p-*.png"))]
    scan = tmp_path / "scan.pdf"
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=300)
    layer = parse_blocks(pdf_text_blocks(read_pages(source.read_bytes())[1:3]), fallback_title="")
    docs, failures = parse_all(scan)
    assert failures == []
    (ocr,) = docs.values()
    assert [a.number for a in ocr.articles()] == [a.number for a in layer.articles()]
    cer = Levenshtein.normalized_distance(_text(layer), _text(ocr))
    print(f"OCR character error rate on 2 rasterised pages: {cer:.3f}")
    assert cer < 0.05


def _text(doc: ParsedDocument) -> str:
    return " ".join(" ".join(f"{n.title} {n.text}" for n in doc.walk()).split())
