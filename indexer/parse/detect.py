"""Decide how to read a file from its name and first bytes."""

from __future__ import annotations

from typing import Literal

from indexer.parse.limits import RejectedFile
from indexer.parse.phapdien.html import is_phapdien_html

Kind = Literal["phapdien_html", "html", "docx", "doc", "pdf", "markdown", "text", "json"]

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BY_SUFFIX: dict[str, Kind] = {
    ".json.gz": "json", ".json": "json", ".html": "html", ".htm": "html", ".docx": "docx",
    ".doc": "doc", ".pdf": "pdf", ".md": "markdown", ".markdown": "markdown", ".txt": "text",
}  # fmt: skip


def detect(name: str, data: bytes) -> Kind:
    """The reader for a file; raises RejectedFile for empty or unsupported files."""
    if not data:
        raise RejectedFile("empty file (0 bytes)")
    lowered = name.lower()
    suffix = next((s for s in _BY_SUFFIX if lowered.endswith(s)), None)
    if suffix is None:
        ext = "." + lowered.rsplit(".", 1)[-1] if "." in lowered else "no extension"
        raise RejectedFile(f"unsupported file type ({ext})")
    kind = _BY_SUFFIX[suffix]
    if kind == "html" and is_phapdien_html(data):
        return "phapdien_html"
    if kind == "doc" and data.startswith(_ZIP):
        return "docx"  # a DOCX saved with a .doc name
    if kind == "doc" and not data.startswith(_OLE):
        raise RejectedFile("not a Word .doc file (no OLE header)")
    if kind in ("markdown", "text", "html") and b"\x00" in data[:65536]:
        raise RejectedFile("binary data in a text file")
    return kind
