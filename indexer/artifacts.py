"""Models built from the indexed corpus and stored with it: accent restorer and glossary.

:mod:`ingest.derived` decides when they are rebuilt; this module builds and loads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.accents import AccentModel, corpus_model
from indexer.glossary import Glossary, extract_terms
from indexer.store.base import Store

ACCENTS = "accents"
GLOSSARY = "glossary"


@dataclass(frozen=True)
class Artifacts:
    """What query understanding needs from the corpus; either part may be missing."""

    accents: AccentModel | None
    glossary: Glossary | None


def build_accents(store: Store) -> bytes:
    """The accent model trained on every stored chunk (heading and text) and on the
    question patterns (:func:`indexer.accents.question_patterns`)."""
    texts = (f"{hit.chunk.heading}\n{hit.chunk.text}" for hit in store.scan())
    return corpus_model(texts).to_bytes()


def build_glossary(store: Store) -> bytes:
    """The glossary of every term defined in a stored document."""
    terms = []
    for meta in store.list_documents():
        document = store.get_document(meta.id)
        if document is not None:
            terms.extend(extract_terms(document))
    return Glossary(terms).to_bytes()


def load_artifacts(store: Store) -> Artifacts:
    """The stored accent model and glossary (None for a part never built)."""
    accents = store.get_artifact(ACCENTS)
    glossary = store.get_artifact(GLOSSARY)
    return Artifacts(
        accents=AccentModel.from_bytes(accents) if accents else None,
        glossary=Glossary.from_bytes(glossary) if glossary else None,
    )
