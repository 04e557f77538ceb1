"""One rule for what is derived from the indexed corpus (accent model, glossary, the
standards catalogue, who mentions which number, the legal graph, …).

Each derived artefact is stored with a stamp: the fingerprint of the chunk set it was built
from and the version of its builder. After every ingest or delete, an artefact is rebuilt
when it is missing, when its stamp is missing, or when the stamp names another chunk set or
builder version, so a run interrupted between writing chunks and rebuilding models is
repaired by the next run, whatever it finds to do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from indexer.artifacts import ACCENTS, GLOSSARY, build_accents, build_glossary
from indexer.store.base import Store
from ingest.catalogue_derived import CATALOGUE, MENTIONS, build_catalogue, build_mentions
from ingest.graph_derived import GRAPH, build_graph


@dataclass(frozen=True)
class DerivedArtifact:
    """A named blob built from the whole store; bump ``version`` when ``build`` changes."""

    name: str
    build: Callable[[Store], bytes]
    version: str = "1"

    @property
    def stamp_name(self) -> str:
        return f"{self.name}.stamp"


DEFAULT_DERIVED: tuple[DerivedArtifact, ...] = (
    DerivedArtifact(ACCENTS, build_accents),
    DerivedArtifact(GLOSSARY, build_glossary),
    DerivedArtifact(CATALOGUE, build_catalogue),
    DerivedArtifact(MENTIONS, build_mentions),
    DerivedArtifact(GRAPH, build_graph),
)


def corpus_fingerprint(store: Store) -> str:
    """A checksum of every stored chunk id with its content hash, in a stable order."""
    doc_ids = sorted(meta.id for meta in store.list_documents())
    digest = hashlib.sha256()
    for chunk_id, content in sorted(store.chunk_hashes(doc_ids).items()):
        digest.update(f"{chunk_id}\t{content}\n".encode())
    return digest.hexdigest()


def refresh_derived(
    store: Store, derived: Sequence[DerivedArtifact] = DEFAULT_DERIVED, *, force: bool = False
) -> list[str]:
    """Rebuild the artefacts that are missing or stale; the names of those rebuilt."""
    fingerprint = corpus_fingerprint(store)
    rebuilt = []
    for part in derived:
        stamp = f"{part.version}:{fingerprint}".encode()
        current = store.get_artifact(part.stamp_name) == stamp
        if current and not force and store.get_artifact(part.name) is not None:
            continue
        store.put_artifact(part.name, part.build(store))
        store.put_artifact(part.stamp_name, stamp)
        rebuilt.append(part.name)
    return rebuilt
