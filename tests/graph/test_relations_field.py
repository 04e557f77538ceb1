"""The graph of the field corpus (1,052 pháp-điển articles), checked against what the texts say."""

from __future__ import annotations

from graph.models import Endpoint, Graph
from graph.queries import changes_to, guides_of
from graph.relations import relation_counts
from indexer.models import ParsedDocument

E = Endpoint


def test_every_kind_is_found_and_every_edge_has_its_evidence(field_graph: Graph) -> None:
    counts = relation_counts(field_graph)
    for kind in ("dan_chieu", "sua_doi_bo_sung", "bai_bo", "het_hieu_luc", "thay_the"):
        assert counts[kind] >= 10, (kind, counts)
    assert counts["quy_dinh_chi_tiet"] >= 5 and counts["huong_dan"] >= 1
    for edge in field_graph.edges:
        assert edge.evidence.text and edge.evidence.at.doc in field_graph.documents


def test_luat_68_2006_is_detailed_by_nd_127_2007(field_graph: Graph) -> None:
    guides = {g.doc: g for g in guides_of(field_graph, "68_2006_qh11")}
    assert set(guides) == {"127_2007_nd_cp"}
    sources = {(e.evidence.source, e.evidence.at.doc) for e in guides["127_2007_nd_cp"].edges}
    assert ("title", "127_2007_nd_cp") in sources  # its own title
    assert ("text", "127_2007_nd_cp") in sources  # its Điều 1: "Nghị định này quy định chi tiết …"
    assert ("text", "26_2019_tt_bkhcn") in sources  # and third parties citing it with its title


def test_luat_68_2006_is_amended_by_luat_35_2018_in_seven_articles(field_graph: Graph) -> None:
    (change,) = [c for c in changes_to(field_graph, "68_2006_qh11") if c.by == "35_2018_qh14"]
    assert change.articles == ("14", "15", "16", "29", "31", "59", "60")
    assert change.kinds == {"sua_doi_bo_sung", "bai_bo"}
    assert {e.date for e in change.edges} == {"2019-01-01"}
    assert {e.source for e in change.edges} == {E("35_2018_qh14", "17")}
    assert field_graph.display("35_2018_qh14") == "35/2018/QH14"


def test_nd_127_2007_shows_its_amendment_by_nd_78_2018(field_graph: Graph) -> None:
    (change,) = [c for c in changes_to(field_graph, "127_2007_nd_cp") if c.by == "78_2018_nd_cp"]
    assert change.articles == ("2a", "3", "4a", "5", "9", "10", "23", "24")
    inserted = {e.target.article for e in change.edges if e.effect == "insert"}
    assert inserted == {"2a", "4a"}
    # clause-level amendments, read from circulars that cite the amended clauses
    by_clause = {(e.source, e.target) for e in change.edges if e.target.clause}
    assert (E("78_2018_nd_cp", "1", "6"), E("127_2007_nd_cp", "10", "1")) in by_clause
    assert (E("78_2018_nd_cp", "1", "5"), E("127_2007_nd_cp", "9", "2")) in by_clause
    assert (E("78_2018_nd_cp", "1", "4"), E("127_2007_nd_cp", "5", "1")) in by_clause
    earlier = [c for c in changes_to(field_graph, "127_2007_nd_cp") if c.by == "67_2009_nd_cp"]
    assert earlier[0].articles == ("7", "11", "12")


def test_edges_are_available_in_both_directions(field_graph: Graph) -> None:
    out = field_graph.outgoing("78_2018_nd_cp", ["sua_doi_bo_sung"])
    assert out and {e.target.doc for e in out} == {"127_2007_nd_cp"}
    into = field_graph.incoming("127_2007_nd_cp", ["sua_doi_bo_sung"])
    assert set(out) <= set(into)


def test_the_law_on_quality_is_guided_by_decrees_and_through_them_by_circulars(
    field_graph: Graph,
) -> None:
    guides = {g.doc: g for g in guides_of(field_graph, "5_2007_qh12", transitive=True)}
    assert {"132_2008_nd_cp", "74_2018_nd_cp"} <= set(guides)
    circulars = {k for k, g in guides.items() if g.via == ("132_2008_nd_cp",)}
    assert {
        "27_2019_tt_bkhcn",
        "6_2020_tt_bkhcn",
        "10_2020_tt_bkhcn",
        "22_2009_tt_bkhcn",
    } <= circulars


def test_tt_06_2020_repeals_clauses_2_to_4_of_tt_28_2012_article_12(field_graph: Graph) -> None:
    repeals = {
        e.target.clause
        for e in field_graph.outgoing("6_2020_tt_bkhcn", ["bai_bo"])
        if e.target.article == "12" and e.certain
    }
    assert repeals == {"2", "3", "4"}


def test_the_consolidated_article_12_holds_exactly_the_clauses_not_repealed(
    field_documents: list[ParsedDocument],
) -> None:
    (doc,) = [d for d in field_documents if d.meta.id == "28-2012-tt-bkhcn"]
    (article,) = [a for a in doc.articles() if a.number == "12"]
    numbered = [line.split(".")[0] for line in article.full_text().split("\n") if line[:2] in
                ("1.", "2.", "3.", "4.", "5.")]  # fmt: skip
    assert numbered == ["1", "5"]


def test_references_link_articles_across_documents(field_graph: Graph) -> None:
    cited = {
        e.target
        for e in field_graph.outgoing("127_2007_nd_cp", ["dan_chieu"])
        if e.source.article == "6"
    }
    assert {E("68_2006_qh11", "17", "1", "đ"), E("68_2006_qh11", "19", "3")} <= cited
    assert E("127_2007_nd_cp", "6", "2", "b") in cited  # "điểm b khoản 2 Điều này"


def test_replacements_state_their_date(field_graph: Graph) -> None:
    (edge,) = field_graph.incoming("39_2016_tt_bgtvt", ["thay_the"])
    assert (edge.source, edge.date, edge.date_basis) == (
        E("41_2018_tt_bgtvt"), "2018-09-15", "stated"
    )  # fmt: skip
    assert not field_graph.documents["39_2016_tt_bgtvt"].in_corpus


def test_the_extended_corpus_adds_legal_bases_and_an_amending_law(extended_graph: Graph) -> None:
    bases = {e.target.doc for e in extended_graph.outgoing("37_2026_nd_cp", ["can_cu"])}
    assert {"68_2006_qh11", "70_2025_qh15", "5_2007_qh12", "78_2025_qh15"} <= bases
    amended = extended_graph.incoming("68_2006_qh11", ["sua_doi_bo_sung"])
    assert any(e.source.doc == "70_2025_qh15" for e in amended)
