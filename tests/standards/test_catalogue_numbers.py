"""Number lookup: every spelling of the table reaches its record, none reaches a wrong one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from indexer.analysis import fold
from indexer.cite.find import find_doc_matches
from standards.keys import number_key, record_keys
from standards.models import Catalogue, StandardRecord

TABLE = Path(__file__).parents[2] / "eval" / "sets" / "numbers.jsonl"
ROWS: list[dict[str, Any]] = [json.loads(line) for line in TABLE.read_text("utf-8").splitlines()]


def test_the_table_is_drawn_from_real_records(catalogue: Catalogue) -> None:
    present = [r for r in ROWS if r["expected"]]
    assert len(present) >= 30 and len(ROWS) - len(present) >= 5
    for row in present:
        assert catalogue.resolve(row["expected"]) is not None, row


@pytest.mark.parametrize("row", ROWS, ids=[r["q"] for r in ROWS])
def test_table_spelling(catalogue: Catalogue, row: dict[str, Any]) -> None:
    found = catalogue.lookup(row["q"])
    expected = catalogue.resolve(row["expected"]) if row["expected"] else None
    if row["mode"] == "exact":
        assert found.kind == "exact" and found.record == expected, found.reason
    elif row["mode"] == "candidate":
        assert found.kind == "candidates" and expected in found.candidates
    else:
        assert found.kind != "exact", f"{row['q']} must not hit {found.record}"


def _variants(number: str) -> set[str]:
    """Spellings of a number a user may type: case, diacritics, spaces, dash for colon,
    space for slash, leading zero added or dropped."""
    out = {number, number.lower(), fold(number), " ".join(number.split()).replace(" ", "  ")}
    out.add(re.sub(r":(\d{4})", r"-\1", number))
    out.add(re.sub(r"/([A-ZĐ]+)$", r" \1", number).replace(":", " "))
    out.add(re.sub(r"(QCVN|TCVN) ", r"\1", number))
    out.add(re.sub(r"QCVN 0?(\d)(?=[:-])", lambda m: f"QCVN 0{m.group(1)}", number))
    out.add(re.sub(r"QCVN 0(\d)", r"QCVN \1", number))
    out.add(number.replace("Sửa đổi ", "SĐ"))
    return out


def _plain(record: StandardRecord) -> bool:
    """Numbers written as one document (not the multi-part listings of the TCVN list)."""
    return record_keys(record.number).aliases == () and "," not in record.number


def test_every_record_is_found_under_every_variant_of_its_number(catalogue: Catalogue) -> None:
    wrong, missed = [], []
    for record in filter(_plain, catalogue):
        for spelling in _variants(record.number):
            found = catalogue.lookup(spelling)
            if found.kind == "exact" and found.record != record:
                wrong.append((spelling, found.record.number if found.record else None))
            elif found.record != record and record not in found.candidates:
                missed.append(spelling)
    assert wrong == []
    assert missed == []


def test_numbers_that_do_not_exist_never_give_a_wrong_record(catalogue: Catalogue) -> None:
    absent = ["QCVN 1:2008/BKHCN", "QCVN 4:2009/BYT", "TCVN 6165:2010", "QCVN 24:2018/BKHCN"]
    for spelling in absent:
        found = catalogue.lookup(spelling)
        asked = number_key(spelling)
        assert found.kind != "exact" and asked is not None
        # Honest candidates: the same number in other years or of other ministries.
        assert found.candidates
        assert all(asked.partials[-1] in record_keys(r.number).partials for r in found.candidates)
    assert catalogue.lookup("QCVN 999:2030/BKHCN").kind == "none"
    assert catalogue.lookup("không có số hiệu nào").kind == "none"


def test_candidates_are_newest_first_and_same_ministry_first(catalogue: Catalogue) -> None:
    fuels = catalogue.lookup("QCVN 1:2008/BKHCN").candidates
    assert [r.number for r in fuels[:4]] == [
        "QCVN 01:2022/BKHCN",
        "QCVN 1:2015/BKHCN",
        "QCVN 1:2009/BKHCN",
        "QCVN 1:2007/BKHCN",
    ]
    years = [r.year or 0 for r in catalogue.lookup("qcvn 2").candidates]
    assert years == sorted(years, reverse=True)
    both = catalogue.lookup("QCVN4:2009")
    assert {r.number for r in both.candidates} == {"QCVN 4:2009/BKHCN", "QCVN 04:2009/BTNMT"}


def test_an_exact_hit_lists_the_amendments_of_its_base(catalogue: Catalogue) -> None:
    found = catalogue.lookup("QCVN 1:2015/BKHCN")
    assert [a.number for a in found.amendments] == ["Sửa đổi 1:2017 QCVN 1:2015/BKHCN"]
    missing = catalogue.lookup("Sửa đổi 2:2017 QCVN 1:2015/BKHCN")
    assert missing.kind == "candidates"
    assert [r.number for r in missing.candidates] == [
        "QCVN 1:2015/BKHCN",
        "Sửa đổi 1:2017 QCVN 1:2015/BKHCN",
    ]
    for record in catalogue:
        for number in record.amends:
            base = catalogue.resolve(number)
            assert base is not None and record.number in base.amendments


def test_keys_are_the_indexer_cite_keys(catalogue: Catalogue) -> None:
    """Where indexer.cite recognises a whole number, its key is the record's key."""
    compared = 0
    for record in catalogue:
        matches = find_doc_matches(record.number)
        if len(matches) == 1 and (matches[0].start, matches[0].end) == (0, len(record.number)):
            assert matches[0].ref.key == record.key
            compared += 1
    assert compared > 900
