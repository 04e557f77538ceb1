"""parse_paths over several inputs: one document per id, the most complete copy kept."""

from __future__ import annotations

from pathlib import Path

from indexer.models import ParsedDocument, ParseFailure
from indexer.parse import parse_paths

LAW = "LUẬT\nĐO LƯỜNG\nLuật số: 04/2011/QH13\nĐiều 1. Phạm vi\nNội dung.\n"


def test_same_document_twice_keeps_the_most_complete(tmp_path: Path) -> None:
    short = tmp_path / "a.txt"
    short.write_text(LAW, encoding="utf-8")
    full = tmp_path / "b.txt"
    full.write_text(LAW + "Điều 2. Giải thích từ ngữ\nNội dung.\n", encoding="utf-8")
    results = list(parse_paths([short, full], collection="test"))
    docs = [r for r in results if isinstance(r, ParsedDocument)]
    skipped = [r for r in results if isinstance(r, ParseFailure)]
    assert [d.meta.id for d in docs] == ["04-2011-qh13"]
    assert [a.number for a in docs[0].articles()] == ["1", "2"]
    assert docs[0].meta.collection == "test"
    assert docs[0].meta.provenance is not None and docs[0].meta.provenance.source == "local"
    assert skipped == [
        ParseFailure(str(short), f"skipped: duplicate of document 04-2011-qh13 from {full}")
    ]


def test_files_another_reader_claims_are_not_parsed(tmp_path: Path) -> None:
    """A folder walk hands every file to ``skip``; the files it claims are left alone (no
    "unsupported file type" failure), in folders and when named directly."""
    (tmp_path / "law.txt").write_text(LAW, encoding="utf-8")
    (tmp_path / "records.jsonl").write_text('{"number": "QCVN 4:2009/BKHCN"}\n', "utf-8")
    asked: list[str] = []

    def claims(path: Path) -> bool:
        asked.append(path.name)
        return path.suffix == ".jsonl"

    results = list(parse_paths([tmp_path, tmp_path / "records.jsonl"], skip=claims))
    assert [r.meta.id for r in results if isinstance(r, ParsedDocument)] == ["04-2011-qh13"]
    assert [r for r in results if isinstance(r, ParseFailure)] == []
    assert asked == ["law.txt", "records.jsonl", "records.jsonl"]
    unclaimed = list(parse_paths([tmp_path / "records.jsonl"]))
    assert [r.reason for r in unclaimed if isinstance(r, ParseFailure)] == [
        "unsupported file type (.jsonl)"
    ]
