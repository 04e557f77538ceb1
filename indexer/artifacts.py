"""Models built from the indexed corpus and stored with it: accent restorer and glossary."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.accents import AccentModel
from indexer.glossary import Glossary, extract_terms
from indexer.store.base import Store

ACCENTS = "accents"
GLOSSARY = "glossary"


@dataclass(frozen=True)
class Artifacts:
    """What query understanding needs from the corpus; either part may be missing."""

    accents: AccentModel | None
    glossary: Glossary | None


def rebuild_artifacts(store: Store) -> Artifacts:
    """Train the accent model on every stored chunk, extract the glossary from every
    stored document, and save both in the store."""
    accents = AccentModel.train(f"{hit.chunk.heading}\n{hit.chunk.text}" for hit in store.scan())
    terms = []
    for meta in store.list_documents():
        document = store.get_document(meta.id)
        if document is not None:
            terms.extend(extract_terms(document))
    glossary = Glossary(terms)
    store.put_artifact(ACCENTS, accents.to_bytes())
    store.put_artifact(GLOSSARY, glossary.to_bytes())
    return Artifacts(accents=accents, glossary=glossary)


def load_artifacts(store: Store) -> Artifacts:
    """The stored accent model and glossary (None for a part never built)."""
    accents = store.get_artifact(ACCENTS)
    glossary = store.get_artifact(GLOSSARY)
    return Artifacts(
        accents=AccentModel.from_bytes(accents) if accents else None,
        glossary=Glossary.from_bytes(glossary) if glossary else None,
    )
