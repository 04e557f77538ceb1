"""Legacy .doc: a real DOCX converted with LibreOffice at test time parses like the DOCX."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from parse_data import parse_all, raw

from indexer.models import ParsedDocument


def _summary(doc: ParsedDocument) -> list[tuple[str, str, str]]:
    return [(a.number, a.title, " ".join(a.full_text().split())) for a in doc.articles()]


@pytest.mark.slow
def test_doc_parse_matches_docx(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (Debian libreoffice-writer-nogui) is required"
    docx = raw("docs_original_formats/docx/LUATANNINHMANG.docx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    doc_file = tmp_path / "LUATANNINHMANG.doc"
    assert doc_file.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # OLE: a real legacy .doc
    (from_docx,) = parse_all(docx)[0].values()
    docs, failures = parse_all(doc_file)
    assert failures == []
    (from_doc,) = docs.values()
    assert from_doc.meta.number == from_docx.meta.number == "24/2018/QH14"
    assert from_doc.meta.title == from_docx.meta.title
    assert _summary(from_doc) == _summary(from_docx)
