"""Chunks of real documents: unique ids, bounded size, citations of the original."""

from __future__ import annotations

from indexer.chunk import chunk_document
from indexer.models import ParsedDocument


def test_field_chunks(field_docs: dict[str, ParsedDocument]) -> None:
    chunks = [c for d in field_docs.values() for c in chunk_document(d)]
    assert len({c.id for c in chunks}) == len(chunks)
    assert max(len(c.text.split()) for c in chunks) <= 300
    by_id = {c.id: c for c in chunks}
    article = by_id["68-2006-qh11/d23"]
    assert article.citation.label == "Điều 23 Luật 68/2006/QH11"
    assert article.citation.document_title == "Luật Tiêu chuẩn và quy chuẩn kỹ thuật"
    assert article.heading.startswith(
        "Luật Tiêu chuẩn và quy chuẩn kỹ thuật 68/2006/QH11 › Chương II"
    )
    assert article.heading.endswith("Điều 23. Nguyên tắc áp dụng tiêu chuẩn")
    assert article.code == "19.8.LQ.23"
    assert article.citation.url and article.citation.url.endswith("Dieu_23")
    split = [c for c in chunks if c.id.startswith("68-2006-qh11/d3/")]
    assert split and all(c.citation.article == "3" and c.citation.clause for c in split)


def test_qcvn_chunks(text_pdf_docs: dict[str, ParsedDocument]) -> None:
    chunks = chunk_document(text_pdf_docs["qcvn-32-2026-bxd"])
    by_id = {c.id: c for c in chunks}
    scope = by_id["qcvn-32-2026-bxd/s1.1"]
    assert scope.citation.label == "Mục 1.1 QCVN 32:2026/BXD"
    assert scope.text.startswith("Quy chuẩn này quy định về yêu cầu kỹ thuật")
    assert len(by_id) == len(chunks)
