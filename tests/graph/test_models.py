"""Endpoints, the graph's two indexes, sentences and dates: small pure pieces."""

from __future__ import annotations

from graph.dates import date_after, own_effective_date
from graph.models import Edge, Endpoint, Evidence, Graph
from graph.passages import sentences

E = Endpoint


def test_an_endpoint_covers_itself_and_what_lies_inside() -> None:
    article = E("127_2007_nd_cp", "5")
    assert article.covers(E("127_2007_nd_cp", "5", "2", "a"))
    assert article.covers(article) and E("127_2007_nd_cp").covers(article)
    assert not article.covers(E("127_2007_nd_cp", "50"))
    assert not article.covers(E("127_2007_nd_cp"))
    assert not article.covers(E("68_2006_qh11", "5"))
    assert [E("x").depth, article.depth, E("x", "1", "2").depth, E("x", "1", "2", "a").depth] == [
        0, 1, 2, 3
    ]  # fmt: skip


def test_the_graph_indexes_both_directions() -> None:
    evidence = Evidence(E("a", "1"), "text", "…")
    one = Edge("sua_doi_bo_sung", E("a", "1"), E("b", "2"), evidence)
    two = Edge("dan_chieu", E("a", "1"), E("c"), evidence)
    graph = Graph(documents={}, edges=(one, two))
    assert graph.outgoing("a") == [one, two]
    assert graph.outgoing("a", ["dan_chieu"]) == [two]
    assert graph.incoming("b") == [one] and graph.incoming("a") == []
    assert graph.display("b") == "b"


def test_sentences_split_at_full_stops_and_join_wrapped_lines() -> None:
    text = (
        "Nghị định này có hiệu lực thi hành sau 15 ngày, kể từ ngày đăng Công báo. Bãi bỏ Nghị định"
    )
    assert sentences(text + "\nsố 179/2004/NĐ-CP.") == [
        "Nghị định này có hiệu lực thi hành sau 15 ngày, kể từ ngày đăng Công báo.",
        "Bãi bỏ Nghị định số 179/2004/NĐ-CP.",
    ]
    assert sentences("khoản 2 Điều 3; khoản 4 Điều 12 Thông tư") == [
        "khoản 2 Điều 3; khoản 4 Điều 12 Thông tư"
    ]


def test_dates_in_sentences() -> None:
    stated = date_after("… có hiệu lực thi hành kể từ ngày 01/01/2019)")
    assert stated is not None and stated.iso == "2019-01-01"
    relative = date_after("hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành.")
    assert relative is not None and relative.on_source_in_force and relative.iso is None
    assert date_after("ban hành ngày 12 tháng 12 năm 2012") is None
    own = "Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 01 năm 2021."
    assert own_effective_date(own) == "2021-01-15"
    assert own_effective_date(
        "Nghị định này có hiệu lực thi hành kể từ ngày ký.", "2026-01-23"
    ) == ("2026-01-23")
    assert own_effective_date("Quy chuẩn này có hiệu lực kể từ ngày 01/01/2020.") is None
