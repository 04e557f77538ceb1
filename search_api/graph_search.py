"""Validity in search: every hit of a legal text carries the status of its document and of
its unit on ``as_of`` (today by default), with the evidence; the "Tình trạng" facet counts
those statuses over the candidates, and the status filter keeps exactly the hits it counted.

A document the graph does not know (a catalogue record) keeps the status its source gives.
The status is a label ("còn hiệu lực", "hết hiệu lực một phần", …), the same in facet,
filter and hit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from indexer.store.base import Hit
from search_api.graph_index import GraphIndex
from search_api.graph_schemas import ValidityOut
from search_api.graph_views import document_validity, unit_validity
from search_api.schema_parts import FacetCount
from search_api.schemas import DocumentOut


def hit_unit(hit: Hit) -> tuple[str | None, ...]:
    """(article, clause, point) of a hit; a range of clauses or points ("1-2") stops at
    the level above it."""
    citation = hit.chunk.citation
    parts: list[str | None] = []
    for part in (citation.article, citation.clause, citation.point):
        if part is None or "-" in part:
            break
        parts.append(part)
    return tuple(parts)


class ValidityLayer:
    """Statuses of hits on one date, over one graph."""

    def __init__(self, index: GraphIndex, as_of: date | None = None) -> None:
        self.index = index
        self.as_of = as_of or date.today()
        self._labels: dict[str, str | None] = {}
        self._documents: dict[str, ValidityOut | None] = {}

    def status(self, hit: Hit) -> str | None:
        """The status label of the hit's document on :attr:`as_of`."""
        doc_id = hit.document.id
        if doc_id not in self._labels:
            status = self.index.document_status(doc_id, self.as_of)
            self._labels[doc_id] = status.label if status else hit.document.status
        return self._labels[doc_id]

    def document_validity(self, hit: Hit) -> ValidityOut | None:
        """The validity of the hit's document on :attr:`as_of`, its evidence and the
        changes applied (what is to come is on the document's own page)."""
        doc_id = hit.document.id
        if doc_id not in self._documents:
            found = document_validity(self.index, doc_id, self.as_of)
            self._documents[doc_id] = found.model_copy(update={"pending": []}) if found else None
        return self._documents[doc_id]

    def keep(self, ranked: list[Hit], statuses: Sequence[str]) -> list[Hit]:
        """The hits whose status is one of ``statuses`` (all of them when none is given)."""
        if not statuses:
            return ranked
        wanted = {s.strip().lower() for s in statuses}
        return [h for h in ranked if (self.status(h) or "").lower() in wanted]

    def facet(self, ranked: Sequence[Hit], limit: int = 20) -> list[FacetCount]:
        counts = Counter(s for s in map(self.status, ranked) if s)
        return [FacetCount(value=v, count=c) for v, c in counts.most_common(limit)]

    def document(self, hit: Hit) -> DocumentOut:
        """The hit's document, its status the one on :attr:`as_of`."""
        return DocumentOut.of(hit.document).model_copy(update={"status": self.status(hit)})

    def validity(self, hit: Hit) -> ValidityOut | None:
        """The validity of the hit's unit (its article, clause or point) on :attr:`as_of`."""
        unit = hit_unit(hit)
        if not unit or self.index.key_of(hit.document.id) is None:
            return None
        return unit_validity(self.index, hit.document.id, unit, self.as_of)
