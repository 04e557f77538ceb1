"""Amendment edges from pháp-điển source notes (notes copied from the field đề mục)."""

from __future__ import annotations

from graph.models import Endpoint
from graph.notes import note_edges

E = Endpoint

NOTE_12 = (
    "(Điều 12 Thông tư số 28/2012/TT-BKHCN, có hiệu lực thi hành kể từ ngày 27/01/2013, có nội "
    "dung được sửa đổi, có nội dung được bổ sung, có nội dung bị bãi bỏ bởi Điều 1 Thông tư số "
    "02/2017/TT-BKHCN có hiệu lực thi hành kể từ ngày 15/05/2017; Điều 19 Thông tư số "
    "06/2020/TT-BKHCN có hiệu lực thi hành kể từ ngày 15/01/2020)"
)
NOTE_2A = (
    "(Điều 2a Nghị định số 127/2007/NĐ-CP, có hiệu lực thi hành kể từ ngày 03/09/2007, được bổ "
    "sung bởi Điều 1 Nghị định số 78/2018/NĐ-CP có hiệu lực thi hành kể từ ngày 01/07/2018)"
)
NOTE_15 = (
    "(Điều 15 Luật số 68/2006/QH11, có hiệu lực thi hành kể từ ngày 01/01/2007, có nội dung bị "
    "bãi bỏ bởi Điều 17 Luật số 35/2018/QH14 có hiệu lực thi hành kể từ ngày 01/01/2019)"
)
NOTE_14 = (
    "(Điều 14 Luật số 68/2006/QH11, có hiệu lực thi hành kể từ ngày 01/01/2007, có nội dung được "
    "sửa đổi, có nội dung được bổ sung bởi Điều 17 Luật số 35/2018/QH14 có hiệu lực thi hành kể "
    "từ ngày 01/01/2019)"
)
PLAIN = "(Điều 47 Luật số 68/2006/QH11, có hiệu lực thi hành kể từ ngày 01/01/2007)"


def summary(note: str, at: Endpoint) -> set[tuple[str, Endpoint, str | None, str, bool]]:
    return {(e.kind, e.source, e.date, e.effect, e.certain) for e in note_edges(note, at)}


def test_an_inserted_article_names_its_inserting_act_and_date() -> None:
    assert summary(NOTE_2A, E("127_2007_nd_cp", "2a")) == {
        ("sua_doi_bo_sung", E("78_2018_nd_cp", "1"), "2018-07-01", "insert", True)
    }


def test_content_repealed_in_part_by_one_act_is_certain() -> None:
    assert summary(NOTE_15, E("68_2006_qh11", "15")) == {
        ("bai_bo", E("35_2018_qh14", "17"), "2019-01-01", "part", True)
    }


def test_amended_and_supplemented_is_one_kind() -> None:
    assert summary(NOTE_14, E("68_2006_qh11", "14")) == {
        ("sua_doi_bo_sung", E("35_2018_qh14", "17"), "2019-01-01", "part", True)
    }


def test_several_acts_and_several_kinds_are_not_attributed() -> None:
    edges = note_edges(NOTE_12, E("28_2012_tt_bkhcn", "12"))
    assert {(e.kind, e.source) for e in edges} == {
        (kind, source)
        for kind in ("sua_doi_bo_sung", "bai_bo")
        for source in (E("2_2017_tt_bkhcn", "1"), E("6_2020_tt_bkhcn", "19"))
    }
    assert not any(e.certain for e in edges)
    assert {e.target for e in edges} == {E("28_2012_tt_bkhcn", "12")}
    assert all(e.evidence.source == "note" and e.evidence.text == NOTE_12 for e in edges)


def test_a_note_without_bởi_gives_no_edge() -> None:
    assert note_edges(PLAIN, E("68_2006_qh11", "47")) == []
