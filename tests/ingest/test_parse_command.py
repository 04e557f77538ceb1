"""``kb parse FILE --json`` and the readable tree."""

from __future__ import annotations

import json
from pathlib import Path

from raw_data import raw
from typer.testing import CliRunner

from kb.cli import app


def test_parse_json(tmp_path: Path) -> None:
    law = raw("docs_original_formats/pdf/49-2026-ND-CP.pdf")
    (tmp_path / "x.bin").write_bytes(b"\x00\x01")
    result = CliRunner().invoke(app, ["parse", str(law), str(tmp_path / "x.bin"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    (document,) = report["documents"]
    assert document["meta"]["number"] == "49/2026/NĐ-CP"
    assert document["meta"]["provenance"]["source"] == "pdf-originals"
    assert [n["kind"] for n in document["nodes"]][:1] == ["chuong"]
    assert report["chunks"][0]["id"] == "49-2026-nd-cp/d1"
    assert report["chunks"][0]["citation"]["label"] == "Điều 1 Nghị định 49/2026/NĐ-CP"
    assert report["failures"] == [
        {"path": str(tmp_path / "x.bin"), "reason": "unsupported file type (.bin)"}
    ]


def test_parse_tree(tmp_path: Path) -> None:
    text = tmp_path / "tt.txt"
    text.write_text("THÔNG TƯ\nĐiều 1. Phạm vi\n1. Khoản một.\na) Điểm a.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(text)])
    assert result.exit_code == 0, result.output
    assert "Điều 1. Phạm vi" in result.stdout and "a)" in result.stdout
    assert "1 articles, 1 chunks" in result.stdout
    missing = CliRunner().invoke(app, ["parse", str(tmp_path / "none.pdf")])
    assert missing.exit_code == 1
    assert "no such file or directory" in " ".join(missing.stdout.split())
