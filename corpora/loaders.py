"""Load the manifest's sources as parsed documents.

The data root is ``$KB_DATA_ROOT`` or ``shared/datasets-raw`` beside the repository; see
``corpora/sources.toml`` for the sources. Parsing goes through ``indexer.parse.parse_paths``,
so every document carries its provenance (source name, path, sha256).
"""

from __future__ import annotations

from collections.abc import Iterator

from corpora.manifest import Source, data_root, get_source, origin_of, source_for_path, sources
from indexer.models import ParsedDocument, ParseFailure
from indexer.parse import parse_paths
from indexer.structure.ids import slugify

__all__ = [
    "Source",
    "data_root",
    "get_source",
    "law_doc_id",
    "load_source",
    "origin_of",
    "source_for_path",
    "sources",
]


def load_source(
    name: str, *, collection: str = "default"
) -> Iterator[ParsedDocument | ParseFailure]:
    """Parse every file of the source ``name``; failures are yielded, not raised."""
    source = get_source(name)
    if source.kind == "questions-json":
        raise ValueError(f"{name} holds questions: use corpora.questions.load_questions({name!r})")
    missing = [str(p) for p in source.inputs() if not p.exists()]
    if missing:
        raise FileNotFoundError(f"data of source {name!r} not found: {', '.join(missing)}")
    yield from parse_paths(source.inputs(), collection=collection, origin=origin_of)


def law_doc_id(law_id: str) -> str:
    """Document id of an ALQAC/VLSP law name: its title is the name, the id its slug."""
    return slugify(law_id)
