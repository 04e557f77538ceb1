"""An agency's own catalogue as CSV: import with per-row errors, and export that round-trips.

The format is documented in ``standards/CSV.md``: UTF-8 (a BOM is accepted), comma
separated, one header row naming the columns (any order; only ``number`` is required),
list cells separated by ";" (a ";" inside an item is written "\\;"), dates as YYYY-MM-DD
or DD/MM/YYYY.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any

from standards.keys import parse_number
from standards.models import Catalogue, LoadError, StandardRecord

TEXT_COLUMNS = (
    "title_vi",
    "title_en",
    "agency",
    "issuing_document",
    "issuing_document_title",
    "status",
    "status_raw",
    "ics",
    "equivalent",
    "scope",
    "field",
)
DATE_COLUMNS = ("issued_date", "effective_date")
LIST_COLUMNS = ("replaces", "replaced_by", "amendments", "amends", "notes", "source")
COLUMNS = ("number", "kind", *TEXT_COLUMNS[:5], *DATE_COLUMNS, *TEXT_COLUMNS[5:], *LIST_COLUMNS)
KINDS = {
    "qcvn": "QCVN",
    "tcvn": "TCVN",
    "tcvn iso/iec": "TCVN ISO/IEC",
    "amendment": "amendment",
    "sửa đổi": "amendment",
    "sua doi": "amendment",
}
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SPLIT = re.compile(r"(?<!\\);")


class RowError(ValueError):
    """A row that cannot become a record; the message says why."""


def is_catalogue_header(line: str) -> bool:
    """Whether a first line is the header of a catalogue CSV: it has ``number`` and at least
    two more known columns."""
    try:
        names = {c.strip().lower() for c in next(csv.reader([line]), [])}
    except csv.Error:  # e.g. a field over csv's size limit: no header of ours
        return False
    return "number" in names and len(names & set(COLUMNS)) >= 3


def parse_date(value: str, column: str) -> str | None:
    """An ISO date from YYYY-MM-DD or DD/MM/YYYY; RowError for anything else."""
    value = value.strip()
    if not value:
        return None
    iso, dmy = _ISO.fullmatch(value), _DMY.fullmatch(value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1])).isoformat()
    except ValueError:
        pass
    raise RowError(f"ngày không hợp lệ ở cột {column}: {value!r} (YYYY-MM-DD hoặc DD/MM/YYYY)")


def split_list(cell: str) -> tuple[str, ...]:
    """Items of a list cell: split on ";" not preceded by "\\", "\\;" restored to ";"."""
    items = (p.strip().replace("\\;", ";") for p in _SPLIT.split(cell))
    return tuple(p for p in items if p)


def join_list(items: Iterable[str]) -> str:
    """A list cell: items joined by "; ", a ";" inside an item escaped as "\\;"."""
    return "; ".join(i.replace(";", "\\;") for i in items)


def row_record(row: dict[str, str]) -> StandardRecord:
    """The record of one CSV row (column names lower-cased); RowError when it is malformed."""
    number = " ".join((row.get("number") or "").split())
    if not number:
        raise RowError("thiếu số hiệu (cột number)")
    if parse_number(number) is None:
        raise RowError(f"không đọc được số hiệu {number!r} (cần dạng QCVN …, TCVN …)")
    kind_cell = (row.get("kind") or "").strip()
    kind = KINDS.get(kind_cell.lower()) if kind_cell else None
    if kind_cell and kind is None:
        raise RowError(f"loại không hợp lệ ở cột kind: {kind_cell!r}")
    values: dict[str, Any] = {c: (row.get(c) or "").strip() or None for c in TEXT_COLUMNS}
    values |= {c: parse_date(row.get(c) or "", c) for c in DATE_COLUMNS}
    values |= {c: split_list(row.get(c) or "") for c in LIST_COLUMNS}
    values["sources"] = values.pop("source")
    return StandardRecord.create(number, kind=kind, **values)


def read_csv(stream: IO[str], name: str = "<csv>") -> Catalogue:
    """Records from a CSV stream; malformed rows become LoadErrors with their line number."""
    reader = csv.reader(stream)
    header = [c.strip().lower() for c in next(reader, [])]
    errors = [LoadError(name, 1, f"cột không dùng: {c!r}") for c in header if c not in COLUMNS]
    if "number" not in header:
        return Catalogue(errors=[*errors, LoadError(name, 1, "thiếu cột number")])
    records: list[StandardRecord] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(c.strip() for c in cells):
            try:
                records.append(row_record(dict(zip(header, cells, strict=False))))
            except RowError as e:
                errors.append(LoadError(name, line, str(e)))
        line = reader.line_num + 1
    return Catalogue(records, errors=errors)


def load_csv(path: str | Path) -> Catalogue:
    """The catalogue in a CSV file (see :func:`read_csv`)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as f:
        return read_csv(f, str(path))


def record_row(record: StandardRecord) -> dict[str, str]:
    """The CSV row of a record, every column of :data:`COLUMNS`."""
    row = {"number": record.number, "kind": record.kind}
    row |= {c: getattr(record, c) or "" for c in (*TEXT_COLUMNS, *DATE_COLUMNS)}
    row |= {c: join_list(getattr(record, c)) for c in LIST_COLUMNS if c != "source"}
    row["source"] = join_list(record.sources)
    return row


def write_csv(records: Iterable[StandardRecord], stream: IO[str]) -> None:
    """Write records in the documented format (header, then one row per record)."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(record_row(r) for r in records)


def export_csv(records: Iterable[StandardRecord], path: str | Path) -> None:
    """Write records to a CSV file that :func:`load_csv` reads back to equal records."""
    with Path(path).open("w", encoding="utf-8", newline="") as f:
        write_csv(records, f)
