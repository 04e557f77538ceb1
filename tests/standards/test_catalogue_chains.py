"""Version chains from the data and inferred, and status on a date with its evidence."""

from __future__ import annotations

from datetime import date

from standards.chains import VersionGraph
from standards.models import Catalogue, StandardRecord


def _get(catalogue: Catalogue, number: str) -> StandardRecord:
    record = catalogue.resolve(number)
    assert record is not None, number
    return record


def test_the_qcvn_1_series_chain(catalogue: Catalogue, graph: VersionGraph) -> None:
    """1:2007 → 1:2009 → 1:2015 (+ Sửa đổi 1:2017) → 01:2022. The data states every step but
    1:2009 → 1:2015, which is inferred (same number, ministry and title)."""
    expected = ["QCVN 1:2007/BKHCN", "QCVN 1:2009/BKHCN", "QCVN 1:2015/BKHCN", "QCVN 01:2022/BKHCN"]
    for start in [*expected, "Sửa đổi 1:2017 QCVN 1:2015/BKHCN"]:
        assert graph.chain(_get(catalogue, start)).numbers == expected
    versions = graph.chain(_get(catalogue, "QCVN 1:2015/BKHCN")).versions
    assert [v.link.inferred if v.link else None for v in versions] == [None, False, True, False]
    assert [a.number for a in versions[2].amendments] == ["Sửa đổi 1:2017 QCVN 1:2015/BKHCN"]
    stated = versions[3].link
    assert stated is not None
    assert {(e.record, e.field) for e in stated.evidence} == {
        ("QCVN 1:2015/BKHCN", "replaced_by"),
        ("QCVN 01:2022/BKHCN", "replaces"),
    }
    assert graph.current(_get(catalogue, "QCVN 1:2007/BKHCN")).number == "QCVN 01:2022/BKHCN"
    assert graph.chain(_get(catalogue, "QCVN 1:2007/BKHCN")).inferred
    lpg = graph.chain(_get(catalogue, "QCVN 08:2019/BKHCN"))
    assert lpg.numbers == ["QCVN 8:2012/BKHCN", "QCVN 08:2019/BKHCN"] and not lpg.inferred


def test_a_regulation_replacing_two(catalogue: Catalogue, graph: VersionGraph) -> None:
    air = _get(catalogue, "QCVN 05:2023/BTNMT")
    assert {link.old for link in graph.predecessors(air)} == {
        "QCVN 05:2013/BTNMT",
        "QCVN 06:2009/BTNMT",
    }
    assert graph.chain(air).numbers == ["QCVN 05:2013/BTNMT", "QCVN 05:2023/BTNMT"]
    # QCVN 06:2009/BTNMT itself replaced a TCVN: a link to a record of the other list.
    assert graph.chain(_get(catalogue, "TCVN 5938:2005")).numbers == [
        "TCVN 5938:2005",
        "QCVN 06:2009/BTNMT",
        "QCVN 05:2023/BTNMT",
    ]


def test_helmet_succession_is_inferred_with_its_reason(
    catalogue: Catalogue, graph: VersionGraph
) -> None:
    old = _get(catalogue, "QCVN 2:2008/BKHCN")
    assert not old.replaced_by and not _get(catalogue, "QCVN 2:2021/BKHCN").replaces
    (link,) = graph.successors(old)
    assert (link.new, link.inferred) == ("QCVN 2:2021/BKHCN", True)
    assert link.reason == (
        "cùng số hiệu 2, cùng cơ quan BKHCN, tên tương tự (1.00); "
        "không có văn bản thay thế trong dữ liệu"
    )
    status = graph.status_on(old, date(2024, 1, 1))
    assert (status.value, status.inferred, status.replaced_by) == (
        "hết hiệu lực",
        True,
        ("QCVN 2:2021/BKHCN",),
    )
    assert any(link.reason in e.text for e in status.evidence)


def test_no_succession_is_inferred_between_different_subjects(
    catalogue: Catalogue, graph: VersionGraph
) -> None:
    """QCVN 02:2017/BCT (mini LPG bottles) and 02:2019/BCT (LPG filling stations) share the
    number and many words, not the subject; 10:2012/BCT and 10:2015/BCT even less."""
    for number in ("QCVN 02:2017/BCT", "QCVN 10:2012/BCT", "QCVN 02:2013/BCT"):
        assert graph.successors(_get(catalogue, number)) == []
    for link in graph.links:
        if link.inferred:
            assert link.old_record and link.new_record
            assert link.old_record.agency == link.new_record.agency
            assert (link.old_record.year or 0) < (link.new_record.year or 0)


def test_links_written_backwards_are_suspect_and_not_followed(
    catalogue: Catalogue, graph: VersionGraph
) -> None:
    newer = _get(catalogue, "TCVN 7143:2010")
    (link,) = graph.successors(newer)
    assert link.new == "TCVN 7143:2002" and link.suspect and "ghi ngược" in link.suspect
    assert graph.current(newer) == newer
    assert any("TCVN 7143:2010 → TCVN 7143:2002" in issue for issue in graph.issues())


def test_status_before_and_after_the_successor_takes_effect(
    catalogue: Catalogue, graph: VersionGraph
) -> None:
    old = _get(catalogue, "QCVN 1:2015/BKHCN")
    before = graph.status_on(old, date(2023, 1, 31))
    assert (before.value, before.inferred) == ("còn hiệu lực", True)  # no effective date given
    after = graph.status_on(old, date(2023, 2, 1))
    assert (after.value, after.since, after.replaced_by) == (
        "hết hiệu lực",
        "2023-02-01",
        ("QCVN 01:2022/BKHCN",),
    )
    assert ("QCVN 01:2022/BKHCN", "effective_date") in {(e.record, e.field) for e in after.evidence}
    amendment = _get(catalogue, "Sửa đổi 1:2017 QCVN 1:2015/BKHCN")
    assert graph.status_on(amendment, date(2023, 6, 1)).value == "hết hiệu lực"
    assert graph.status_on(amendment, date(2017, 1, 1)).value == "chưa có hiệu lực"


def test_status_not_yet_in_force_then_in_force(catalogue: Catalogue, graph: VersionGraph) -> None:
    household = _get(catalogue, "QCVN 25:2025/BKHCN")
    early = graph.status_on(household, date(2025, 3, 31))
    assert early.value == "chưa có hiệu lực"
    assert [(e.field, e.date) for e in early.evidence] == [("effective_date", "2025-04-01")]
    now = graph.status_on(household, date(2025, 4, 1))
    assert (now.value, now.inferred, now.since) == ("còn hiệu lực", False, "2025-04-01")


def test_unknown_when_the_data_says_nothing(catalogue: Catalogue, graph: VersionGraph) -> None:
    bare = _get(catalogue, "QCVN 10:2025/BCA")
    assert not (bare.issued_date or bare.effective_date or bare.status)
    assert graph.status(bare).value == "không rõ"
    assert graph.status_on(bare, date(2024, 6, 1)).value == "chưa có hiệu lực"


def test_source_status_and_links_that_disagree_are_both_shown(
    catalogue: Catalogue, graph: VersionGraph
) -> None:
    stale = _get(catalogue, "TCVN 7568-14:2015")
    assert stale.status == "còn hiệu lực" and stale.replaced_by == ("TCVN 7568-14:2025",)
    status = graph.status(stale)
    assert status.value == "hết hiệu lực" and status.conflicts
    assert "còn hiệu lực" in status.conflicts[0]
    withdrawn = _get(catalogue, "TCVN 6238-1:2011")
    assert graph.status(withdrawn).value == "hết hiệu lực"


def test_an_amendment_follows_its_base_out_of_force() -> None:
    base = StandardRecord.create(
        "QCVN 90:2010/BKHCN", effective_date="2010-06-01", replaced_by=("QCVN 90:2020/BKHCN",)
    )
    amendment = StandardRecord.create(
        "Sửa đổi 1:2015 QCVN 90:2010/BKHCN", issued_date="2015-01-10", amends=(base.number,)
    )
    new = StandardRecord.create("QCVN 90:2020/BKHCN", effective_date="2021-01-01")
    graph = VersionGraph(Catalogue([base, amendment, new]))
    assert graph.status_on(amendment, date(2016, 1, 1)).value == "còn hiệu lực"
    later = graph.status_on(amendment, date(2022, 1, 1))
    assert later.value == "hết hiệu lực" and later.evidence[0].field == "amends"
