"""Loading the three catalogue files: every line, recognised by content, bad lines reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from standards.loaders import load_file, load_folder, sniff
from standards.models import Catalogue, StandardRecord


def test_every_line_of_each_file_loads(catalogue_dir: Path) -> None:
    qcvn = load_file(catalogue_dir / "qcvn.jsonl")
    tcvn = load_file(catalogue_dir / "tcvn.jsonl")
    nhom2 = load_file(catalogue_dir / "nhom2.jsonl")
    assert (len(qcvn), len(tcvn), len(nhom2.products)) == (451, 542, 36)
    assert not (qcvn.errors or tcvn.errors or nhom2.errors)
    kinds = [r.kind for r in qcvn]
    assert (kinds.count("QCVN"), kinds.count("amendment")) == (438, 13)
    types = [p.record_type for p in nhom2.products]
    assert {t: types.count(t) for t in set(types)} == {"list_document": 3, "item": 32, "note": 1}


def test_files_are_recognised_by_content_not_name(catalogue_dir: Path, tmp_path: Path) -> None:
    for name, kind in (("qcvn", "qcvn"), ("tcvn", "tcvn"), ("nhom2", "nhom2")):
        renamed = tmp_path / f"{kind}-copy.txt"
        shutil.copy(catalogue_dir / f"{name}.jsonl", renamed)
        assert sniff(renamed) == kind
    other = tmp_path / "qcvn.jsonl"
    other.write_text('{"id": 1, "text": "QCVN 4:2009/BKHCN"}\n', encoding="utf-8")
    assert sniff(other) is None
    (tmp_path / "agency.csv").write_text("number,title_vi,issued_date\n", encoding="utf-8")
    assert sniff(tmp_path / "agency.csv") == "csv"


def test_a_folder_loads_every_catalogue_file_inside(catalogue_dir: Path, tmp_path: Path) -> None:
    for name in ("qcvn", "tcvn", "nhom2"):
        shutil.copy(catalogue_dir / f"{name}.jsonl", tmp_path / f"{name[::-1]}.data")
    (tmp_path / "README.md").write_text("# not a catalogue\n", encoding="utf-8")
    loaded = load_folder(tmp_path)
    assert (len(loaded), len(loaded.products), loaded.errors) == (993, 36, [])


def test_a_bad_line_is_reported_and_the_rest_loads(catalogue_dir: Path, tmp_path: Path) -> None:
    lines = (catalogue_dir / "qcvn.jsonl").read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.jsonl"
    no_number = json.dumps({"issuing_agency": "BKHCN", "title": "không có số hiệu"})
    broken.write_text("\n".join([*lines[:3], '{"number": "QCVN 1', no_number, *lines[3:5]]) + "\n")
    loaded = load_file(broken)
    assert len(loaded) == 5
    assert [(e.line, e.reason.split(":")[0]) for e in loaded.errors] == [
        (4, "not JSON"),
        (5, "KeyError"),
    ]
    assert loaded.errors[0].path == str(broken)


def _get(catalogue: Catalogue, key_or_id: str) -> StandardRecord:
    record = catalogue.get(key_or_id)
    assert record is not None, key_or_id
    return record


def test_records_carry_kind_key_id_and_lists(catalogue: Catalogue) -> None:
    qcvn4 = _get(catalogue, "qcvn-4-2009-bkhcn")
    assert (qcvn4.key, qcvn4.kind, qcvn4.agency) == ("qcvn_4_2009_bkhcn", "QCVN", "BKHCN")
    assert qcvn4.issuing_document == "Thông tư 21/2009/TT-BKHCN"
    assert qcvn4.amendments == ("Sửa đổi 1:2016 QCVN 4:2009/BKHCN",)
    amendment = _get(catalogue, "sua-doi-1-2017-qcvn-1-2015-bkhcn")
    assert (amendment.kind, amendment.amends, amendment.year) == (
        "amendment",
        ("QCVN 1:2015/BKHCN",),
        2017,
    )
    assert _get(catalogue, "tcvn-iso-iec-17025-2017").kind == "TCVN ISO/IEC"
    assert _get(catalogue, "tcvn-iso-9001-2015").kind == "TCVN ISO/IEC"
    tcvn = _get(catalogue, "tcvn-5945-2005")
    assert tcvn.kind == "TCVN" and len(tcvn.replaces) == 9
    assert tcvn.replaces[:2] == ("TCVN 5945:1995", "TCVN 6980:2001")
    assert tcvn.replaced_by == ("TCVN 5945:2010",)
    # The id comes from the normalised number: "QCVN 01:2022/BKHCN" has the id of "QCVN 1:2022".
    assert catalogue.get("qcvn-01-2022-bkhcn") is None
    assert _get(catalogue, "qcvn-1-2022-bkhcn").number == "QCVN 01:2022/BKHCN"
