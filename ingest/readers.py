"""Readers: files that are records or lists rather than texts, claimed by their content.

The parsers of :mod:`indexer.parse` read texts. A :class:`Reader` claims other files as the
ingest walks its paths (a catalogue JSONL, an agency CSV, the vbpl.vn list) and reads them
into documents, failures (a bad line keeps its number) and source artefacts, which are
stored as they are. :class:`Claims` is the predicate ``parse_paths`` skips claimed files
with; it remembers which reader claimed which file, so every file is read by exactly one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from indexer.models import ParsedDocument, ParseFailure, Provenance
from indexer.parse.batch import OriginLookup


@dataclass(frozen=True)
class SourceArtifact:
    """A named blob read from a source file and stored as it is (not derived from chunks)."""

    name: str
    data: bytes
    path: str


ReaderItem = ParsedDocument | ParseFailure | SourceArtifact


class Reader(Protocol):
    """Claims files by content and reads them; ``collection`` is where its documents go."""

    name: str
    collection: str

    def claims(self, path: Path) -> bool:
        """Whether this reader reads the file (decided from its first bytes, cheaply)."""
        ...

    def read(self, paths: Sequence[Path], origin: OriginLookup | None) -> Iterator[ReaderItem]:
        """Documents, failures and artefacts of the claimed files, read together."""
        ...


class Claims:
    """The ``skip`` predicate of ``parse_paths``: the first reader that claims a file gets it."""

    def __init__(self, readers: Sequence[Reader]) -> None:
        self.readers = readers
        self.files: dict[int, dict[Path, None]] = {i: {} for i in range(len(readers))}

    def __call__(self, path: Path) -> bool:
        for i, reader in enumerate(self.readers):
            if reader.claims(path):
                self.files[i][path] = None
                return True
        return False

    def read(self, origin: OriginLookup | None) -> Iterator[ReaderItem]:
        """What the readers give for the files they claimed (call after the walk)."""
        for i, reader in enumerate(self.readers):
            if self.files[i]:
                yield from reader.read(list(self.files[i]), origin)


def head(path: Path, size: int = 65536) -> bytes:
    """The first bytes of a file (empty when it cannot be read)."""
    try:
        with path.open("rb") as f:
            return f.read(size)
    except OSError:
        return b""


def file_provenance(path: Path, origin: OriginLookup | None) -> Provenance:
    """Source name ("local" when the manifest knows none), path, sha256 and URL of a file."""
    source, url = (origin(path) if origin else None) or ("local", None)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Provenance(source=source, path=str(path), sha256=digest, url=url)
