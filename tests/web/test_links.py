"""Web links: a citation opens the article page at its clause or point anchor."""

from __future__ import annotations

from search_api.schemas import CitationOut
from web.links import citation_href

DOC_ID = "68-2006-qh11"


def test_citation_href_points_at_the_clause_anchor() -> None:
    citation = CitationOut(
        label="Điều 5 khoản 2 điểm a Luật 68/2006/QH11",
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
