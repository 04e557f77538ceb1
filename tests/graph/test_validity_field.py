"""Point-in-time validity on the field corpus: the state changes on the dates the texts give."""

from __future__ import annotations

from datetime import date

from graph.models import Endpoint, Graph
from graph.validity import describe, status_on, unit_status

E = Endpoint
D = date.fromisoformat


def test_an_article_amended_in_2018_is_unamended_the_day_before(field_graph: Graph) -> None:
    article = E("127_2007_nd_cp", "5")
    before = unit_status(field_graph, article, D("2018-06-30"))
    after = unit_status(field_graph, article, D("2018-07-01"))
    assert (before.state, after.state) == ("chua_sua_doi", "da_sua_doi_bo_sung")
    assert {e.source.doc for e in before.pending} >= {"78_2018_nd_cp"}
    assert {e.source for e in after.amended_by} >= {E("78_2018_nd_cp", "1")}
    assert "sửa đổi, bổ sung bởi Điều 1 78/2018/NĐ-CP (2018-07-01)" in describe(after, field_graph)


def test_an_inserted_article_does_not_exist_before_its_insertion(field_graph: Graph) -> None:
    article = E("127_2007_nd_cp", "2a")
    assert unit_status(field_graph, article, D("2018-06-30")).state == "chua_co_hieu_luc"
    after = unit_status(field_graph, article, D("2018-07-01"))
    assert after.state == "chua_sua_doi" and after.inserted_by
    assert after.inserted_by[0].source == E("78_2018_nd_cp", "1")


def test_clauses_2_to_4_of_tt_28_2012_article_12_are_repealed_from_2021(field_graph: Graph) -> None:
    for clause in ("2", "3", "4"):
        unit = E("28_2012_tt_bkhcn", "12", clause)
        before = unit_status(field_graph, unit, D("2020-12-31"))
        after = unit_status(field_graph, unit, D("2021-01-15"))
        assert before.state == "chua_sua_doi", clause
        assert after.state == "het_hieu_luc", clause
        (edge,) = after.ended_by
        assert edge.source == E("6_2020_tt_bkhcn", "19", "3") and edge.date == "2021-01-15"
        assert edge.evidence.text.startswith("Bãi bỏ các quy định tại khoản 3, 5, 6 Điều 3;")
    for clause in ("1", "5"):
        kept = unit_status(field_graph, E("28_2012_tt_bkhcn", "12", clause), D("2021-06-01"))
        assert kept.state == "chua_sua_doi" and kept.related  # the article changed in part
    article = unit_status(field_graph, E("28_2012_tt_bkhcn", "12"), D("2021-06-01"))
    assert article.state == "het_hieu_luc_mot_phan"
    assert {e.target.clause for e in article.partly_ended_by if e.certain} == {"2", "3", "4"}


def test_a_replaced_circular_ends_on_the_replacement_date(field_graph: Graph) -> None:
    before = status_on(field_graph, "39_2016_tt_bgtvt", D("2018-09-14"))
    after = status_on(field_graph, "39_2016_tt_bgtvt", D("2018-09-15"))
    assert before.state == "khong_ro"  # not in the corpus: no date supports any state
    assert after.state == "het_hieu_luc" and after.ended_by[0].source.doc == "41_2018_tt_bgtvt"
    assert after.evidence[0].text.startswith("Thông tư này có hiệu lực thi hành kể từ ngày 15")


def test_a_document_is_not_in_force_before_its_effective_date(field_graph: Graph) -> None:
    assert status_on(field_graph, "68_2006_qh11", D("2006-12-31")).state == "chua_co_hieu_luc"
    in_force = status_on(field_graph, "68_2006_qh11", D("2007-01-01"))
    assert in_force.state == "con_hieu_luc"
    assert (
        in_force.evidence[0].text == "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2007."
    )
    partly = status_on(field_graph, "68_2006_qh11", D("2019-01-01"))
    assert partly.state == "het_hieu_luc_mot_phan"
    assert {e.source.doc for e in partly.partly_ended_by} == {"35_2018_qh14"}


def test_a_document_s_own_effective_date_wins_over_a_misprinted_note(field_graph: Graph) -> None:
    info = field_graph.documents["6_2020_tt_bkhcn"]
    assert (info.issued, info.effective) == ("2020-12-10", "2021-01-15")  # note: 15/01/2020
    assert status_on(field_graph, "6_2020_tt_bkhcn", D("2020-06-01")).state == "chua_co_hieu_luc"
    noted = [e for e in field_graph.outgoing("6_2020_tt_bkhcn") if e.evidence.source == "note"]
    assert noted and {e.date for e in noted} == {"2021-01-15"}


def test_nd_132_2008_ends_on_1_july_2026_by_nd_37_2026(extended_graph: Graph) -> None:
    before = status_on(extended_graph, "132_2008_nd_cp", D("2026-06-30"))
    after = status_on(extended_graph, "132_2008_nd_cp", D("2026-07-01"))
    assert before.state == "con_hieu_luc" and before.pending
    assert after.state == "het_hieu_luc"
    (edge,) = after.ended_by
    assert edge.source == E("37_2026_nd_cp", "97", "2") and edge.kind == "het_hieu_luc"
    article = unit_status(extended_graph, E("132_2008_nd_cp", "35"), D("2026-07-01"))
    assert article.state == "het_hieu_luc"


def test_nothing_known_is_khong_ro(field_graph: Graph) -> None:
    assert status_on(field_graph, "no_such_document", D("2024-01-01")).state == "khong_ro"
    unit = unit_status(field_graph, E("no_such_document", "1"), D("2024-01-01"))
    assert unit.state == "khong_ro" and unit.label == "không rõ"
