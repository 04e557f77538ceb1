"""The legal graph of one store, ready for the API and the pages.

:class:`GraphIndex` is loaded from what ingest derived (:mod:`ingest.graph_derived`). It maps
stored document ids to graph keys and back, gives the status of a document or unit on a date
(:mod:`graph.validity`), the edges of a document in both directions, who cites an article,
and the references of a text resolved where it sits, each with the anchor of its target when
the store holds it ("dieu-5-khoan-2"), so a page can link it or say it is not in the database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from graph.mentions import Mention, Setting, mentions
from graph.models import CHANGING_KINDS, Edge, Endpoint, Graph
from graph.passages import Passage
from graph.registry import partial_keys
from graph.validity import DocStatus, UnitStatus, status_on, unit_status
from indexer.cite.reference_models import RefContext
from indexer.models import ParsedDocument
from indexer.store.base import Store
from ingest.graph_derived import load_graph
from search_api.anchors import Anchors, unit_anchor

Fetch = Callable[[str], ParsedDocument | None]
#: Texts whose resolved references are kept (a long law has about 500 nodes).
CACHED_TEXTS = 20_000


@dataclass(frozen=True)
class Located:
    """A unit of the graph and where the store holds it: the document id when the document
    is stored, the deepest anchor of the unit that exists in it, and whether the unit
    itself (not only its document or article) was found."""

    unit: Endpoint
    doc_id: str | None
    anchor: str | None
    found: bool


class GraphIndex:
    """Statuses, relations, citations and resolved references over one graph."""

    def __init__(self, graph: Graph, fetch: Fetch | None = None) -> None:
        self.graph = graph
        # what validity reads: the edges that change a text, far fewer than all edges
        changing = tuple(e for e in graph.edges if e.kind in CHANGING_KINDS)
        self.changes = Graph(graph.documents, changing)
        self._fetch = fetch
        self.keys = {info.doc_id: key for key, info in graph.documents.items() if info.doc_id}
        self._lookup = partial_keys(i for i in graph.documents.values() if i.in_corpus)
        self._anchors: dict[str, frozenset[str]] = {}
        self._located: dict[Endpoint, Located] = {}
        self._cited: dict[str, dict[str, list[Edge]]] = {}
        self._lock = threading.Lock()
        self._references = lru_cache(maxsize=CACHED_TEXTS)(self._read_references)

    @classmethod
    def load(cls, store: Store) -> GraphIndex:
        """The index of the graph the last ingest into ``store`` derived."""
        return cls(load_graph(store), store.get_document)

    def __bool__(self) -> bool:
        return bool(self.graph.edges)

    # -- documents ---------------------------------------------------------------------------

    def key_of(self, doc_id: str) -> str | None:
        """The graph key of a stored document (None for one the graph does not know)."""
        return self.keys.get(doc_id)

    def resolve_key(self, doc_id_or_key: str) -> str | None:
        """The key of a stored document id, or the key itself when the graph knows it."""
        if doc_id_or_key in self.keys:
            return self.keys[doc_id_or_key]
        return doc_id_or_key if doc_id_or_key in self.graph.documents else None

    def doc_id_of(self, key: str) -> str | None:
        info = self.graph.documents.get(key)
        return info.doc_id if info and info.in_corpus else None

    def lookup(self, key: str) -> str | None:
        """A full key for a possibly partial one ("127_2007" → "127_2007_nd_cp")."""
        return key if key in self.graph.documents else self._lookup.get(key)

    def document_status(self, doc_id: str, as_of: date) -> DocStatus | None:
        """The status of a stored document on ``as_of`` (None outside the graph)."""
        key = self.key_of(doc_id)
        return status_on(self.changes, key, as_of) if key else None

    def unit_status(self, unit: Endpoint, as_of: date) -> UnitStatus:
        return unit_status(self.changes, unit, as_of)

    def outgoing(self, key: str) -> list[Edge]:
        return self.graph.outgoing(key)

    def incoming(self, key: str) -> list[Edge]:
        return self.graph.incoming(key)

    # -- citations ---------------------------------------------------------------------------

    def cited_by(self, key: str, article: str | None = None) -> list[Edge]:
        """References from other units to document ``key`` (to its Điều ``article`` only
        when given), in read order; a unit's references to itself are left out."""
        by_article = self._citations(key)
        if article is None:
            return [e for edges in by_article.values() for e in edges]
        return list(by_article.get(article.lower(), []))

    def cited_counts(self, key: str) -> dict[str, int]:
        """Article number (lower case) → how many units cite it."""
        return {
            article: len({e.source for e in edges})
            for article, edges in self._citations(key).items()
            if article
        }

    def _citations(self, key: str) -> dict[str, list[Edge]]:
        if key not in self._cited:
            found: dict[str, list[Edge]] = {}
            for edge in self.graph.incoming(key, ["dan_chieu"]):
                target = edge.target.article or ""
                if edge.source.doc == key and (edge.source.article or "") == target:
                    continue
                found.setdefault(target.lower(), []).append(edge)
            with self._lock:
                self._cited[key] = found
        return self._cited[key]

    # -- references in a text ----------------------------------------------------------------

    def references(self, doc_id: str, at: tuple[str | None, ...], text: str) -> tuple[Mention, ...]:
        """The resolved references of ``text``, which sits in document ``doc_id`` at
        (article, clause, point); none outside the graph. The last :data:`CACHED_TEXTS`
        answers are kept."""
        return self._references(doc_id, at, text)

    def _read_references(
        self, doc_id: str, at: tuple[str | None, ...], text: str
    ) -> tuple[Mention, ...]:
        key = self.key_of(doc_id)
        if key is None or not text:
            return ()
        info = self.graph.documents[key]
        article, clause, point = (*at, None, None, None)[:3]
        where = Endpoint(key, article, clause, point)
        context = RefContext(key, info.display, article, clause, point, info.issued)
        return tuple(mentions(Setting(Passage(where, text), context, self.lookup)))

    def locate(self, unit: Endpoint) -> Located:
        """Where the store holds ``unit`` (see :class:`Located`)."""
        if unit not in self._located:
            found = self._locate(unit)
            with self._lock:
                self._located[unit] = found
        return self._located[unit]

    def _locate(self, unit: Endpoint) -> Located:
        doc_id = self.doc_id_of(unit.doc)
        anchors = self._document_anchors(doc_id) if doc_id else frozenset()
        if doc_id is None:
            return Located(unit, None, None, False)
        if unit.article is not None:
            deepest = (unit.clause, unit.point)
            for depth in range(unit.depth - 1, -1, -1):
                anchor = unit_anchor(unit.article, *deepest[:depth])
                if anchor in anchors:
                    return Located(unit, doc_id, anchor, depth == unit.depth - 1)
        return Located(unit, doc_id, None, unit.depth == 0)

    def _document_anchors(self, doc_id: str) -> frozenset[str]:
        if doc_id not in self._anchors:
            document = self._fetch(doc_id) if self._fetch else None
            anchors: frozenset[str] = frozenset()
            if document is not None:
                named = Anchors(document)
                anchors = frozenset(named[n] for top in document.nodes for n in top.walk())
            with self._lock:
                self._anchors[doc_id] = anchors
        return self._anchors[doc_id]
