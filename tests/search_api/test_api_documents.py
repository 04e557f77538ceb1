"""Document views: unique anchors, the table of contents, article lookup, citation links."""

from __future__ import annotations

from indexer.models import DocumentMeta, Node, ParsedDocument
from search_api.documents import (
    Anchors,
    article_label,
    document_detail,
    find_article,
)

META = DocumentMeta(
    id="68-2006-qh11",
    title="Luật Tiêu chuẩn và quy chuẩn kỹ thuật",
    number="68/2006/QH11",
    type="Luật",
)


def _document() -> ParsedDocument:
    clause = Node(
        kind="khoan",
        number="2",
        text="Khoản hai",
        children=[Node(kind="diem", number="a", text="Điểm a")],
    )
    article5 = Node(
        kind="dieu",
        number="5",
        title="Giải thích từ ngữ",
        children=[Node(kind="khoan", number="1"), clause],
    )
    article2a = Node(kind="dieu", number="2a", title="Điều bổ sung")
    chapter = Node(
        kind="chuong", number="I", title="NHỮNG QUY ĐỊNH CHUNG", children=[article2a, article5]
    )
    appendix = Node(
        kind="phu_luc",
        number="",
        title="Mẫu",
        children=[Node(kind="dieu", number="5", title="Điều trong mẫu")],
    )
    return ParsedDocument(meta=META, nodes=[chapter, appendix])


def test_anchors_are_nested_for_clauses_and_points_and_unique() -> None:
    document = _document()
    anchors = Anchors(document)
    names = [anchors[node] for node in document.walk()]
    assert names == [
        "chuong-i",
        "dieu-2a",
        "dieu-5",
        "dieu-5-khoan-1",
        "dieu-5-khoan-2",
        "dieu-5-khoan-2-diem-a",
        "phu-luc-x",
        "dieu-5-2",
    ]


def test_detail_has_a_nested_toc_without_clauses() -> None:
    detail = document_detail(_document())
    chapter = detail.toc[0]
    assert chapter.heading == "Chương I. Những quy định chung"
    assert [e.anchor for e in chapter.children] == ["dieu-2a", "dieu-5"]
    assert chapter.children[1].children == []
    assert detail.nodes[0].children[1].children[1].heading == "2."


def test_find_article_is_case_insensitive_and_takes_the_first() -> None:
    document = _document()
    assert find_article(document, "2A") is document.nodes[0].children[0]
    assert find_article(document, "5") is document.nodes[0].children[1]
    assert find_article(document, "99") is None


def test_article_label_cites_type_and_number() -> None:
    assert article_label(META, "5") == "Điều 5 Luật 68/2006/QH11"
