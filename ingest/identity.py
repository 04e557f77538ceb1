"""One identity rule for documents across ingest runs: an update or a duplicate.

A document's id comes from its number, else its title, else its file (name and content
hash, :func:`indexer.structure.ids.file_document_id`), so different untitled files never
share one. Two files giving the same id within one run are settled by
:func:`indexer.parse.batch.unique_documents` (the most complete kept, the others reported).
Across runs, an id already stored from another file is an update when that file is part of
this run or no longer exists (moved, renamed, an upload's temporary copy), and a duplicate
otherwise: the stored document is kept and the new file is reported, never written over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from indexer.models import ParsedDocument, ParseFailure
from indexer.store.base import Store


def _root(label: str) -> Path:
    """The file on disk behind a provenance path ("…/a.zip#member.txt" → …/a.zip)."""
    return Path(label.split("#", 1)[0]).resolve()


class StoredOwners:
    """The source file of every stored document, read once at the start of a run."""

    def __init__(self, store: Store, paths: Sequence[str | Path]) -> None:
        self.roots = [Path(p).resolve() for p in paths]
        self.sources = {
            meta.id: meta.provenance.path
            for meta in store.list_documents()
            if meta.provenance is not None
        }

    def _in_this_run(self, source: Path) -> bool:
        return any(source == root or root in source.parents for root in self.roots)

    def claim(self, doc: ParsedDocument) -> ParsedDocument | ParseFailure:
        """``doc`` when it may be written, else the failure record of a duplicate."""
        stored = self.sources.get(doc.meta.id)
        if stored is None or doc.meta.provenance is None or stored == doc.meta.provenance.path:
            return doc
        source = _root(stored)
        if self._in_this_run(source) or not source.exists():
            return doc
        return ParseFailure(
            doc.meta.provenance.path,
            f"skipped: duplicate of document {doc.meta.id} already indexed from {stored}",
        )
