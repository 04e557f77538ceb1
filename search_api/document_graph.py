"""What the legal graph adds to a document view, node by node: the validity of each article,
clause and point on a date, the resolved references of its text and of its pháp-điển note,
how many units cite each article, and the clause numbers a consolidated text skips because
they were repealed (khoản 2–4 of Điều 12 Thông tư 28/2012/TT-BKHCN)."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.models import ENDING_KINDS, Endpoint
from indexer.models import Node
from indexer.structure.body import split_number
from search_api.graph_index import GraphIndex
from search_api.graph_schemas import CitedByOut, RelationOut, ValidityOut
from search_api.graph_views import (
    cited_by_out,
    document_validity,
    references_out,
    relation_out,
    unit_validity,
)

Position = tuple[str | None, ...]  # (article, clause, point), as deep as the node sits
UNIT_KINDS = frozenset({"dieu", "khoan", "diem"})


def position(node: Node, at: Position) -> Position:
    """Where ``node`` sits, given where its parent sits: an article, a clause of it, a point
    of a clause; other nodes (chapters, points right under an article) keep their parent's."""
    if node.kind == "dieu":
        return (node.number,)
    if node.kind == "khoan" and len(at) == 1:
        return (*at, node.number)
    if node.kind == "diem" and len(at) == 2:
        return (*at, node.number)
    return at


class Annotator:
    """The graph's fields of the nodes of one stored document, on one date."""

    def __init__(self, index: GraphIndex, doc_id: str, as_of: date) -> None:
        self.index = index
        self.doc_id = doc_id
        self.as_of = as_of
        self.key = index.key_of(doc_id)
        self._cited = index.cited_counts(self.key) if self.key else {}

    def document_validity(self) -> ValidityOut | None:
        return document_validity(self.index, self.doc_id, self.as_of)

    def fields(self, node: Node, at: Position) -> dict[str, Any]:
        """validity, references, note_references and cited_by of ``node`` at ``at``."""
        found: dict[str, Any] = {
            "references": references_out(self.index, self.doc_id, at, node.text),
        }
        if node.note:
            found["note_references"] = references_out(self.index, self.doc_id, at, node.note)
        if node.kind in UNIT_KINDS and self.key and at and len(at) == _depth(node):
            found["validity"] = unit_validity(self.index, self.doc_id, at, self.as_of, own=True)
        if node.kind == "dieu":
            found["cited_by"] = self._cited.get(node.number.lower(), 0)
        return found

    def skipped_clauses(self, article: Node) -> list[tuple[str, ValidityOut | None]]:
        """Clause numbers missing from ``article`` between its first and last clause (or
        before its first), each with its validity: what repealed it, or nothing known."""
        numbers = [c.number for c in article.children if c.kind == "khoan"]
        values = [split_number(n)[0] for n in numbers]
        if not values or not self.key:
            return []
        present = set(values)
        missing = [str(v) for v in range(1, max(values)) if v not in present]
        return [
            (n, unit_validity(self.index, self.doc_id, (article.number, n), self.as_of, True))
            for n in missing
        ]

    def article_relations(self, article: str) -> list[RelationOut]:
        """The relations (not references) that touch Điều ``article`` or come from it."""
        if not self.key:
            return []
        unit = Endpoint(self.key, article)
        edges = [
            e
            for e in (*self.index.incoming(self.key), *self.index.outgoing(self.key))
            if e.kind != "dan_chieu"
            and (unit.covers(e.target) or unit.covers(e.source))
            and e.source.doc != e.target.doc
        ]
        edges.sort(key=lambda e: (e.kind not in ENDING_KINDS, e.date or "9999"))
        return [relation_out(self.index, e) for e in dict.fromkeys(edges)]

    def cited_by(self, article: str) -> CitedByOut | None:
        return cited_by_out(self.index, self.key, article) if self.key else None


def _depth(node: Node) -> int:
    return {"dieu": 1, "khoan": 2, "diem": 3}.get(node.kind, 0)
