"""Bounds on the work spent on one file: size, time, memory, archive expansion."""

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


def limit_memory(memory_bytes: int) -> None:
    """Cap this process's address space (run in each worker process)."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse zip containers (DOCX) that are not zips or would expand too far (zip bombs)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise RejectedFile(f"not a valid DOCX (zip) container: {exc}") from exc
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            raise RejectedFile(
                f"zip container has {len(members)} members (limit {limits.max_zip_members})"
            )
        total = sum(m.file_size for m in members)
        if total > limits.max_unzipped_bytes:
            limit = limits.max_unzipped_bytes
            raise RejectedFile(f"zip bomb suspected: {total} bytes once unpacked (limit {limit})")
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1_000_000 and ratio > limits.max_zip_ratio:
                raise RejectedFile(f"zip bomb suspected: {member.filename} expands {ratio:.0f}×")
