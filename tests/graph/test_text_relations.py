"""Relations read from single sentences, all copied from the corpus: (sentence, where it
sits) → the exact set of (kind, source, target) it states; references are left out."""

from __future__ import annotations

import pytest

from graph.mentions import Setting
from graph.models import Edge, Endpoint
from graph.passages import Passage
from graph.text_relations import read_passage
from indexer.cite.reference_models import RefContext

E = Endpoint
Triple = tuple[str, Endpoint, Endpoint]
EFFECTIVE = {"6_2020_tt_bkhcn": "2021-01-15", "41_2018_tt_bgtvt": "2018-09-15"}


def read(text: str, at: Endpoint, source: str = "text", date: str | None = None,
         items: tuple[Passage, ...] = ()) -> list[Edge]:  # fmt: skip
    passage = Passage(at, text, source, items)  # type: ignore[arg-type]
    context = RefContext(at.doc, None, at.article, at.clause, at.point, date)
    return read_passage(Setting(passage, context, None, EFFECTIVE.get)).edges


def triples(edges: list[Edge]) -> set[Triple]:
    return {(e.kind, e.source, e.target) for e in edges}


TT_06_2020 = E("6_2020_tt_bkhcn", "19", "3")
TT_28_2012 = "28_2012_tt_bkhcn"

# fmt: off
CASES: list[tuple[str, Endpoint, str, set[Triple]]] = [
    ("Bãi bỏ các quy định tại khoản 3, 5, 6 Điều 3; khoản 2, 3, 4 Điều 12; điểm b khoản 1, "
     "điểm b khoản 2, điểm b khoản 3 Điều 13;điểm đ khoản 1 Điều 17 Thông tư số "
     "28/2012/TT-BKHCN ngày 12 tháng 12 năm 2012 của Bộ trưởng Bộ Khoa học và Công nghệ quy "
     "định về công bố hợp chuẩn, công bố hợp quy và phương thức đánh giá sự phù hợp với tiêu "
     "chuẩn, quy chuẩn kỹ thuật được sửa đổi, bổ sung tại Thông tư số 02/2017/TT-BKHCN ngày 31 "
     "tháng 3 năm 2017 của Bộ trưởng Bộ Khoa học và Công nghệ sửa đổi, bổ sung một số điều của "
     "Thông tư số 28/2012/TT-BKHCN.", TT_06_2020, "text",
     {("bai_bo", TT_06_2020, E(TT_28_2012, a, c, p)) for a, c, p in [
         ("3", "3", None), ("3", "5", None), ("3", "6", None), ("12", "2", None),
         ("12", "3", None), ("12", "4", None), ("13", "1", "b"), ("13", "2", "b"),
         ("13", "3", "b"), ("17", "1", "đ")]}
     | {("sua_doi_bo_sung", E("2_2017_tt_bkhcn"), E(TT_28_2012))}),
    ("Thay thế quy định báo cáo kết quả tự đánh giá tại điểm b khoản 1 Điều 14 Thông tư số "
     "28/2012/TT-BKHCN được sửa đổi, bổ sung tại Thông tư số 02/2017/TT-BKHCN, thực hiện theo "
     "quy định tại khoản 8 Điều 3 Thông tư này, kể từ ngày Thông tư này có hiệu lực thi hành.",
     E("6_2020_tt_bkhcn", "19", "4"), "text",
     {("thay_the", E("6_2020_tt_bkhcn", "19", "4"), E(TT_28_2012, "14", "1", "b")),
      ("sua_doi_bo_sung", E("2_2017_tt_bkhcn"), E(TT_28_2012))}),
    ("Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 9 năm 2018 và thay thế Thông tư số "
     "39/2016/TT-BGTVT ngày 06 tháng 12 năm 2016 của Bộ trưởng Bộ Giao thông vận tải ban hành "
     "Danh mục sản phẩm, hàng hóa có khả năng gây mất an toàn thuộc trách nhiệm quản lý nhà "
     "nước của Bộ Giao thông vận tải.", E("41_2018_tt_bgtvt", "5", "1"), "text",
     {("thay_the", E("41_2018_tt_bgtvt"), E("39_2016_tt_bgtvt"))}),
    ("Thông tư số 17/2011/TT-BKHCN ngày 30 tháng 6 năm 2011 của Bộ trưởng Bộ Khoa học và Công "
     "nghệ quy định về Giải thưởng Chất lượng Quốc gia và Thông tư số 07/2012/TT-BKHCN ngày 02 "
     "tháng 4 năm 2012 của Bộ trưởng Bộ Khoa học và Công nghệ sửa đổi khoản 2 Điều 7 Thông tư "
     "số 17/2011/TT-BKHCN hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành.",
     E("27_2019_tt_bkhcn", "21", "2"),
     "text",
     {("het_hieu_luc", E("27_2019_tt_bkhcn", "21", "2"), E("17_2011_tt_bkhcn")),
      ("het_hieu_luc", E("27_2019_tt_bkhcn", "21", "2"), E("7_2012_tt_bkhcn")),
      ("sua_doi_bo_sung", E("7_2012_tt_bkhcn"), E("17_2011_tt_bkhcn", "7", "2"))}),
    ("Nghị định sửa đổi một số điều của Nghị định số 127/2007/NĐ-CP ngày 01 tháng 8 năm 2007 "
     "của Chính phủ quy định chi tiết thi hành một số điều của Luật Tiêu chuẩn và Quy chuẩn kỹ "
     "thuật và Nghị định số 132/2008/NĐ-CP ngày 31 tháng 12 năm 2008 của Chính phủ quy định "
     "chi tiết thi hành một số điều của Luật Chất lượng sản phẩm, hàng hóa",
     E("67_2009_nd_cp"), "title",
     {("sua_doi_bo_sung", E("67_2009_nd_cp"), E("127_2007_nd_cp")),
      ("sua_doi_bo_sung", E("67_2009_nd_cp"), E("132_2008_nd_cp")),
      ("quy_dinh_chi_tiet", E("127_2007_nd_cp"), E("68_2006_qh11")),
      ("quy_dinh_chi_tiet", E("132_2008_nd_cp"), E("5_2007_qh12"))}),
    ("Đăng ký kiểm tra nhà nước về chất lượng khí nhập khẩu theo quy định tại khoản 2c Điều 7 "
     "Nghị định số 132/2008/NĐ-CP ngày 31 tháng 12 năm 2008 của Chính phủ quy định chi tiết "
     "thi hành một số điều của Luật Chất lượng sản phẩm, hàng hóa, được sửa đổi, bổ sung tại "
     "khoản 3 Điều 1 Nghị định số 74/2018/NĐ-CP ngày 15 tháng 5 năm 2018 của Chính phủ sửa "
     "đổi, bổ sung một số điều của Nghị định số 132/2008/NĐ-CP ngày 31 tháng 12 năm 2008 của "
     "Chính phủ quy định chi tiết thi hành một số điều của Luật Chất lượng sản phẩm, hàng hóa.",
     E("20_2019_tt_bkhcn", "8", "2"), "text",
     {("quy_dinh_chi_tiet", E("132_2008_nd_cp"), E("5_2007_qh12")),
      ("sua_doi_bo_sung", E("74_2018_nd_cp", "1", "3"), E("132_2008_nd_cp")),
      ("sua_doi_bo_sung", E("74_2018_nd_cp"), E("132_2008_nd_cp"))}),
    ("Trên cơ sở các ý kiến góp ý, ban soạn thảo xử lý, tiếp thu, hoàn chỉnh dự thảo QCVN và "
     "lập hồ sơ dự thảo QCVN theo quy định tại khoản 1 Điều 10 Nghị định số 127/2007/NĐ-CP "
     "được sửa đổi, bổ sung tại khoản 6 Điều 1 Nghị định số 78/2018/NĐ-CP.",
     E("26_2019_tt_bkhcn", "7", "3", "b"),
     "text",
     {("sua_doi_bo_sung", E("78_2018_nd_cp", "1", "6"), E("127_2007_nd_cp", "10", "1"))}),
    ("(Khoản 15 Điều này được bổ sung theo quy định tại Khoản 6 Điều 2 Nghị định số "
     "12/2015/NĐ-CP; Khoản 16 Điều này được bổ sung theo quy định tại Khoản 6 Điều 2 Nghị định "
     "số 12/2015/NĐ-CP, có hiệu lực từ ngày 01 tháng 01 năm 2015)", E("65_2013_nd_cp", "4"), "text",
     {("sua_doi_bo_sung", E("12_2015_nd_cp", "2", "6"), E("65_2013_nd_cp", "4", "15")),
      ("sua_doi_bo_sung", E("12_2015_nd_cp", "2", "6"), E("65_2013_nd_cp", "4", "16"))}),
    ("Luật Tiêu chuẩn và quy chuẩn kỹ thuật số 68/2006/QH11 và Luật sửa đổi số 70/2025/QH15",
     E("37_2026_nd_cp"), "legal_basis",
     {("sua_doi_bo_sung", E("70_2025_qh15"), E("68_2006_qh11"))}),
    ("Thông tư này hướng dẫn trình tự, thủ tục đăng ký sản phẩm mới có khả năng gây mất an "
     "toàn thuộc trách nhiệm quản lý của Bộ Khoa học và Công nghệ đơn vị quy định tại điểm p "
     "khoản 2 Điều 32 Nghị định số 132/2008/NĐ-CP ngày 31/12/2008 của Chính phủ quy định chi "
     "tiết thi hành một số điều của Luật Chất lượng sản phẩm, hàng hoá.",
     E("22_2009_tt_bkhcn", "1", "1"), "text",
     {("huong_dan", E("22_2009_tt_bkhcn"), E("132_2008_nd_cp", "32", "2", "p")),
      ("quy_dinh_chi_tiet", E("132_2008_nd_cp"), E("5_2007_qh12"))}),
    ("Bãi bỏ hiệu lực thi hành của Quyết định số 31/2002/QĐ-BKHCNMT ngày 17 tháng 5 năm 2002 "
     "của Bộ trưởng Bộ Khoa học, Công nghệ và Môi trường (nay là Bộ Khoa học và Công nghệ) về "
     "việc ban hành “Quy định về đo lường đối với các phép đo trong thương mại bán lẻ”.",
     E("28_2013_tt_bkhcn", "41", "2"), "text",
     {("bai_bo", E("28_2013_tt_bkhcn", "41", "2"), E("31_2002_qd_bkhcnmt"))}),
    ("Chính phủ quy định chi tiết Điều này.", E("4_2011_qh13", "9", "3"), "text", set()),
    ("Trường hợp các văn bản quy phạm pháp luật được viện dẫn trong Thông tư này được sửa đổi, "
     "bổ sung hoặc thay thế thì thực hiện theo văn bản mới.",
     E("46_2015_tt_bct", "10"), "text", set()),
    ("Việc sửa đổi, bổ sung, thay thế tiêu chuẩn quốc gia được thực hiện theo trình tự, thủ "
     "tục quy định tại Điều 17 của Luật này trên cơ sở kết quả rà soát hoặc đề nghị của tổ "
     "chức, cá nhân.",
     E("68_2006_qh11", "19", "2"), "text", set()),
    ("Pháp lệnh Đo lường số 16/1999/PL-UBTVQH10 ngày 06 tháng 10 năm 1999, quy định về phí "
     "kiểm định phương tiện đo lường tại Danh mục phí ban hành kèm theo Pháp lệnh về Phí và lệ "
     "phí số 38/2001/PL-UBTVQH10 ngày 28 tháng 8 năm 2001 hết hiệu lực kể từ ngày Luật này có "
     "hiệu lực.",
     E("4_2011_qh13", "57"), "text",
     {("het_hieu_luc", E("4_2011_qh13", "57"), E("16_1999_pl_ubtvqh10"))}),
]
# fmt: on


@pytest.mark.parametrize(("text", "at", "source", "expected"), CASES)
def test_sentence_relations(text: str, at: Endpoint, source: str, expected: set[Triple]) -> None:
    assert triples(read(text, at, source)) == expected


def test_dates_come_from_the_sentence_or_the_acting_document() -> None:
    (replaced,) = read(CASES[2][0], CASES[2][1])
    assert (replaced.date, replaced.date_basis) == ("2018-09-15", "stated")
    repealed = [e for e in read(CASES[0][0], TT_06_2020) if e.kind == "bai_bo"]
    assert {(e.date, e.date_basis) for e in repealed} == {("2021-01-15", "source_in_force")}
    noted = read(CASES[7][0], CASES[7][1])
    assert {(e.date, e.date_basis) for e in noted} == {("2015-01-01", "stated")}


def test_edges_carry_their_sentence_as_evidence() -> None:
    edge = read(CASES[6][0], CASES[6][1])[0]
    assert edge.evidence.text == CASES[6][0]
    assert edge.evidence.at == CASES[6][1] and edge.evidence.source == "text"


def test_an_amendment_of_some_articles_of_a_document_is_partial() -> None:
    edges = read(CASES[4][0], CASES[4][1], "title")
    amends = [e for e in edges if e.kind == "sua_doi_bo_sung"]
    assert {e.effect for e in amends} == {"part"}


def test_a_sentence_announcing_a_list_reads_its_items() -> None:
    at = E("11_2021_tt_bkhcn", "18", "2")
    items = tuple(
        Passage(E(at.doc, "18", "2", point), text)
        for point, text in [
            ("a", "Thông tư số 21/2007/TT-BKHCN ngày 28 tháng 9 năm 2007 của Bộ trưởng Bộ Khoa "
                  "học và Công nghệ hướng dẫn về xây dựng và áp dụng tiêu chuẩn;"),
            ("b", "Thông tư số 29/2011/TT-BKHCN ngày 15 tháng 11 năm 2011 của Bộ trưởng Bộ Khoa "
                  "học và Công nghệ sửa đổi, bổ sung một số quy định của Thông tư số "
                  "21/2007/TT-BKHCN."),
        ]
    )  # fmt: skip
    text = "Các thông tư sau hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành:"
    assert triples(read(text, at, items=items)) == {
        ("het_hieu_luc", at, E("21_2007_tt_bkhcn")),
        ("het_hieu_luc", at, E("29_2011_tt_bkhcn")),
    }
