"""Every file's whole path is bounded: archives by size and ratio, parsed text by length,
articles, words and chunks; failure reasons survive the worker process."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from parse_data import raw

from indexer.models import ParsedDocument, ParseFailure
from indexer.parse import Limits, parse_paths

LAW = "THÔNG TƯ\nQuy định về đo lường\n" + "".join(
    f"Điều {n}. Điều khoản số {n}\nNội dung của điều {n} về đo lường.\n" for n in range(1, 6)
)


def _failures(*paths: Path, limits: Limits | None = None) -> dict[str, str]:
    results = list(parse_paths(paths, limits=limits))
    return {Path(r.path).name: r.reason for r in results if isinstance(r, ParseFailure)}


def _documents(*paths: Path, limits: Limits | None = None) -> list[ParsedDocument]:
    return [r for r in parse_paths(paths, limits=limits) if isinstance(r, ParsedDocument)]


def test_a_small_zip_of_a_huge_single_token_is_refused(tmp_path: Path) -> None:
    """Defect 5: a 30 KB zip holding 30 MB of one token stalled `kb ingest` for minutes."""
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("a.txt", "a" * 30_000_000)
    assert archive.stat().st_size < 100_000
    (tmp_path / "law.txt").write_text(LAW, encoding="utf-8")
    results = list(parse_paths([archive, tmp_path / "law.txt"]))
    assert results[0] == ParseFailure(f"{archive}#a.txt", "zip bomb suspected: a.txt expands 1028×")
    assert isinstance(results[1], ParsedDocument)


def test_a_zip_that_unpacks_too_far_is_refused_whole(tmp_path: Path) -> None:
    """Defect 5: zip members only had the per-file limit, no total."""
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for n in range(3):
            zipped.writestr(f"law-{n}.txt", LAW)
    size = len(LAW.encode())
    limits = Limits(max_unzipped_bytes=2 * size)
    assert _failures(archive, limits=limits) == {
        "many.zip": f"zip bomb suspected: {3 * size} bytes once unpacked (limit {2 * size})"
    }


def test_text_without_word_breaks_is_refused(tmp_path: Path) -> None:
    """Defect 5: one 30 MB "word" made one chunk that the embedder never finished."""
    path = tmp_path / "token.txt"
    path.write_text(LAW + "x" * 5_000 + "\n", encoding="utf-8")
    assert _failures(path) == {
        "token.txt": "text without word breaks: a run of 5000 characters (limit 1000)"
    }


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        (Limits(max_articles=4), "too many articles: 5 (limit 4)"),
        (Limits(max_chunks=4), "too many chunks in document thong-tu-quy-dinh-ve-do-luong: 5"),
        (Limits(max_text_chars=100), "too much text: "),
    ],
)
def test_what_a_file_gives_is_bounded(tmp_path: Path, limits: Limits, reason: str) -> None:
    """Defect 5: articles per file, chunks per document and text per file are capped."""
    path = tmp_path / "law.txt"
    path.write_text(LAW, encoding="utf-8")
    assert _documents(path) and _documents(path)[0].meta.id == "thong-tu-quy-dinh-ve-do-luong"
    failures = _failures(path, limits=limits)
    assert list(failures) == ["law.txt"] and failures["law.txt"].startswith(reason)


def _billion_laughs(path: Path) -> None:
    """A real DOCX whose document part expands entities exponentially."""
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    part = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    source = raw("docs_original_formats/docx/LUATANNINHMANG.docx")
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as copy:
        for info in original.infolist():
            data = part.encode() if info.filename == "word/document.xml" else original.read(info)
            copy.writestr(info, data)


def test_an_unpicklable_parser_error_keeps_its_reason(tmp_path: Path) -> None:
    """Defect 11: billion_laughs.docx was reported as "cannot pickle '..._ListErrorLog'"."""
    path = tmp_path / "billion_laughs.docx"
    _billion_laughs(path)
    reason = _failures(path)["billion_laughs.docx"]
    assert reason.startswith("not a valid DOCX") and "XMLSyntaxError" in reason, reason
    assert "amplification" in reason, reason
    assert "pickle" not in reason


def test_html_nested_too_deeply_says_so(tmp_path: Path) -> None:
    """Defect 11: a 100k-deep HTML holding a real article was reported as "no text found"."""
    depth = 100_000
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body>" + "<div>" * depth + "<p>Điều 1. Phạm vi điều chỉnh</p>"
        "<p>Thông tư này quy định về đo lường.</p>" + "</div>" * depth + "</body></html>",
        encoding="utf-8",
    )
    assert _failures(path) == {
        "deep.html": "HTML nested too deeply: elements more than 256 levels deep cannot be read"
    }
