"""Questions asked of a graph: what guides a document, what changed it and where."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.models import CHANGING_KINDS, GUIDING_KINDS, Edge, Endpoint, Graph, RelationKind
from indexer.structure.ids import article_sort_key


@dataclass(frozen=True)
class Change:
    """What one document did to another: the kinds of change and the units they touched."""

    by: str
    kinds: frozenset[RelationKind]
    units: tuple[Endpoint, ...]
    edges: tuple[Edge, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        """The affected article numbers, in natural order ("2" < "2a" < "3")."""
        numbers = {u.article for u in self.units if u.article}
        return tuple(sorted(numbers, key=article_sort_key))


@dataclass(frozen=True)
class Guide:
    """A document that guides or details another, directly or through ``via`` (the guided
    documents between them, nearest first)."""

    doc: str
    kinds: frozenset[RelationKind]
    via: tuple[str, ...]
    edges: tuple[Edge, ...]


def _unit_key(unit: Endpoint) -> tuple[object, ...]:
    return tuple(article_sort_key(p) if p else (-1, 0, "") for p in unit.parts)


def changes_to(
    graph: Graph, doc: str, kinds: Iterable[RelationKind] = CHANGING_KINDS
) -> list[Change]:
    """Per acting document, how it changed ``doc`` and which units, earliest first."""
    by_source: dict[str, list[Edge]] = {}
    for edge in graph.incoming(doc, kinds):
        if edge.source.doc != doc:
            by_source.setdefault(edge.source.doc, []).append(edge)
    changes = [
        Change(
            by=source,
            kinds=frozenset(e.kind for e in edges),
            units=tuple(sorted({e.target for e in edges}, key=_unit_key)),
            edges=tuple(edges),
        )
        for source, edges in by_source.items()
    ]
    return sorted(changes, key=lambda c: (min((e.date or "9999") for e in c.edges), c.by))


def guides_of(graph: Graph, doc: str, transitive: bool = False) -> list[Guide]:
    """Documents whose text or title says they guide or detail ``doc`` (or, transitively,
    a document that does), nearest first."""
    found: dict[str, Guide] = {}
    frontier: list[tuple[str, tuple[str, ...]]] = [(doc, ())]
    while frontier:
        target, via = frontier.pop(0)
        edges = [e for e in graph.incoming(target, GUIDING_KINDS) if e.source.doc != target]
        for source in dict.fromkeys(e.source.doc for e in edges):
            if source in found or source == doc:
                continue
            own = tuple(e for e in edges if e.source.doc == source)
            found[source] = Guide(source, frozenset(e.kind for e in own), via, own)
            if transitive:
                frontier.append((source, (*via, source)))
    return list(found.values())
