"""Hostile and broken input: one clear failure per file, the rest of the batch parsed."""

from __future__ import annotations

import gzip
import os
import time
import zipfile
from pathlib import Path

import pytest
from parse_data import raw

from indexer.models import ParsedDocument, ParseFailure
from indexer.parse import Limits, parse_paths


def _zip_bomb(path: Path) -> None:
    """A .docx whose document part inflates to 300 MB of zeros (a few hundred kB on disk)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(block)


@pytest.fixture
def hostile_dir(tmp_path: Path) -> dict[str, str]:
    """Generated hostile files beside one good law; name → expected reason fragment."""
    pdf = raw("docs_original_formats/pdf/49-2026-ND-CP.pdf").read_bytes()
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (tmp_path / "random.docx").write_bytes(os.urandom(20_000))
    _zip_bomb(tmp_path / "bomb.docx")
    (tmp_path / "script.html").write_text(
        "<html><body><script>alert('pwned'); var x = 1 < 2;</script>"
        "<p>Điều 1. Phạm vi điều chỉnh</p><p>Thông tư này quy định về đo lường.</p>"
        "<style>p { color: red }</style></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "only-script.html").write_text(
        "<html><head><script>document.location='http://evil.example/'</script></head></html>",
        encoding="utf-8",
    )
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "notes.xyz").write_text("hello", encoding="utf-8")
    (tmp_path / "good.pdf").write_bytes(pdf)
    return {
        "empty.pdf": "empty file",
        "truncated.pdf": "unreadable PDF",
        "random.docx": "not a valid DOCX",
        "bomb.docx": "zip bomb",
        "only-script.html": "no text found in the HTML (scripts and styles are not content)",
        "huge.txt": "file too large",
        "notes.xyz": "unsupported file type (.xyz)",
    }


def test_each_bad_file_gives_one_clear_failure(hostile_dir: dict[str, str], tmp_path: Path) -> None:
    start = time.perf_counter()
    results = list(parse_paths([tmp_path]))
    assert time.perf_counter() - start < 120
    failures = {Path(r.path).name: r.reason for r in results if isinstance(r, ParseFailure)}
    docs = [r for r in results if isinstance(r, ParsedDocument)]
    assert failures.keys() == hostile_dir.keys()
    for name, fragment in hostile_dir.items():
        assert fragment in failures[name], (name, failures[name])
    by_name = {Path(d.meta.provenance.path).name: d for d in docs if d.meta.provenance}
    assert by_name["good.pdf"].meta.number == "49/2026/NĐ-CP"
    page = by_name["script.html"]
    text = "\n".join(f"{n.title} {n.text}" for n in page.walk())
    assert "Thông tư này quy định về đo lường." in text
    assert "alert" not in text and "color" not in text


def _small_law(tmp_path: Path) -> Path:
    small = tmp_path / "small.txt"
    small.write_text("Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về đo lường.\n", "utf-8")
    return small


def test_a_file_over_its_time_budget_is_stopped(tmp_path: Path) -> None:
    scan = raw("docs_original_formats/pdf/199-2026-ND-CP.signed_SCANNED.pdf")
    start = time.perf_counter()
    results = list(parse_paths([scan, _small_law(tmp_path)], limits=Limits(timeout_s=3)))
    assert time.perf_counter() - start < 60
    assert results[0] == ParseFailure(str(scan), "timed out after 3 s")
    assert isinstance(results[1], ParsedDocument)


def _virtual_size() -> int:
    status = Path("/proc/self/status").read_text()
    kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmSize:"))
    return int(kib) * 1024


@pytest.mark.slow
def test_a_file_over_its_memory_budget_fails_alone(tmp_path: Path) -> None:
    """A small .json.gz that inflates to 240 MB of floats needs gigabytes once decoded."""
    bomb = tmp_path / "floats.json.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as handle:
        handle.write(b"[")
        for _ in range(60):
            handle.write(b"1.5," * 1_000_000)
        handle.write(b"1.5]")
    limits = Limits(memory_bytes=_virtual_size() + 768 * 1024 * 1024)
    results = list(parse_paths([bomb, _small_law(tmp_path)], limits=limits))
    assert isinstance(results[0], ParseFailure)
    assert "out of memory" in results[0].reason or "died" in results[0].reason
    assert isinstance(results[1], ParsedDocument)
