"""Ingesting the standards catalogue, on both stores: every line loads, by content; a bad
CSV row is a line-numbered failure and the rest loads; the store alone gives the catalogue
back; full texts and records are linked; who mentions which number is derived."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from field_corpus import kb_test_home
from raw_data import raw
from typer.testing import CliRunner

from indexer.settings import get_settings
from indexer.store.base import Filters, Store
from indexer.store.opensearch.store import OpenSearchStore
from indexer.store.sqlite import SqliteStore
from ingest.catalogue_derived import load_catalogue, load_mentions, load_vbpl_links
from ingest.pipeline import Ingestor, IngestSummary
from kb.cli import app
from standards.csv_import import export_csv
from standards.documents import COLLECTION
from standards.loaders import load_folder

CATALOGUE_DOCUMENTS = 993 + 36  # standards (451 QCVN lines + 542 TCVN lines), nhóm-2 rows


def test_the_default_corpus_loads_every_catalogue_line(
    standards_ingest: tuple[Store, IngestSummary],
) -> None:
    store, summary = standards_ingest
    assert summary.failed == []
    assert summary.sources == ["vbpl-links"]
    records = store.list_documents(Filters(collections=[COLLECTION]))
    assert len(records) == CATALOGUE_DOCUMENTS
    assert store.count(Filters(collections=[COLLECTION])) == CATALOGUE_DOCUMENTS  # a chunk each
    types = [m.record["type"] for m in records if m.record]
    assert (types.count("standard"), types.count("product")) == (993, 36)
    assert len(load_vbpl_links(store)) > 1100


def test_the_store_alone_gives_the_catalogue_back(standards_store: Store) -> None:
    """The derived catalogue equals the one loaded from the files, plus the records made
    from the full text the catalogue lacks (QCVN 06:2022/BXD and its Sửa đổi 1:2023)."""
    stored = load_catalogue(standards_store)
    files = load_folder(raw("catalogues"))
    added = {r.number for r in stored.catalogue} - {r.number for r in files}
    assert added == {"QCVN 06:2022/BXD", "Sửa đổi 1:2023 QCVN 06:2022/BXD"}
    assert len(stored.catalogue) == len(files) + 2
    assert stored.catalogue.products == files.products
    for record in files:
        again = stored.catalogue.get(record.key)
        assert again is not None and again.replaces == record.replaces, record.number
    qcvn06 = stored.catalogue.resolve("QCVN 06:2022/BXD")
    assert qcvn06 is not None and qcvn06.amendments == ("Sửa đổi 1:2023 QCVN 06:2022/BXD",)
    amendment = stored.catalogue.resolve("Sửa đổi 1:2023 QCVN 06:2022/BXD")
    assert amendment is not None and amendment.issuing_document == "Thông tư 09/2023/TT-BXD"
    assert stored.full_texts == {
        "qcvn_6_2022_bxd": "qcvn-06-2022-bxd",
        "qcvn_32_2026_bxd": "qcvn-32-2026-bxd",
    }


def test_who_mentions_which_number(standards_store: Store) -> None:
    mentions = load_mentions(standards_store)
    helmets = mentions["qcvn_2_2008_bkhcn"]
    assert {m.doc for m in helmets} >= {"23-2009-tt-bkhcn"}
    assert all("QCVN 2:2008/BKHCN" in m.snippet for m in helmets)
    assert not any(m.doc.startswith("danh-muc-") for ms in mentions.values() for m in ms)
    qcvn06 = [m for ms in mentions.values() for m in ms if m.doc == "qcvn-06-2022-bxd"]
    assert qcvn06 and all(m.section for m in qcvn06)  # clauses of the full text cite TCVNs
    assert "qcvn_6_2022_bxd" not in {m.key for m in qcvn06}  # its own number is no mention


@pytest.fixture(params=["sqlite", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    store: Store
    if request.param == "sqlite":
        store = SqliteStore(tmp_path / "store")
    else:
        url = request.getfixturevalue("opensearch_url")
        store = OpenSearchStore(url, prefix=f"test-csv-{uuid.uuid4().hex[:8]}")
    yield store
    if isinstance(store, OpenSearchStore):
        store.drop()
    store.close()


BAD_ROWS = """number,kind,title_vi,agency,issued_date
QCVN 99:2030/BKHCN,QCVN,Quy chuẩn thử nghiệm,BKHCN,15/03/2030
,QCVN,Thiếu số hiệu,BKHCN,
QCVN 97:2030/BKHCN,,Ngày sai,BKHCN,31/02/2030
"""


def test_an_agency_csv_loads_by_content_and_a_bad_row_keeps_its_line(
    empty_store: Store, tmp_path: Path
) -> None:
    """An export of the catalogue round-trips through the store; a CSV with bad rows loads
    its good rows and names the bad lines; a file that failed keeps its documents."""
    folder = tmp_path / "agency"
    folder.mkdir()
    records = load_folder(raw("catalogues")).records[:40]
    export_csv(records, folder / "danh-muc-cua-bo.txt")  # any name: read by content
    ingest = Ingestor(empty_store, None)
    first = ingest.ingest([folder])
    assert (first.documents, first.failed) == (40, [])
    stored = load_catalogue(empty_store).catalogue
    assert sorted(stored.records, key=lambda r: r.key) == sorted(records, key=lambda r: r.key)
    (folder / "them.csv").write_text(BAD_ROWS, encoding="utf-8")
    second = ingest.ingest([folder])
    assert [(Path(f.path).name, f.reason) for f in second.failed] == [
        ("them.csv", "dòng 3: thiếu số hiệu (cột number)"),
        ("them.csv", "dòng 4: ngày không hợp lệ ở cột issued_date: '31/02/2030' "
                     "(YYYY-MM-DD hoặc DD/MM/YYYY)"),
    ]  # fmt: skip
    assert second.documents == 41 and second.unchanged == 40
    assert load_catalogue(empty_store).catalogue.resolve("QCVN 99:2030/BKHCN") is not None
    shutil.rmtree(folder)
    gone = ingest.ingest([folder])
    assert [f.reason for f in gone.failed] == ["no such file or directory"]
    assert len(empty_store.list_documents(Filters(collections=[COLLECTION]))) == 41


def test_kb_ingest_takes_one_catalogue_file_and_says_what_it_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kb ingest …/catalogues/nhom2.jsonl`: one file of the catalogue, recognised by content."""
    monkeypatch.setenv("KB_HOME", str(tmp_path))
    monkeypatch.setenv("KB_STORE", "embedded")
    monkeypatch.setenv("KB_EMBEDDING_CACHE", str(kb_test_home() / "embeddings.sqlite"))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["ingest", str(raw("catalogues/nhom2.jsonl"))])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    store = SqliteStore(tmp_path / "stores" / "kb")
    try:
        assert len(store.list_documents(Filters(collections=[COLLECTION]))) == 36
        assert len(load_catalogue(store).catalogue.products) == 36
    finally:
        store.close()


def test_a_record_gone_from_a_file_given_by_a_relative_path_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Provenance keeps the path as given ("agency/list.csv"); it still counts as the file."""
    monkeypatch.chdir(tmp_path)
    Path("agency").mkdir()
    rows = "number,title_vi,agency\nQCVN 98:2030/BKHCN,Một,BKHCN\nQCVN 99:2030/BKHCN,Hai,BKHCN\n"
    Path("agency/list.csv").write_text(rows, encoding="utf-8")
    store = SqliteStore(tmp_path / "store")
    try:
        assert Ingestor(store, None).ingest([Path("agency")]).documents == 2
        Path("agency/list.csv").write_text(rows.rsplit("QCVN 99", 1)[0], encoding="utf-8")
        again = Ingestor(store, None).ingest([Path("agency")])
        assert again.deleted_documents == 1
        assert [m.number for m in store.list_documents()] == ["QCVN 98:2030/BKHCN"]
    finally:
        store.close()
