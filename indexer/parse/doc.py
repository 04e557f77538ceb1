"""Legacy Word .doc files: converted to DOCX with LibreOffice, then read like DOCX."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from indexer.parse.limits import RejectedFile


def doc_to_docx(data: bytes, *, timeout_s: float) -> bytes:
    """Convert .doc bytes to .docx bytes with ``soffice --headless --convert-to docx``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RejectedFile("legacy .doc needs LibreOffice (Debian: libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="kb-doc-") as tmp:
        source = Path(tmp, "input.doc")
        source.write_bytes(data)
        profile = Path(tmp, "profile").as_uri()
        command = [
            soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--convert-to", "docx", "--outdir", tmp, str(source),
        ]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired as exc:
            raise RejectedFile(f"LibreOffice conversion timed out after {timeout_s:.0f} s") from exc
        target = Path(tmp, "input.docx")
        if not target.exists():
            raise RejectedFile("LibreOffice could not convert this .doc file")
        return target.read_bytes()
