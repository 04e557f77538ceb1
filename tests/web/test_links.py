"""Web links: a citation opens the article page at its clause or point anchor."""

from __future__ import annotations

from search_api.schemas import CitationOut
from web.links import citation_href

DOC_ID = "68-2006-qh11"


def test_citation_href_points_at_the_clause_anchor() -> None:
    citation = CitationOut(
        label="điểm a khoản 2 Điều 5 Luật 68/2006/QH11",
        document_number="68/2006/QH11",
        document_title="Luật Tiêu chuẩn và quy chuẩn kỹ thuật",
        article="5",
        clause="2",
        point="a",
    )
    assert citation_href(DOC_ID, citation) == "/van-ban/68-2006-qh11/dieu/5#dieu-5-khoan-2-diem-a"
    section = CitationOut(
        label="Mục 2.1 QCVN", document_number=None, document_title="QCVN", section="2.1"
    )
    assert citation_href("qcvn-1", section) == "/van-ban/qcvn-1#muc-2-1"


def test_a_clause_range_opens_at_its_first_clause() -> None:
    """ "khoản 1, 2 Điều 13" is one chunk; "#dieu-13-khoan-1-2" names no node."""
    citation = CitationOut(
        label="khoản 1, 2 Điều 13 Thông tư 28/2012/TT-BKHCN",
        document_number="28/2012/TT-BKHCN",
        document_title="Thông tư quy định về công bố hợp chuẩn, công bố hợp quy",
        article="13",
        clause="1-2",
    )
    assert citation_href("28-2012-tt-bkhcn", citation).endswith("/dieu/13#dieu-13-khoan-1")
    points = citation.model_copy(update={"clause": "4", "point": "đ-g"})
    assert citation_href("28-2012-tt-bkhcn", points).endswith("#dieu-13-khoan-4-diem-dd")
