"""Definitions from "Giải thích từ ngữ" articles and "Thuật ngữ" sections, and their lookup."""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

import pytest
from raw_data import raw

from indexer.glossary import Glossary, Term, extract_terms, parse_definition, term_key
from indexer.models import DocumentMeta, Node, ParsedDocument, ParseFailure


def alqac_document(law: dict[str, Any]) -> ParsedDocument:
    """A law of the ALQAC corpus as a Node tree: "1." lines are khoản, "a)" lines điểm."""
    nodes = []
    for article in law["articles"]:
        title, _, body = article["text"].partition("\n")
        node = Node(kind="dieu", number=article["id"], title=title.strip())
        for line in (x.strip() for x in body.split("\n") if x.strip()):
            if m := re.match(r"(\d+)\.\s+(.*)", line):
                node.children.append(Node(kind="khoan", number=m[1], text=m[2]))
            elif (m := re.match(r"([a-zđ])\)\s+(.*)", line)) and node.children:
                node.children[-1].children.append(Node(kind="diem", number=m[1], text=m[2]))
            elif node.children:
                node.children[-1].text += "\n" + line
            else:
                node.text += ("\n" if node.text else "") + line
        nodes.append(node)
    name = str(law["id"])
    meta = DocumentMeta(id=term_key(name).replace(" ", "-"), title=name, type="Luật")
    return ParsedDocument(meta=meta, nodes=nodes)


@pytest.fixture(scope="module")
def alqac_laws() -> dict[str, ParsedDocument]:
    with gzip.open(raw("alqac2024/law.json.gz"), "rt", encoding="utf-8") as f:
        return {law["id"]: alqac_document(law) for law in json.load(f)}


@pytest.fixture(scope="module")
def field_laws() -> dict[str, ParsedDocument]:
    """The pháp-điển đề mục of the field, rebuilt into original documents by the parser."""
    from indexer.parse import parse_paths

    results = list(parse_paths([raw("phapdien/demuc_selected")]))
    docs = {r.meta.number: r for r in results if isinstance(r, ParsedDocument) and r.meta.number}
    failures = [r for r in results if isinstance(r, ParseFailure)]
    assert {"68/2006/QH11", "05/2007/QH12", "04/2011/QH13"} <= set(docs), failures
    return docs


# fmt: off
LINES = [
    ("Tiêu chuẩn là quy định về đặc tính kỹ thuật.",
     ("Tiêu chuẩn", "quy định về đặc tính kỹ thuật.", [])),
    ("2. Phép đo được hiểu là tập hợp những thao tác.", ("Phép đo", "tập hợp những thao tác.", [])),
    ("Metro: Một loại hình của đường sắt đô thị",
     ("Metro", "Một loại hình của đường sắt đô thị", [])),
    ("Hệ đơn vị đo quốc tế (tiếng Anh: International System of Units) là hệ thống đơn vị đo",
     ("Hệ đơn vị đo quốc tế", "hệ thống đơn vị đo", [])),
    ("Hàng đóng gói sẵn theo định lượng (sau đây gọi là hàng đóng gói sẵn) là hàng hóa được "
     "định lượng",
     ("Hàng đóng gói sẵn theo định lượng", "hàng hóa được định lượng", ["hàng đóng gói sẵn"])),
    ("Hệ thống truyền hình mạch kín (CCTV – Closed Circuit Television): Hệ thống khép kín",
     ("Hệ thống truyền hình mạch kín", "Hệ thống khép kín", ["CCTV"])),
    ("Môi trường bao gồm các yếu tố vật chất tự nhiên và nhân tạo",
     ("Môi trường", "các yếu tố vật chất tự nhiên và nhân tạo", [])),
    ("Trong Luật này, các từ ngữ dưới đây được hiểu như sau:", None),
    ("Các thuật ngữ khác được hiểu theo quy định tại Điều 3 của Luật Đo lường.", None),
    ("Chuẩn đo lường gồm: chuẩn quốc gia, chuẩn chính", None),
    ("Qmin = Qn - T", None),
]

# Real terms of the three field laws → (document, article, clause). Source: the laws' Điều 3.
FIELD_TERMS = [
    ("tiêu chuẩn", "68/2006/QH11", "3", "1"),
    ("quy chuẩn kỹ thuật", "68/2006/QH11", "3", "2"),
    ("hoạt động trong lĩnh vực tiêu chuẩn", "68/2006/QH11", "3", "3"),
    ("đánh giá sự phù hợp", "68/2006/QH11", "3", "5"),
    ("chứng nhận hợp chuẩn", "68/2006/QH11", "3", "6"),
    ("chứng nhận hợp quy", "68/2006/QH11", "3", "7"),
    ("công bố hợp chuẩn", "68/2006/QH11", "3", "8"),
    ("công bố hợp quy", "68/2006/QH11", "3", "9"),
    ("công nhận", "68/2006/QH11", "3", "10"),
    ("sản phẩm", "05/2007/QH12", "3", "1"),
    ("hàng hóa", "05/2007/QH12", "3", "2"),
    ("sản phẩm, hàng hóa nhóm 2", "05/2007/QH12", "3", "4"),
    ("chất lượng sản phẩm, hàng hóa", "05/2007/QH12", "3", "5"),
    ("tổ chức đánh giá sự phù hợp", "05/2007/QH12", "3", "8"),
    ("giám định", "05/2007/QH12", "3", "11"),
    ("chứng nhận", "05/2007/QH12", "3", "12"),
    ("kiểm định", "05/2007/QH12", "3", "13"),
    ("kiểm tra nhà nước về chất lượng sản phẩm, hàng hóa", "05/2007/QH12", "3", "15"),
    ("đo lường", "04/2011/QH13", "3", "1"),
    ("hoạt động đo lường", "04/2011/QH13", "3", "2"),
    ("SI", "04/2011/QH13", "3", "3"),
    ("chuẩn đo lường", "04/2011/QH13", "3", "4"),
    ("chất chuẩn", "04/2011/QH13", "3", "4"),
    ("phương tiện đo", "04/2011/QH13", "3", "5"),
    ("phép đo", "04/2011/QH13", "3", "6"),
    ("hàng đóng gói sẵn", "04/2011/QH13", "3", "7"),
    ("kiểm định", "04/2011/QH13", "3", "8"),
    ("hiệu chuẩn", "04/2011/QH13", "3", "9"),
    ("dấu định lượng", "04/2011/QH13", "3", "13"),
]
# fmt: on


@pytest.mark.parametrize(("line", "expected"), LINES)
def test_parse_definition(line: str, expected: tuple[str, str, list[str]] | None) -> None:
    assert parse_definition(line) == expected


@pytest.mark.parametrize(("term", "number", "article", "clause"), FIELD_TERMS)
def test_field_law_terms_cite_their_article_and_clause(
    field_laws: dict[str, ParsedDocument], term: str, number: str, article: str, clause: str
) -> None:
    doc = field_laws[number]
    found = [t for t in extract_terms(doc) if term_key(t.term) == term_key(term)]
    assert [(t.article, t.clause) for t in found] == [(article, clause)]
    (hit,) = found
    assert hit.citation.label == f"khoản {clause} Điều {article} Luật {number}"
    assert hit.citation.document_number == number
    assert (hit.citation.article, hit.citation.clause) == (article, clause)
    assert hit.doc_id == doc.meta.id
    assert len(hit.definition.split()) >= 5


def test_field_glossary_lookup(field_laws: dict[str, ParsedDocument]) -> None:
    glossary = Glossary(t for doc in field_laws.values() for t in extract_terms(doc))
    assert len(glossary) > 150
    first = glossary.lookup("KIEM DINH")[0]
    assert first.citation.document_number in ("05/2007/QH12", "04/2011/QH13")  # laws first
    inner = glossary.lookup("chuẩn đo lường quốc gia")
    assert inner[0].citation.label == "khoản 4 Điều 3 Luật 04/2011/QH13"
    containing = {t.term for t in glossary.lookup("hợp chuẩn")}
    assert {"Chứng nhận hợp chuẩn", "Công bố hợp chuẩn"} <= containing
    assert glossary.lookup("xyz không có") == []


def test_alqac_definition_articles(alqac_laws: dict[str, ParsedDocument]) -> None:
    terms = {law: extract_terms(doc) for law, doc in alqac_laws.items()}
    marriage = {t.term: t for t in terms["Luật Hôn nhân và gia đình"]}
    assert marriage["Hôn nhân"].definition == "quan hệ giữa vợ và chồng sau khi kết hôn."
    assert marriage["Hôn nhân"].citation.label == "khoản 1 Điều 3 Luật Hôn nhân và gia đình"
    assert terms["Luật Du lịch"][0].term == "Du lịch"
    assert terms["Luật Bảo vệ môi trường"][0].term == "Môi trường"  # "X bao gồm …"
    assert terms["Luật An ninh mạng"][0].term == "An ninh mạng"
    # "Giải thích hợp đồng", "Giải thích giao dịch dân sự" are not definition articles.
    assert {t.article for t in terms["Bộ luật dân sự"]} == set()
    assert sum(len(v) for v in terms.values()) > 200


def test_qcvn_terms_and_sections() -> None:
    section = Node(kind="section", number="1.3", title="Giải thích từ ngữ và chữ viết tắt")
    section.children = [
        Node(kind="section", number="1.3.1", title="Metro", text="Một loại hình của đường sắt."),
        Node(
            kind="section",
            number="1.3.10",
            text="Hệ thống điều khiển tàu tự động (ATC - Automatic Train Control) Hệ thống dùng để",
        ),
    ]
    meta = DocumentMeta(id="qcvn-32-2026-bxd", title="QCVN", number="QCVN 32:2026/BXD")
    terms = extract_terms(ParsedDocument(meta=meta, nodes=[section]))
    assert [(t.term, t.article, t.citation.label) for t in terms] == [
        ("Metro", "1.3.1", "Mục 1.3.1 QCVN 32:2026/BXD"),
        ("Hệ thống điều khiển tàu tự động", "1.3.10", "Mục 1.3.10 QCVN 32:2026/BXD"),
        ("ATC", "1.3.10", "Mục 1.3.10 QCVN 32:2026/BXD"),
    ]
    assert terms[0].citation.section == "1.3.1" and terms[0].citation.article is None


def test_search_and_bytes(alqac_laws: dict[str, ParsedDocument]) -> None:
    glossary = Glossary(t for doc in alqac_laws.values() for t in extract_terms(doc))
    hits = glossary.search("an ninh", limit=5)
    assert hits[0].term == "An ninh mạng"
    assert all(
        term_key(t.term).startswith("an ninh") or " an ninh" in term_key(t.term) for t in hits
    )
    assert len(glossary.search("", limit=7)) == 7
    loaded = Glossary.from_bytes(glossary.to_bytes())
    assert loaded.terms == glossary.terms
    assert isinstance(loaded.terms[0], Term)
    with pytest.raises(ValueError, match="not a glossary"):
        Glossary.from_bytes(gzip.compress(b'{"format": "tdc-accent-model/1"}'))
