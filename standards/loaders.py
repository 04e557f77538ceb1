"""Load the catalogue files: qcvn.jsonl, tcvn.jsonl, nhom2.jsonl and agency CSV files.

Each file is recognised by its content (:func:`sniff`), not by its name. Every good line
loads; a line that is not JSON, or lacks a number, becomes a :class:`LoadError` with its
line number and the rest of the file still loads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from standards.csv_import import is_catalogue_header, load_csv
from standards.models import Catalogue, LoadError, ProductRecord, StandardRecord

CatalogueKind = Literal["qcvn", "tcvn", "nhom2", "csv"]
SNIFF_LINES = 5
#: Bytes read to sniff a file: a first line longer than this is no catalogue's.
SNIFF_BYTES = 64 * 1024
_SIGNATURES: tuple[tuple[CatalogueKind, frozenset[str]], ...] = (
    ("qcvn", frozenset({"issuing_agency", "number_normalized"})),
    ("tcvn", frozenset({"title_vi", "status_raw"})),
    ("nhom2", frozenset({"record_type"})),
)


def _jsonl_kind(line: str) -> CatalogueKind | None:
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    return next((kind for kind, keys in _SIGNATURES if keys & data.keys()), None)


def sniff(path: str | Path) -> CatalogueKind | None:
    """Which catalogue file this is, from its first lines (at most :data:`SNIFF_BYTES`);
    None for anything else."""
    try:
        with Path(path).open("rb") as f:
            prefix = f.read(SNIFF_BYTES)
    except OSError:
        return None
    if len(prefix) == SNIFF_BYTES:  # the last line may be cut: judge only whole lines
        prefix = prefix[: prefix.rfind(b"\n") + 1]
    try:
        lines = prefix.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        return None
    head = [line for line in islice(lines, SNIFF_LINES) if line.strip()]
    if head and is_catalogue_header(head[0]):
        return "csv"
    return next((k for k in map(_jsonl_kind, head) if k), None)


def as_tuple(value: Any) -> tuple[str, ...]:
    """A list field as a tuple: None → (), a list as is, a string split on ";"."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split(";") if p.strip())
    return tuple(str(v) for v in value)


def qcvn_record(d: dict[str, Any]) -> StandardRecord:
    """A record from one line of qcvn.jsonl."""
    return StandardRecord.create(
        d["number"],
        kind="amendment" if d.get("type") == "amendment" else None,
        title_vi=d.get("title"),
        agency=d.get("issuing_agency"),
        issuing_document=d.get("issuing_document"),
        issuing_document_title=d.get("issuing_document_title"),
        issued_date=d.get("issued_date"),
        effective_date=d.get("effective_date"),
        replaces=as_tuple(d.get("replaces")),
        replaced_by=as_tuple(d.get("replaced_by")),
        amendments=as_tuple(d.get("amendments")),
        amends=as_tuple(d.get("amends")),
        scope=d.get("scope"),
        notes=as_tuple(d.get("notes")),
        sources=as_tuple(d.get("source")),
    )


def _tcvn_notes(d: dict[str, Any]) -> tuple[str, ...]:
    notes = [d["note"]] if d.get("note") else []
    if d.get("title_vi_alt"):
        notes.append(f"tên khác (nguồn thứ hai): {d['title_vi_alt']}")
    if d.get("multi_part_listing"):
        notes.append("một dòng của danh mục nguồn liệt kê nhiều phần")
    return tuple(notes)


def tcvn_record(d: dict[str, Any]) -> StandardRecord:
    """A record from one line of tcvn.jsonl (``decision`` is kept as the issuing document)."""
    return StandardRecord.create(
        d["number"],
        title_vi=d.get("title_vi"),
        title_en=d.get("title_en"),
        issuing_document=d.get("decision"),
        status=d.get("status"),
        status_raw=d.get("status_raw"),
        replaces=as_tuple(d.get("replaces")),
        replaced_by=as_tuple(d.get("replaced_by")),
        ics=d.get("ics"),
        equivalent=d.get("equivalent"),
        notes=_tcvn_notes(d),
        field=d.get("field"),
        sources=as_tuple(d.get("source")),
    )


def product_record(d: dict[str, Any]) -> ProductRecord:
    """A row from one line of nhom2.jsonl."""
    return ProductRecord(
        record_type=d["record_type"],
        list_document=d.get("list_document"),
        list_date=d.get("list_date"),
        item_no=d.get("item_no"),
        product=d.get("product"),
        hs_codes=as_tuple(d.get("hs_codes")),
        qcvn=as_tuple(d.get("qcvn")),
        legal_basis=as_tuple(d.get("legal_basis")),
        import_measure=d.get("import_measure"),
        inspection_agency=d.get("inspection_agency"),
        basis=d.get("basis"),
        note=d.get("note"),
        sources=as_tuple(d.get("source")),
    )


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | LoadError]]:
    with path.open(encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                yield n, LoadError(str(path), n, f"not JSON: {e.msg} (column {e.colno})")
                continue
            if isinstance(data, dict):
                yield n, data
            else:
                yield n, LoadError(str(path), n, f"not a JSON object: {type(data).__name__}")


def _load_jsonl(path: Path, convert: Callable[[dict[str, Any]], Any]) -> Catalogue:
    loaded: list[Any] = []
    errors: list[LoadError] = []
    for n, row in _jsonl_rows(path):
        if isinstance(row, LoadError):
            errors.append(row)
            continue
        try:
            loaded.append(convert(row))
        except (KeyError, TypeError, ValueError) as e:
            errors.append(LoadError(str(path), n, f"{type(e).__name__}: {e}"))
    standards = [r for r in loaded if isinstance(r, StandardRecord)]
    products = [r for r in loaded if isinstance(r, ProductRecord)]
    return Catalogue(standards, products, errors)


_CONVERTERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "qcvn": qcvn_record,
    "tcvn": tcvn_record,
    "nhom2": product_record,
}


def load_file(path: str | Path) -> Catalogue:
    """One catalogue file, of the kind :func:`sniff` recognises; ValueError for any other."""
    path = Path(path)
    kind = sniff(path)
    if kind is None:
        raise ValueError(f"not a catalogue file: {path}")
    if kind == "csv":
        return load_csv(path)
    return _load_jsonl(path, _CONVERTERS[kind])


def load_folder(folder: str | Path) -> Catalogue:
    """Every catalogue file under ``folder`` (recursively, in name order); others are skipped."""
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file() and sniff(p))
    return Catalogue.build(load_file(p) for p in files)


def load_catalogue(path: str | Path) -> Catalogue:
    """The catalogue in ``path``: one catalogue file, or every one under a folder."""
    return load_folder(path) if Path(path).is_dir() else load_file(path)
