"""`kb ingest` reports what fails while it runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from field_corpus import kb_test_home
from typer.testing import CliRunner

from indexer.settings import get_settings
from kb.cli import app


def test_failures_are_printed_as_they_happen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 5: failure records were printed only at the end, so a stalled run said nothing."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a-empty.pdf").write_bytes(b"")
    (folder / "b-law.txt").write_text(
        "Điều 1. Phạm vi\nThông tư này quy định về đo lường.\n", encoding="utf-8"
    )
    monkeypatch.setenv("KB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KB_EMBEDDING_CACHE", str(kb_test_home() / "embeddings.sqlite"))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["ingest", str(folder)])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    failure = f"failed {folder / 'a-empty.pdf'}: empty file (0 bytes)"
    lines = result.output.splitlines()
    assert failure in lines
    assert lines.index(failure) < next(i for i, ln in enumerate(lines) if "Ingest summary" in ln)
    assert "1 files failed (each reported above)." in lines
