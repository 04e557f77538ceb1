"""Expand the paths given to the parser into input items: files, directory trees, archives.

One path policy for every walk: the paths the caller names are read as given, but nothing
found inside a folder or an archive is followed. A symbolic link (or, in an archive, a hard
link), a device, a FIFO or a socket becomes a failure record saying so, and is never read;
walked files are opened with ``O_NOFOLLOW``, so a file swapped for a link after the walk is
refused too. Zip archives are refused when they would unpack too far, and a member that
inflates like a zip bomb is refused alone. A file is read once; one that changes while it is
read is a failure rather than a document made of two versions.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from indexer.models import ParseFailure
from indexer.parse.limits import Limits, zip_member_refusal, zip_totals_refusal

_TAR_SUFFIXES = (".tar", ".tar.xz", ".txz", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2")
LINK_REFUSED = "symbolic link: not followed (links inside folders and archives are never read)"
CHANGED_WHILE_READ = (
    "the file changed while it was being read (still being written?): not indexed; "
    "ingest it again once it is complete"
)
_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
}


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


#: Says whether a file on disk is read by someone else (it is then not parsed here).
SkipFile = Callable[[Path], bool]


def expand(
    paths: Iterable[str | Path], limits: Limits, skip: SkipFile | None = None
) -> Iterator[Item | ParseFailure]:
    """Items in a stable order: directories sorted and walked, archives read member by member;
    the regular files ``skip`` claims are left out (it is never asked about a link)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(_walk(path)):
                yield from _file(child, limits, skip, follow=False)
        elif path.is_file():
            yield from _file(path, limits, skip, follow=True)
        else:
            yield ParseFailure(str(path), "no such file or directory")


def _walk(root: Path) -> Iterator[Path]:
    """Every entry below ``root`` that is not a directory; linked directories are not entered."""
    folders = [root]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                else:
                    yield Path(entry.path)


def _not_regular(mode: int) -> str | None:
    """Why an entry of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return LINK_REFUSED
    return f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'a special file')}): not read"


def _open(path: Path, follow: bool) -> BinaryIO:
    """The file opened for reading; ``follow=False`` refuses a symbolic link (ELOOP)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow else os.O_NOFOLLOW)
    return os.fdopen(os.open(path, flags), "rb")


def _file(
    path: Path, limits: Limits, skip: SkipFile | None, *, follow: bool
) -> Iterator[Item | ParseFailure]:
    if not follow and (reason := _not_regular(path.lstat().st_mode)):
        yield ParseFailure(str(path), reason)
        return
    if skip is not None and skip(path):
        return
    try:
        handle = _open(path, follow)
    except OSError as exc:
        yield ParseFailure(str(path), LINK_REFUSED if path.is_symlink() else f"unreadable: {exc}")
        return
    with handle:
        info = os.fstat(handle.fileno())
        if reason := _not_regular(info.st_mode):
            yield ParseFailure(str(path), reason)
        elif is_archive(path) and info.st_size == 0:
            yield ParseFailure(str(path), "empty file (0 bytes)")
        elif is_archive(path):
            yield from _archive(path, handle, limits)
        elif failure := _too_large(str(path), info.st_size, limits):
            yield failure
        else:
            yield read_once(path, handle, info, limits)


def read_once(
    path: Path, handle: BinaryIO, before: os.stat_result, limits: Limits
) -> Item | ParseFailure:
    """The file's bytes, read once; a file that changed meanwhile (length or modification
    time) is a failure, since its bytes may mix two versions or end mid-write."""
    data = handle.read(limits.max_bytes + 1)
    if failure := _too_large(str(path), len(data), limits):
        return failure
    after = os.fstat(handle.fileno())
    if len(data) != before.st_size or (after.st_size, after.st_mtime_ns) != (
        before.st_size,
        before.st_mtime_ns,
    ):
        return ParseFailure(str(path), CHANGED_WHILE_READ)
    return Item(str(path), path.name, data, path)


def _too_large(label: str, size: int, limits: Limits) -> ParseFailure | None:
    if size > limits.max_bytes:
        return ParseFailure(label, f"file too large: {size} bytes (limit {limits.max_bytes})")
    return None


def _archive(path: Path, handle: BinaryIO, limits: Limits) -> Iterator[Item | ParseFailure]:
    try:
        if path.name.lower().endswith(".zip"):
            yield from _zip_members(path, handle, limits)
        else:
            yield from _tar_members(path, handle, limits)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as exc:
        yield ParseFailure(str(path), f"unreadable archive: {exc}")


def _tar_refusal(info: tarfile.TarInfo) -> str | None:
    if info.issym() or info.islnk():
        return LINK_REFUSED
    if info.isfile():
        return None
    kind = "a device" if info.ischr() or info.isblk() else "a FIFO" if info.isfifo() else "special"
    return f"not a regular file ({kind}): not read"


def _unsafe_name(name: str) -> str | None:
    """Why an archive member's name is refused (absolute, or climbing out with '..'), or None.
    Members are never extracted to disk, but such a name only comes from a crafted archive."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or ".." in parts:
        return "unsafe name in the archive (absolute or with '..'): not read"
    return None


def _tar_members(path: Path, handle: BinaryIO, limits: Limits) -> Iterator[Item | ParseFailure]:
    unpacked = 0
    with tarfile.open(fileobj=handle, mode="r:*") as archive:
        for info in archive:
            label = f"{path}#{info.name}"
            if info.isdir():
                continue
            if reason := _unsafe_name(info.name) or _tar_refusal(info):
                yield ParseFailure(label, reason)
                continue
            if failure := _too_large(label, info.size, limits):
                yield failure
                continue
            unpacked += info.size
            if unpacked > limits.max_unzipped_bytes:
                limit = limits.max_unzipped_bytes
                yield ParseFailure(
                    str(path), f"archive unpacks beyond {limit} bytes: not read from {info.name}"
                )
                return
            member = archive.extractfile(info)
            if member is not None:
                yield Item(label, Path(info.name).name, member.read(), path)


def _zip_refusal(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    mode = info.external_attr >> 16  # Unix mode; its type bits are often left unset
    if stat.S_IFMT(mode) and (reason := _not_regular(mode)):
        return reason
    if info.file_size > limits.max_bytes:
        return f"file too large: {info.file_size} bytes (limit {limits.max_bytes})"
    return zip_member_refusal(info, limits)


def _zip_members(path: Path, handle: BinaryIO, limits: Limits) -> Iterator[Item | ParseFailure]:
    with zipfile.ZipFile(handle) as archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if reason := zip_totals_refusal(members, limits):
            yield ParseFailure(str(path), reason)
            return
        for info in members:
            if reason := _unsafe_name(info.filename) or _zip_refusal(info, limits):
                yield ParseFailure(f"{path}#{info.filename}", reason)
                continue
            name = Path(info.filename).name
            yield Item(f"{path}#{info.filename}", name, archive.read(info), path)
