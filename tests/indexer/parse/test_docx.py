"""DOCX laws: every article found, metadata from the header, golden clauses and points."""

from __future__ import annotations

import pytest

from indexer.models import Node, ParsedDocument

pytestmark = pytest.mark.slow  # six laws through unstructured: about 15 s on 2 cores


@pytest.mark.parametrize(
    ("doc_id", "number", "title", "articles"),
    [
        ("24-2018-qh14", "24/2018/QH14", "Luật An ninh mạng", 43),
        ("86-2015-qh13", "86/2015/QH13", "Luật An toàn thông tin mạng", 54),
        ("07-2017-qh14", "07/2017/QH14", "Luật Chuyển giao công nghệ", 60),
        ("67-2006-qh11", "67/2006/QH11", "Luật Công nghệ thông tin", 79),
        ("29-2013-qh13", "29/2013/QH13", "Luật Khoa học và công nghệ", 81),
        ("134-2025-qh15", "134/2025/QH15", "Luật Trí tuệ nhân tạo", 35),
    ],
)
def test_every_article_is_found(
    docx_docs: dict[str, ParsedDocument], doc_id: str, number: str, title: str, articles: int
) -> None:
    doc = docx_docs[doc_id]
    numbers = [a.number for a in doc.articles()]
    assert len(numbers) == int(numbers[-1]) == articles
    assert numbers == [str(n) for n in range(1, articles + 1)]
    assert (doc.meta.number, doc.meta.title) == (number, title)
    assert (doc.meta.type, doc.meta.issuer) == ("Luật", "Quốc hội")
    assert doc.meta.legal_bases and doc.meta.legal_bases[0].startswith("Hiến pháp")
    provenance = doc.meta.provenance
    assert provenance is not None and provenance.source == "docx-laws"


def _article(doc: ParsedDocument, number: str) -> Node:
    return next(a for a in doc.articles() if a.number == number)


def _shape(article: Node) -> list[tuple[str, list[str]]]:
    return [(k.number, [p.number for p in k.children]) for k in article.children]


def test_golden_cybersecurity_definitions(docx_docs: dict[str, ParsedDocument]) -> None:
    article = _article(docx_docs["24-2018-qh14"], "2")
    assert article.title == "Giải thích từ ngữ"
    assert article.text == "Trong Luật này, các từ ngữ dưới đây được hiểu như sau:"
    shape = _shape(article)
    assert [k for k, _ in shape] == [str(n) for n in range(1, 15)]
    assert dict(shape)["5"] == ["a", "b", "c", "d"]
    point_c = article.children[4].children[2]
    assert point_c.text.startswith("Dịch vụ, ứng dụng công nghệ thông tin bao gồm")
    assert "Dịch vụ trực tuyến bao gồm chính phủ điện tử" in point_c.text  # continuation line


def test_golden_science_organisations(docx_docs: dict[str, ParsedDocument]) -> None:
    article = _article(docx_docs["29-2013-qh13"], "9")
    assert article.title == "Hình thức và phân loại tổ chức khoa học và công nghệ"
    assert _shape(article) == [("1", ["a", "b", "c"]), ("2", ["a", "b", "c"])]
    assert article.children[1].text == "Tổ chức khoa học và công nghệ được phân loại như sau:"


def test_golden_ai_incidents(docx_docs: dict[str, ParsedDocument]) -> None:
    article = _article(docx_docs["134-2025-qh15"], "12")
    assert article.title.startswith("Trách nhiệm quản lý và xử lý sự cố trí tuệ nhân tạo")
    assert _shape(article) == [("1", []), ("2", ["a", "b"]), ("3", []), ("4", []), ("5", [])]


def test_chapters_and_sections_nest(docx_docs: dict[str, ParsedDocument]) -> None:
    law = docx_docs["29-2013-qh13"]
    assert [n.kind for n in law.nodes] == ["chuong"] * len(law.nodes)
    chapter_two = law.nodes[1]
    assert chapter_two.title == "TỔ CHỨC KHOA HỌC VÀ CÔNG NGHỆ"
    assert chapter_two.children[0].kind == "muc"
    assert chapter_two.children[0].children[0].number == "9"


def test_signature_block_is_not_article_text(docx_docs: dict[str, ParsedDocument]) -> None:
    for doc in docx_docs.values():
        last = doc.articles()[-1].full_text()
        assert "CHỦ TỊCH QUỐC HỘI" not in last
        assert "thông qua ngày" not in last
        assert doc.meta.issued_date is not None
