"""One path policy for every walk: links and special files inside folders and archives are
reported, never read."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from indexer.models import ParsedDocument, ParseFailure
from indexer.parse import parse_paths
from indexer.parse.inputs import CHANGED_WHILE_READ, LINK_REFUSED, read_once
from indexer.parse.limits import Limits

SECRET = "root:x:0:0:root:/root:/bin/bash\n"
LAW = "THÔNG TƯ\nQuy định về đo lường\nĐiều 1. Phạm vi\nThông tư này quy định về đo lường.\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the ingested folder that must never reach the index."""
    path = tmp_path / "outside" / "passwd"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def _results(*paths: Path) -> tuple[list[ParsedDocument], dict[str, str]]:
    results = list(parse_paths(paths))
    docs = [r for r in results if isinstance(r, ParsedDocument)]
    failures = {r.path: r.reason for r in results if isinstance(r, ParseFailure)}
    return docs, failures


def _text(docs: list[ParsedDocument]) -> str:
    return "\n".join(n.full_text() for d in docs for n in d.nodes)


def test_links_and_fifos_in_a_folder_are_failures_never_read(tmp_path: Path, secret: Path) -> None:
    """Defect 2: a link to /etc/passwd in an ingested folder put that file in the index."""
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "law.txt").write_text(LAW, encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "etc.txt").symlink_to("/etc/passwd")
    (folder / "linked-dir").symlink_to(secret.parent, target_is_directory=True)
    (folder / "sub" / "dangling.txt").symlink_to(tmp_path / "missing")
    os.mkfifo(folder / "pipe.txt")
    docs, failures = _results(folder)
    assert [Path(d.meta.provenance.path).name for d in docs if d.meta.provenance] == ["law.txt"]
    assert "root:x:0:0" not in _text(docs)
    for name in ("passwd.txt", "etc.txt", "linked-dir", "sub/dangling.txt"):
        assert failures.pop(str(folder / name)) == LINK_REFUSED
    assert failures == {str(folder / "pipe.txt"): "not a regular file (a FIFO): not read"}


def _tar_with_links(path: Path, secret: Path) -> None:
    with tarfile.open(path, "w:gz") as archive:
        data = LAW.encode()
        law = tarfile.TarInfo("docs/law.txt")
        law.size = len(data)
        archive.addfile(law, io.BytesIO(data))
        for name, kind, target in (
            ("docs/passwd.txt", tarfile.SYMTYPE, str(secret)),
            ("docs/copy.txt", tarfile.LNKTYPE, "docs/law.txt"),
            ("docs/tty.txt", tarfile.CHRTYPE, ""),
            ("docs/pipe.txt", tarfile.FIFOTYPE, ""),
        ):
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, target
            archive.addfile(info)


def test_links_and_devices_in_a_tar_are_failures_never_read(tmp_path: Path, secret: Path) -> None:
    """Defect 2: archive members that are links or devices are reported, not followed."""
    archive = tmp_path / "docs.tar.gz"
    _tar_with_links(archive, secret)
    docs, failures = _results(archive)
    assert [d.meta.provenance.path for d in docs if d.meta.provenance] == [
        f"{archive}#docs/law.txt"
    ]
    assert failures == {
        f"{archive}#docs/passwd.txt": LINK_REFUSED,
        f"{archive}#docs/copy.txt": LINK_REFUSED,
        f"{archive}#docs/tty.txt": "not a regular file (a device): not read",
        f"{archive}#docs/pipe.txt": "not a regular file (a FIFO): not read",
    }


def test_a_symlink_in_a_zip_is_a_failure(tmp_path: Path) -> None:
    """Defect 2: a zip member stored as a symbolic link is refused, never read as text."""
    archive = tmp_path / "docs.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("law.txt", LAW)
        link = zipfile.ZipInfo("passwd.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zipped.writestr(link, "/etc/passwd")
    docs, failures = _results(archive)
    assert len(docs) == 1 and "/etc/passwd" not in _text(docs)
    assert failures == {f"{archive}#passwd.txt": LINK_REFUSED}


def test_a_path_named_by_the_caller_is_read_even_through_a_link(tmp_path: Path) -> None:
    """The paths the operator names are read as given; only walks refuse links."""
    law = tmp_path / "law.txt"
    law.write_text(LAW, encoding="utf-8")
    (tmp_path / "named.txt").symlink_to(law)
    docs, failures = _results(tmp_path / "named.txt")
    assert len(docs) == 1 and failures == {}


def test_a_file_that_changes_while_it_is_read_is_a_failure(tmp_path: Path) -> None:
    """A law still being copied in (appended to between the reader's stat and its read) is
    refused, never indexed half-written; read again once complete, it is a document."""
    path = tmp_path / "law.txt"
    path.write_text(LAW, encoding="utf-8")
    with path.open("rb") as handle:
        before = os.fstat(handle.fileno())
        with path.open("a", encoding="utf-8") as writer:
            writer.write("Điều 2. Hiệu lực\n")
        assert read_once(path, handle, before, Limits()) == ParseFailure(
            str(path), CHANGED_WHILE_READ
        )
    docs, failures = _results(path)
    assert failures == {} and len(docs) == 1
    assert [n.number for n in docs[0].articles()] == ["1", "2"]
