"""One identity rule for documents: different files never overwrite or drop each other, the
same file keeps its id, and a genuine duplicate is reported, never silently lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.store.sqlite import SqliteStore
from ingest.pipeline import Ingestor

UNTITLED = "Điều 1. Phạm vi\nNội dung về {topic}.\n"
LAW = "LUẬT\nĐO LƯỜNG\nLuật số: 04/2011/QH13\nĐiều 1. Phạm vi\nNội dung về {topic}.\n"


@pytest.fixture
def ingestor(tmp_path: Path) -> Ingestor:
    """A lexical-only ingest into a fresh embedded store."""
    return Ingestor(SqliteStore(tmp_path / "store"), None)


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _texts(ingestor: Ingestor) -> list[str]:
    return sorted(hit.chunk.text for hit in ingestor.store.scan())


def test_same_file_name_in_two_folders_are_two_documents(
    tmp_path: Path, ingestor: Ingestor
) -> None:
    """Defect 3: the second folder's ghi-chu.txt overwrote the first ("chunks updated 1")."""
    first = _write(tmp_path / "a" / "ghi-chu.txt", UNTITLED.format(topic="kiểm định"))
    second = _write(tmp_path / "b" / "ghi-chu.txt", UNTITLED.format(topic="hiệu chuẩn"))
    ingestor.ingest([first.parent])
    again = ingestor.ingest([second.parent])
    assert (again.added, again.updated, again.failed) == (1, 0, [])
    assert _texts(ingestor) == ["Nội dung về hiệu chuẩn.", "Nội dung về kiểm định."]
    ids = [meta.id for meta in ingestor.store.list_documents()]
    assert len(ids) == 2 and all(i.startswith("ghi-chu-") for i in ids)


def test_same_stem_with_other_extensions_in_one_run_are_kept(
    tmp_path: Path, ingestor: Ingestor
) -> None:
    """Defect 3: invalid_utf8.txt was dropped as a "duplicate" of invalid_utf8.html."""
    folder = tmp_path / "corpus"
    _write(folder / "invalid_utf8.txt", UNTITLED.format(topic="đo lường").encode() + b"\xff\xfe")
    _write(folder / "invalid_utf8.md", UNTITLED.format(topic="chất lượng"))
    summary = ingestor.ingest([folder])
    assert (summary.documents, summary.failed) == (2, [])
    assert len(ingestor.store.list_documents()) == 2


def test_re_ingesting_a_file_gives_it_the_same_id(tmp_path: Path, ingestor: Ingestor) -> None:
    """Defect 3: an id derived from the file is stable for the same file."""
    folder = tmp_path / "corpus"
    _write(folder / "ghi-chu.txt", UNTITLED.format(topic="kiểm định"))
    first = ingestor.ingest([folder])
    ids = [meta.id for meta in ingestor.store.list_documents()]
    second = ingestor.ingest([folder])
    assert (second.unchanged, second.added, second.updated) == (first.added, 0, 0)
    assert [meta.id for meta in ingestor.store.list_documents()] == ids


def test_a_genuine_duplicate_from_another_file_is_reported_and_loses_nothing(
    tmp_path: Path, ingestor: Ingestor
) -> None:
    """Defect 3: the same document number from two files is reported, not written over."""
    original = _write(tmp_path / "a" / "luat.txt", LAW.format(topic="kiểm định"))
    copy = _write(tmp_path / "b" / "ban-sao.txt", LAW.format(topic="hiệu chuẩn"))
    ingestor.ingest([original.parent])
    duplicate = ingestor.ingest([copy.parent])
    assert [(f.path, f.reason) for f in duplicate.failed] == [
        (
            str(copy),
            f"skipped: duplicate of document 04-2011-qh13 already indexed from {original}",
        )
    ]
    assert (duplicate.added, duplicate.updated) == (0, 0)
    assert _texts(ingestor) == ["Nội dung về kiểm định."]
    # once the first file is gone, the other one is its update
    original.unlink()
    moved = ingestor.ingest([copy.parent])
    assert (moved.updated, moved.failed) == (1, [])
    assert _texts(ingestor) == ["Nội dung về hiệu chuẩn."]
