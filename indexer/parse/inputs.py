"""Expand the paths given to the parser into input items: files, directory trees, archives."""

from __future__ import annotations

import hashlib
import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.models import ParseFailure
from indexer.parse.limits import Limits

_TAR_SUFFIXES = (".tar", ".tar.xz", ".txz", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2")


@dataclass(frozen=True)
class Item:
    """One file to parse: its label (path, or "archive#member"), bytes and the file on disk."""

    label: str
    name: str
    data: bytes
    disk_path: Path

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def is_archive(path: Path) -> bool:
    """True for tar archives (any compression) and .zip files."""
    name = path.name.lower()
    return name.endswith(_TAR_SUFFIXES) or name.endswith(".zip")


def expand(paths: Iterable[str | Path], limits: Limits) -> Iterator[Item | ParseFailure]:
    """Items in a stable order: directories sorted and walked, archives read member by member."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _file(child, limits)
        elif path.is_file():
            yield from _file(path, limits)
        else:
            yield ParseFailure(str(path), "no such file or directory")


def _file(path: Path, limits: Limits) -> Iterator[Item | ParseFailure]:
    if is_archive(path):
        yield from _archive(path, limits)
        return
    size = path.stat().st_size
    if size > limits.max_bytes:
        yield ParseFailure(str(path), f"file too large: {size} bytes (limit {limits.max_bytes})")
        return
    yield Item(str(path), path.name, path.read_bytes(), path)


def _archive(path: Path, limits: Limits) -> Iterator[Item | ParseFailure]:
    try:
        if path.name.lower().endswith(".zip"):
            yield from _zip_members(path, limits)
        else:
            yield from _tar_members(path, limits)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as exc:
        yield ParseFailure(str(path), f"unreadable archive: {exc}")


def _member(path: Path, name: str, size: int, limits: Limits) -> ParseFailure | None:
    if size > limits.max_bytes:
        return ParseFailure(
            f"{path}#{name}", f"file too large: {size} bytes (limit {limits.max_bytes})"
        )
    return None


def _tar_members(path: Path, limits: Limits) -> Iterator[Item | ParseFailure]:
    with tarfile.open(path, mode="r:*") as archive:
        for info in archive:
            if not info.isfile():
                continue
            if failure := _member(path, info.name, info.size, limits):
                yield failure
                continue
            handle = archive.extractfile(info)
            if handle is not None:
                name = Path(info.name).name
                yield Item(f"{path}#{info.name}", name, handle.read(), path)


def _zip_members(path: Path, limits: Limits) -> Iterator[Item | ParseFailure]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if failure := _member(path, info.filename, info.file_size, limits):
                yield failure
                continue
            name = Path(info.filename).name
            yield Item(f"{path}#{info.filename}", name, archive.read(info), path)
