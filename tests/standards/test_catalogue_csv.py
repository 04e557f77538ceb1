"""The agency CSV format: export → import gives equal records; malformed rows are reported."""

from __future__ import annotations

import io
from pathlib import Path

from standards.csv_import import COLUMNS, export_csv, join_list, load_csv, read_csv, split_list
from standards.loaders import load_file, sniff
from standards.models import Catalogue


def test_export_then_import_gives_equal_records(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "all.csv"
    export_csv(catalogue.records, path)
    assert sniff(path) == "csv"
    again = load_file(path)
    assert again.errors == []
    assert len(again) == len(catalogue) == 993
    assert again.records == catalogue.records


def test_list_cells_escape_semicolons() -> None:
    items = ("Bộ pháp điển — Điều 1; Điều 2", "https://vbpl.vn/x?ItemID=1")
    cell = join_list(items)
    assert cell == "Bộ pháp điển — Điều 1\\; Điều 2; https://vbpl.vn/x?ItemID=1"
    assert split_list(cell) == items


ROWS = """number,kind,title_vi,agency,issued_date,effective_date,replaces,source
QCVN 99:2030/BKHCN,QCVN,Quy chuẩn thử,BKHCN,15/03/2030,2030-06-01,QCVN 98:2020/BKHCN,https://x.vn
,QCVN,Thiếu số hiệu,BKHCN,,,,
QCVN 97:2030/BKHCN,,Ngày sai,BKHCN,31/02/2030,,,
ABC 123,,Số hiệu lạ,,,,,
TCVN 1:2031,TCVN,"Tên
hai dòng",,,,,
QCVN 96:2030/BKHCN,loại lạ,,,,,,
TCVN 2:2031,,,,2031-13-01,,,
"""


def test_malformed_rows_are_reported_with_their_line_and_the_rest_loads() -> None:
    loaded = read_csv(io.StringIO(ROWS), "agency.csv")
    assert [r.number for r in loaded] == ["QCVN 99:2030/BKHCN", "TCVN 1:2031"]
    assert [(e.line, e.reason.split(" ")[0]) for e in loaded.errors] == [
        (3, "thiếu"),
        (4, "ngày"),
        (5, "không"),
        (8, "loại"),
        (9, "ngày"),
    ]
    assert all(e.path == "agency.csv" for e in loaded.errors)
    first = loaded.records[0]
    assert (first.issued_date, first.effective_date) == ("2030-03-15", "2030-06-01")
    assert first.replaces == ("QCVN 98:2020/BKHCN",) and first.sources == ("https://x.vn",)
    assert loaded.records[1].title_vi == "Tên\nhai dòng"


def test_unknown_columns_are_reported_and_a_missing_number_column_stops(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("number,title_vi,colour\nQCVN 99:2030/BKHCN,Thử,xanh\n", encoding="utf-8")
    loaded = load_csv(path)
    assert len(loaded) == 1 and [e.reason for e in loaded.errors] == ["cột không dùng: 'colour'"]
    headless = read_csv(io.StringIO("title_vi,scope\nThử,x\n"))
    assert len(headless) == 0 and headless.errors[-1].reason == "thiếu cột number"


def test_the_documented_columns_are_the_exported_ones() -> None:
    doc = (Path(__file__).parents[2] / "standards" / "CSV.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"`{column}`" in doc
