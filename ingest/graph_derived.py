"""The legal graph of the stored texts, derived at ingest by the one rule of
:mod:`ingest.derived`, the same code for every store.

:data:`GRAPH` holds every edge :func:`graph.relations.extract_relations` reads from the
stored texts (every collection but the standards catalogue, whose records are not legal
texts), as the JSON of :mod:`graph.serialize`, compressed. Documents are read one at a time
from the store, in id order, so both stores build the same graph.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import overload

from graph.models import Graph
from graph.relations import extract_relations
from graph.serialize import graph_from_json, graph_to_json
from indexer.models import ParsedDocument
from indexer.store.base import Store
from standards.documents import COLLECTION

GRAPH = "graph"


class StoredTexts(Sequence[ParsedDocument]):
    """The stored legal texts, fetched from the store when read (never all held at once)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        metas = store.list_documents()
        self.ids = sorted(m.id for m in metas if m.collection != COLLECTION)

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> ParsedDocument: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ParsedDocument]: ...

    def __getitem__(self, index: int | slice) -> ParsedDocument | Sequence[ParsedDocument]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        document = self.store.get_document(self.ids[index])
        if document is None:
            raise LookupError(f"document {self.ids[index]!r} vanished during the build")
        return document


def build_graph(store: Store) -> bytes:
    """The graph artefact of ``store`` (see the module docstring)."""
    return zlib.compress(graph_to_json(extract_relations(StoredTexts(store))))


def load_graph(store: Store) -> Graph:
    """The graph built at the last ingest into ``store`` (empty when none was built)."""
    data = store.get_artifact(GRAPH)
    if data is None:
        return Graph(documents={}, edges=())
    return graph_from_json(zlib.decompress(data))
