"""Structure parser on small hand-written documents: grammar, sequences, metadata, ids."""

from __future__ import annotations

import pytest

from indexer.structure import Block, parse_blocks
from indexer.structure.body import parse_body
from indexer.structure.ids import (
    article_sort_key,
    document_id,
    issuer_from_number,
    normalize_number,
    type_from_number,
)
from indexer.structure.text import clean_line


def _doc(*lines: str):
    return parse_blocks([Block(line) for line in lines], fallback_title="untitled")


HEADER = (
    "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Số: 06/2013/TTLT-BKHCN-BCT-BCA-BGTVT Hà Nội, ngày 05 tháng 3 năm 2013",
    "THÔNG TƯ LIÊN TỊCH",
    "Hướng dẫn kiểm tra chất lượng hàng hóa",
    "Căn cứ Luật Chất lượng sản phẩm, hàng hóa số 05/2007/QH12; "
    "Căn cứ Nghị định số 132/2008/NĐ-CP;",
)


def test_header_metadata() -> None:
    meta = _doc(
        *HEADER, "Điều 1. Phạm vi", "Thông tư này có hiệu lực kể từ ngày 01 tháng 5 năm 2013."
    ).meta
    assert meta.number == "06/2013/TTLT-BKHCN-BCT-BCA-BGTVT"
    assert meta.id == "06-2013-ttlt-bkhcn-bct-bca-bgtvt"
    assert meta.type == "Thông tư liên tịch"
    assert meta.title == "Thông tư liên tịch hướng dẫn kiểm tra chất lượng hàng hóa"
    assert (
        meta.issuer == "Bộ Khoa học và Công nghệ, Bộ Công Thương, Bộ Công an, Bộ Giao thông vận tải"
    )
    assert (meta.issued_date, meta.effective_date) == ("2013-03-05", "2013-05-01")
    assert meta.legal_bases == [
        "Luật Chất lượng sản phẩm, hàng hóa số 05/2007/QH12",
        "Nghị định số 132/2008/NĐ-CP",
    ]


def test_hierarchy_and_tail() -> None:
    doc = _doc(
        *HEADER,
        "PHẦN THỨ NHẤT",
        "QUY ĐỊNH CHUNG",
        "Chương I",
        "PHẠM VI",
        "Mục 1. ĐỐI TƯỢNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Thông tư này quy định:",
        "1. Kiểm tra hàng hóa:",
        "a) nhập khẩu;",
        "b) lưu thông.",
        "2. Xử lý vi phạm.",
        "Điều 2: Hiệu lực",
        "Thông tư này có hiệu lực từ ngày ký.",
        "Nơi nhận:",
        "- Như Điều 2;",
        "PHỤ LỤC I",
        "MẪU BÁO CÁO",
        "Tên tổ chức: ...",
    )
    phan, appendix = doc.nodes
    assert (phan.kind, phan.number, phan.title) == ("phan", "1", "QUY ĐỊNH CHUNG")
    chuong = phan.children[0]
    muc = chuong.children[0]
    assert (chuong.kind, chuong.title, muc.kind, muc.title) == (
        "chuong",
        "PHẠM VI",
        "muc",
        "ĐỐI TƯỢNG",
    )
    first, second = muc.children
    assert first.text == "Thông tư này quy định:"
    assert [(k.number, [p.number for p in k.children]) for k in first.children] == [
        ("1", ["a", "b"]),
        ("2", []),
    ]
    assert (second.number, second.title) == ("2", "Hiệu lực")
    assert "Nơi nhận" not in second.full_text()
    assert (appendix.kind, appendix.number, appendix.title) == ("phu_luc", "I", "MẪU BÁO CÁO")
    assert appendix.text == "Tên tổ chức: ..."
    assert doc.meta.effective_date == doc.meta.issued_date == "2013-03-05"


def test_quoted_and_out_of_sequence_numbers_stay_text() -> None:
    doc = _doc(
        "Điều 1. Sửa đổi, bổ sung",
        "1. Sửa đổi Điều 5 như sau:",
        "“Điều 5. Tên mới",
        "1. Khoản được trích dẫn.",
        "3. Một số khác.",
        "a) điểm một;",
        "a) lặp lại.",
        "2. Khoản thứ hai.",
        "Điều 25 của Luật này được bãi bỏ.",
        "Điều 2. Hiệu lực",
    )
    assert [a.number for a in doc.articles()] == ["1", "2"]
    first = doc.articles()[0]
    assert [k.number for k in first.children] == ["1", "2"]
    assert "“Điều 5. Tên mới" in first.children[0].text
    assert "Điều 25 của Luật này" in first.children[1].text
    assert [p.number for p in first.children[0].children] == ["a"]


def test_inserted_clause_numbers() -> None:
    text, clauses = parse_body(["1. Một.", "2. Hai.", "2a. Hai a.", "3. Ba."])
    assert text == ""
    assert [c.number for c in clauses] == ["1", "2", "2a", "3"]


def test_clause_numbers_may_skip_repealed_ones_only_when_asked() -> None:
    lines = ["1. Một.", "5. Năm.", "6. Sáu."]
    assert [c.number for c in parse_body(lines)[1]] == ["1"]
    assert [c.number for c in parse_body(lines, gaps=True)[1]] == ["1", "5", "6"]
    _, late = parse_body(["2. Hai.", "3. Ba."], gaps=True)  # khoản 1 repealed
    assert [c.number for c in late] == ["2", "3"]
    _, far = parse_body(["1. Một.", "12. Mười hai."], gaps=True)  # a stray number stays text
    assert [c.number for c in far] == ["1"] and "12. Mười hai." in far[0].text


def test_technical_regulation_sections() -> None:
    doc = _doc(
        "QCVN 01:2019/BKHCN",
        "QUY CHUẨN KỸ THUẬT QUỐC GIA",
        "VỀ AN TOÀN",
        "MỤC LỤC",
        "1. QUY ĐỊNH CHUNG ........ 3",
        "1. QUY ĐỊNH CHUNG",
        "1.1 Phạm vi điều chỉnh",
        "Quy chuẩn này quy định mức giới hạn.",
        "1.2 Giải thích từ ngữ",
        "1.2.1 Xăng",
        "Nhiên liệu dùng cho:",
        "a) động cơ;",
        "120 km/h là tốc độ tối đa.",
        "2. QUY ĐỊNH KỸ THUẬT",
        "2.1 Yêu cầu kỹ thuật đối với xăng phải phù hợp với bảng 1.",
        "Phụ lục A",
        "Phương pháp thử",
        "Nội dung phụ lục.",
    )
    meta = doc.meta
    assert (meta.number, meta.id, meta.type, meta.issuer) == (
        "QCVN 01:2019/BKHCN", "qcvn-01-2019-bkhcn", "QCVN", "Bộ Khoa học và Công nghệ",
    )  # fmt: skip
    assert meta.title == "Quy chuẩn kỹ thuật quốc gia về an toàn"
    sections = [(n.number, n.title) for n in doc.walk() if n.kind == "section"]
    assert sections == [
        ("1", "QUY ĐỊNH CHUNG"), ("1.1", "Phạm vi điều chỉnh"), ("1.2", "Giải thích từ ngữ"),
        ("1.2.1", "Xăng"), ("2", "QUY ĐỊNH KỸ THUẬT"), ("2.1", ""),
    ]  # fmt: skip
    petrol = next(n for n in doc.walk() if n.number == "1.2.1")
    assert petrol.text == "Nhiên liệu dùng cho:"
    assert petrol.children[0].text == "động cơ;\n120 km/h là tốc độ tối đa."
    appendix = doc.nodes[-1]
    assert (appendix.kind, appendix.number, appendix.title) == ("phu_luc", "A", "Phương pháp thử")


@pytest.mark.parametrize(
    ("number", "expected_id", "doc_type", "issuer"),
    [
        ("68/2006/QH11", "68-2006-qh11", "Luật", "Quốc hội"),
        ("19/2014/QĐ-TTg", "19-2014-qd-ttg", "Quyết định", "Thủ tướng Chính phủ"),
        ("127/2007/NĐ-CP", "127-2007-nd-cp", "Nghị định", "Chính phủ"),
        ("28/2012/TT-BKHCN", "28-2012-tt-bkhcn", "Thông tư", "Bộ Khoa học và Công nghệ"),
        ("QCVN 32:2026/BXD", "qcvn-32-2026-bxd", "QCVN", "Bộ Xây dựng"),
    ],
)
def test_numbers(number: str, expected_id: str, doc_type: str, issuer: str) -> None:
    assert document_id(number, "") == expected_id
    assert type_from_number(number) == doc_type
    assert issuer_from_number(number) == issuer


def test_ids_from_titles_and_shared_assembly_numbers() -> None:
    assert document_id(None, "Luật Hôn nhân và gia đình") == "luat-hon-nhan-va-gia-dinh"
    assert document_id("24/2008/QH12", "", "Nghị quyết") == "nghi-quyet-24-2008-qh12"
    assert document_id("24/2008/QH12", "", "Luật") == "24-2008-qh12"
    assert len(document_id(None, "Nghị định " + "rất dài " * 40)) <= 80


def test_normalisation() -> None:
    assert normalize_number("53 /2025/TT-BCT") == "53/2025/TT-BCT"
    assert normalize_number("16/2015/TT- BVHTTDL") == "16/2015/TT-BVHTTDL"
    assert normalize_number("QCVN  32 : 2026/BXD") == "QCVN 32:2026/BXD"
    assert clean_line("Đo lu\u031bo\u031b\u0300ng  Iượng\u00a0hàng") == "Đo lường lượng hàng"
    assert clean_line("Тhông tư") == "Thông tư"  # Cyrillic Т
    assert sorted(["3", "2a", "10", "2", "2b"], key=article_sort_key) == [
        "2",
        "2a",
        "2b",
        "3",
        "10",
    ]


def test_appendix_forms_stay_in_their_appendix() -> None:
    doc = _doc(
        "Điều 1. Phạm vi",
        "Nội dung.",
        "Nơi nhận:",
        "Phụ lục I",
        "MẪU VĂN BẢN",
        "Phụ lục I",
        "Mẫu số 01",
        "Phụ lục này, phù hợp với mẫu.",
        "Phụ lục II",
        "DANH MỤC",
    )
    appendices = [(n.number, n.title) for n in doc.nodes if n.kind == "phu_luc"]
    assert appendices == [("I", "MẪU VĂN BẢN"), ("II", "DANH MỤC")]
    assert doc.nodes[1].text == "Phụ lục I\nMẫu số 01\nPhụ lục này, phù hợp với mẫu."


def test_issue_date_comes_from_the_place_line_not_the_title() -> None:
    meta = _doc(
        "CHÍNH PHỦ",
        "Số: /2026/NĐ-CP Hà Nội, ngày tháng năm",
        "NGHỊ ĐỊNH",
        "Quy định chi tiết Nghị quyết số 254/2025/QH15 ngày 11 tháng 12 năm 2025",
        "Điều 1. Phạm vi",
    ).meta
    assert meta.issued_date is None
    assert meta.number is None


def test_points_may_follow_the_latin_alphabet() -> None:
    """Technical regulations letter points a) … e) f) g); "f" is not a Vietnamese letter."""
    vietnamese = ["a) một;", "b) hai;", "c) ba;", "d) bốn;", "đ) năm;", "e) sáu;", "g) bảy."]
    _, points = parse_body(vietnamese, clauses=False)
    assert [p.number for p in points] == ["a", "b", "c", "d", "đ", "e", "g"]
    _, points = parse_body(["a) một;", "b) hai;", "c) ba;", "d) bốn;", "e) năm;", "f) sáu."])
    assert [p.number for p in points] == ["a", "b", "c", "d", "e", "f"]
    _, points = parse_body(["a) một;", "b) hai;", "f) sáu."])
    assert [p.number for p in points] == ["a", "b"]  # three letters skipped: text, not a point


def test_parts_and_lettered_appendix_clauses_of_a_regulation() -> None:
    doc = _doc(
        "QCVN 06:2022/BXD",
        "PHẦN 1 – QUY ĐỊNH CHUNG",
        "1.1 Phạm vi điều chỉnh",
        "1.1.1 Quy chuẩn này quy định yêu cầu.",
        "1.2 Giải thích từ ngữ",
        "PHẦN 2 – PHÂN LOẠI",
        "2.1 Phân nhóm vật liệu",
        "Phần 3 của quy chuẩn này không áp dụng cho nhà kho.",
        "PHỤ LỤC A – QUY ĐỊNH BỔ SUNG",
        "A.1 Nhà sản xuất",
        "A.1.1 Nhà sản xuất dùng cho việc sản xuất.",
        "B.1 không thuộc Phụ lục A.",
        "PHỤ LỤC B – PHÂN LOẠI VẬT LIỆU",
        "B.1 Tính cháy",
    )
    assert [(n.kind, n.number) for n in doc.nodes] == [
        ("phan", "1"), ("phan", "2"), ("phu_luc", "A"), ("phu_luc", "B"),
    ]  # fmt: skip
    assert [c.number for c in doc.nodes[1].children] == ["2.1"]
    assert "Phần 3 của quy chuẩn" in doc.nodes[1].children[0].text
    a1 = doc.nodes[2].children[0]
    assert (a1.number, a1.title, [c.number for c in a1.children]) == (
        "A.1",
        "Nhà sản xuất",
        ["A.1.1"],
    )
    assert "B.1 không thuộc Phụ lục A." in a1.children[0].text
    assert [c.number for c in doc.nodes[3].children] == ["B.1"]


def test_amendment_markers_become_the_status_of_their_clause() -> None:
    legend = "Các điều khoản đánh dấu [SĐ1] đã được sửa đổi theo Thông tư 09/2023/TT-BXD."
    doc = _doc(
        "QCVN 06:2022/BXD",
        legend,
        "1 QUY ĐỊNH CHUNG",
        "1.1 Phạm vi điều chỉnh [SĐ1]",
        "1.2 Đối tượng áp dụng",
        "1.2.1 Quy chuẩn này áp dụng cho nhà ở. [SĐ2]",
    )
    notes = {n.number: (n.title, n.text, n.note) for n in doc.walk() if n.note}
    assert notes == {
        "1.1": ("Phạm vi điều chỉnh", "", "sửa đổi bởi Sửa đổi 1:2023 (Thông tư 09/2023/TT-BXD)"),
        "1.2.1": ("", "Quy chuẩn này áp dụng cho nhà ở.", "sửa đổi bởi Sửa đổi 2"),
    }
