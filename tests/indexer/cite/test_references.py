"""Table tests for the reference finder and resolver (eyecite style: text → expected targets)."""

from __future__ import annotations

import pytest

from indexer.cite.reference_models import RefContext, Reference
from indexer.cite.reference_resolve import resolve_reference, resolve_references
from indexer.cite.references import find_references

Target = tuple[str | None, str | None, str | None, str | None]

# The context of most cases: Điều 5 khoản 2 of NĐ 127/2007/NĐ-CP.
ND_127 = RefContext(
    doc_key="127_2007_nd_cp",
    doc_display="127/2007/NĐ-CP",
    article="5",
    clause="2",
    date="2007-08-01",
)


def t(doc: str | None, article: str | None = None, clause: str | None = None,
      point: str | None = None) -> Target:  # fmt: skip
    return (doc, article, clause, point)


def here(article: str | None = None, clause: str | None = None, point: str | None = None) -> Target:
    return t("127_2007_nd_cp", article, clause, point)


def resolved(text: str, context: RefContext = ND_127) -> list[Target]:
    return [r.target for r in resolve_references(find_references(text), context)]


# fmt: off
CASES: list[tuple[str, list[Target]]] = [
    ("khoản 2 Điều 5 Nghị định số 127/2007/NĐ-CP", [t("127_2007_nd_cp", "5", "2")]),
    ("Điều 23 của Luật này", [here("23")]),
    ("Nghị định này", [here()]),
    ("Thông tư này", [here()]),
    ("Điều 5 Luật Tiêu chuẩn và quy chuẩn kỹ thuật", [t("68_2006_qh11", "5")]),
    ("Điều 5, 6 và 7", [here("5"), here("6"), here("7")]),
    ("các Điều từ 10 đến 15", [here(str(n)) for n in range(10, 16)]),
    ("các khoản 1, 2 Điều 3", [here("3", "1"), here("3", "2")]),
    ("điểm a khoản 1", [here("5", "1", "a")]),
    ("điểm a, b khoản 2 Điều 4", [here("4", "2", "a"), here("4", "2", "b")]),
    ("khoản 1, 2 Điều 13 Thông tư 28/2012/TT-BKHCN",
     [t("28_2012_tt_bkhcn", "13", "1"), t("28_2012_tt_bkhcn", "13", "2")]),
    ("khoản 3 Điều này", [here("5", "3")]),
    ("Điều 7", [here("7")]),
    ("Điều này", [here("5")]),
    ("khoản này", [here("5", "2")]),
    ("điểm a", [here("5", "2", "a")]),
    ("điểm c khoản này", [here("5", "2", "c")]),
    ("Điều 5 khoản 2 điểm a", [here("5", "2", "a")]),
    ("khoản 3 của Điều 12", [here("12", "3")]),
    ("khoản 1,2 Điều 33", [here("33", "1"), here("33", "2")]),
    ("từ điểm c đến điểm e khoản 1 Điều 15", [here("15", "1", p) for p in ("c", "d", "đ", "e")]),
    ("các điểm từ điểm h đến điểm k khoản này", [here("5", "2", p) for p in "hik"]),
    ("Điều 2a và khoản 2c Điều 7", [here("2a"), here("7", "2c")]),
    ("Nghị định số 78/2018/NĐ-CP", [t("78_2018_nd_cp")]),
    ("Quyết định số 19/2014/QĐ-TTg", [t("19_2014_qd_ttg")]),
    ("Thông tư liên tịch số 06/2013/TTLT-BKHCN-BCT-BCA-BGTVT",
     [t("6_2013_ttlt_bkhcn_bct_bca_bgtvt")]),
    ("Luật số 35/2018/QH14", [t("35_2018_qh14")]),
    ("QCVN 01:2019/BKHCN và TCVN 5945:2005", [t("qcvn_1_2019_bkhcn"), t("tcvn_5945_2005")]),
    ("Điều 3 Luật Ngân sách nhà nước", [t("1_2002_qh11", "3")]),
    ("khoản 4 Điều 169 của Bộ luật Lao động", [t(None, "169", "4")]),
    ("Nghị định số 43/2017 NĐ-CP", [t("43_2017_nd_cp")]),
    ("Nghị định 127/2007", [t("127_2007")]),
    ("điều kiện kinh doanh, thang điểm 10, Điều 19.8.LQ.1, khoản tiền", []),
    ("Điều 2.9.2 Hiệp định TBT", []),
    ("QCVN 03:2019/XXX về an toàn đồ chơi trẻ em", []),
    ("theo quy định của pháp luật này", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_and_resolve(text: str, expected: list[Target]) -> None:
    assert resolved(text) == expected


def test_lists_share_the_span_of_the_whole_reference() -> None:
    text = "theo quy định tại các khoản 1, 2 Điều 13 Thông tư 28/2012/TT-BKHCN;"
    refs = find_references(text)
    assert len(refs) == 2
    start = text.index("khoản")
    assert {r.span for r in refs} == {(start, len(text) - 1)}
    assert refs[0].text == "khoản 1, 2 Điều 13 Thông tư 28/2012/TT-BKHCN"


def test_found_references_are_unresolved_until_the_context_is_given() -> None:
    (ref,) = find_references("khoản 3 Điều này")
    assert ref.relative and ref.target_doc_key is None and ref.inherit == "article"
    assert (ref.article, ref.clause) == (None, "3")
    assert resolve_reference(ref, ND_127).target == here("5", "3")
    assert resolve_reference(ref, RefContext(doc_key="x")).target_doc_key is None


def test_a_relative_reference_whose_context_lacks_the_level_stays_unresolved() -> None:
    article_only = RefContext(doc_key="5_2007_qh12", article="46")
    assert resolved("khoản này", article_only) == [t(None)]
    assert resolved("khoản 2", article_only) == [t("5_2007_qh12", "46", "2")]


def test_a_law_by_name_means_the_law_in_force_at_the_citing_date() -> None:
    text = "Luật Ngân sách nhà nước"
    assert resolved(text, RefContext(date="2010-01-01")) == [t("1_2002_qh11")]
    assert resolved(text, RefContext(date="2020-04-17")) == [t("83_2015_qh13")]
    assert resolved(text, RefContext()) == [t(None)]  # two laws, no date: not guessed
    assert resolved("Luật Đo lường", RefContext(date="2005-01-01")) == [t(None)]  # before it
    assert resolved("Luật Đo lường", RefContext()) == [t("4_2011_qh13")]


def test_a_year_after_the_name_picks_the_law() -> None:
    assert resolved("Luật Ngân sách nhà nước năm 2015", RefContext()) == [t("83_2015_qh13")]


def test_a_lookup_completes_partial_keys() -> None:
    refs = find_references("Điều 13 Nghị định 127/2007")
    full = {"127_2007": "127_2007_nd_cp"}
    assert [r.target for r in resolve_references(refs, ND_127, full.get)] == [
        t("127_2007_nd_cp", "13")
    ]


def test_references_are_typed_and_frozen() -> None:
    (ref,) = find_references("Điều 8 Nghị định số 127/2007/NĐ-CP")
    assert isinstance(ref, Reference)
    assert (ref.doc_source, ref.target_doc_display, ref.relative) == (
        "number", "127/2007/NĐ-CP", False
    )  # fmt: skip
    with pytest.raises(AttributeError):
        ref.article = "9"  # type: ignore[misc]


def test_decomposed_unicode_is_normalised_first() -> None:
    decomposed = "khoa\u0309n 2 \u0110ie\u0302\u0300u 5 Lua\u0323\u0302t na\u0300y"
    assert resolved(decomposed) == [here("5", "2")]
