"""Bounds on the work spent on one file: size, time, memory, archive expansion, and the size of
what parsing gives (text, articles, chunks), so that every later step is bounded too."""

from __future__ import annotations

import resource
import zipfile
from dataclasses import dataclass
from io import BytesIO


class RejectedFile(Exception):
    """A file refused before or during parsing; the message is the reason shown to users."""


@dataclass(frozen=True)
class Limits:
    """Per-file bounds. The defaults fit the real corpus with a wide margin."""

    max_bytes: int = 32 * 1024 * 1024
    timeout_s: float = 180.0
    memory_bytes: int = 4 * 1024 * 1024 * 1024
    max_unzipped_bytes: int = 256 * 1024 * 1024
    max_zip_ratio: float = 200.0
    max_zip_members: int = 5000
    max_ocr_pages: int = 60
    #: Characters of text one file may give (the largest real file, a pháp-điển đề mục of
    #: 4 MB of HTML, gives about 1.5 million); what follows parsing costs time in proportion.
    max_text_chars: int = 4_000_000
    #: Articles one file may give (the largest real file has 1,677).
    max_articles: int = 20_000
    #: Chunks one document may give (the largest real document has 450).
    max_chunks: int = 20_000
    #: Characters between two spaces (the longest real word has 139): chunks are cut by
    #: words, so a longer run would make one huge chunk.
    max_word_chars: int = 1_000


def limit_memory(memory_bytes: int) -> None:
    """Cap this process's address space (run in each worker process)."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def zip_totals_refusal(members: list[zipfile.ZipInfo], limits: Limits) -> str | None:
    """Why a whole zip is refused (too many members, too large once unpacked), or None."""
    if len(members) > limits.max_zip_members:
        return f"zip container has {len(members)} members (limit {limits.max_zip_members})"
    total = sum(m.file_size for m in members)
    if total > limits.max_unzipped_bytes:
        limit = limits.max_unzipped_bytes
        return f"zip bomb suspected: {total} bytes once unpacked (limit {limit})"
    return None


def zip_member_refusal(member: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why one zip member is refused (it inflates like a zip bomb), or None."""
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > 1_000_000 and ratio > limits.max_zip_ratio:
        return f"zip bomb suspected: {member.filename} expands {ratio:.0f}×"
    return None


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse zip containers (DOCX) that are not zips or would expand too far (zip bombs)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise RejectedFile(f"not a valid DOCX (zip) container: {exc}") from exc
    with archive:
        members = archive.infolist()
        reasons = [zip_totals_refusal(members, limits)]
        reasons += [zip_member_refusal(member, limits) for member in members]
        if reason := next((r for r in reasons if r), None):
            raise RejectedFile(reason)
