"""Chunking: one chunk per article, clause groups for long ones, stable ids and labels."""

from __future__ import annotations

from indexer.chunk import chunk_document
from indexer.models import DocumentMeta, Node, ParsedDocument


def _law(*articles: Node) -> ParsedDocument:
    meta = DocumentMeta(
        id="68-2006-qh11",
        title="Luật Tiêu chuẩn và quy chuẩn kỹ thuật",
        number="68/2006/QH11",
        type="Luật",
    )
    chapter = Node(kind="chuong", number="II", title="TIÊU CHUẨN", children=list(articles))
    return ParsedDocument(meta=meta, nodes=[chapter])


def _clause(number: str, words: int, *points: Node) -> Node:
    return Node(kind="khoan", number=number, text=" ".join(["từ"] * words), children=list(points))


def test_short_article_is_one_chunk() -> None:
    clauses = [_clause("1", 10), _clause("2", 10)]
    article = Node(kind="dieu", number="23", title="Nguyên tắc", code="19.8.LQ.23",
                   url="http://vbpl.vn/x#Dieu_23", children=clauses)  # fmt: skip
    (chunk,) = chunk_document(_law(article))
    assert chunk.id == "68-2006-qh11/d23"
    assert chunk.heading == (
        "Luật Tiêu chuẩn và quy chuẩn kỹ thuật 68/2006/QH11"
        " › Chương II. Tiêu chuẩn › Điều 23. Nguyên tắc"
    )
    assert chunk.text.startswith("1. từ") and "\n2. từ" in chunk.text
    assert chunk.citation.label == "Điều 23 Luật 68/2006/QH11"
    assert (chunk.citation.article, chunk.citation.clause) == ("23", None)
    assert (chunk.citation.url, chunk.code) == ("http://vbpl.vn/x#Dieu_23", "19.8.LQ.23")
    assert chunk.embedding_text().startswith(chunk.heading)


def test_long_article_is_split_by_clause() -> None:
    big_points = [Node(kind="diem", number=p, text=" ".join(["chữ"] * 120)) for p in "abc"]
    article = Node(kind="dieu", number="5", title="Dài", text="Mở đầu:", children=[
        _clause("1", 150), _clause("2", 100), _clause("3", 250), _clause("4", 10, *big_points),
    ])  # fmt: skip
    chunks = chunk_document(_law(article), max_tokens=300)
    assert [c.id for c in chunks] == [
        "68-2006-qh11/d5/k1-2",
        "68-2006-qh11/d5/k3",
        "68-2006-qh11/d5/k4/pa-b",
        "68-2006-qh11/d5/k4/pc",
    ]
    assert chunks[0].text.startswith("Mở đầu:\n1. từ")
    assert [c.citation.label for c in chunks] == [
        "khoản 1, 2 Điều 5 Luật 68/2006/QH11",
        "khoản 3 Điều 5 Luật 68/2006/QH11",
        "điểm a, b khoản 4 Điều 5 Luật 68/2006/QH11",
        "điểm c khoản 4 Điều 5 Luật 68/2006/QH11",
    ]
    assert (chunks[1].citation.clause, chunks[2].citation.point) == ("3", "a-b")
    assert all(len(c.text.split()) <= 300 for c in chunks)
    assert [c.ordinal for c in chunks] == [0, 1, 2, 3]


def test_untitled_law_and_sections_and_appendix() -> None:
    alqac = ParsedDocument(
        meta=DocumentMeta(id="luat-hon-nhan-va-gia-dinh", title="Luật Hôn nhân và gia đình"),
        nodes=[Node(kind="dieu", number="3", title="Giải thích từ ngữ", text="Nội dung.")],
    )
    (chunk,) = chunk_document(alqac)
    assert chunk.citation.label == "Điều 3 Luật Hôn nhân và gia đình"
    assert chunk.citation.document_number is None
    assert chunk.citation.document_title == "Luật Hôn nhân và gia đình"
    qcvn = ParsedDocument(
        meta=DocumentMeta(id="qcvn-32-2026-bxd", title="Quy chuẩn", number="QCVN 32:2026/BXD",
                          type="QCVN"),
        nodes=[
            Node(kind="section", number="2", title="KỸ THUẬT", children=[
                Node(kind="section", number="2.3.4", title="Trang bị", text="Phải có."),
            ]),
            Node(kind="phu_luc", number="1", title="Bảng", text="Dòng | Cột"),
        ],
    )  # fmt: skip
    section, appendix = chunk_document(qcvn)
    assert section.id == "qcvn-32-2026-bxd/s2.3.4"
    assert section.citation.label == "Mục 2.3.4 QCVN 32:2026/BXD"
    assert section.citation.section == "2.3.4"
    assert section.heading == "Quy chuẩn QCVN 32:2026/BXD › 2 Kỹ thuật › 2.3.4 Trang bị"
    assert (appendix.id, appendix.citation.label) == (
        "qcvn-32-2026-bxd/pl1",
        "Phụ lục 1 QCVN 32:2026/BXD",
    )
