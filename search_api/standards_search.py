"""Standards in search: a number query answers with its record, a product query with the QCVN
that applies, and catalogue records come back as hits of their own kind.

* A query that is only a standard number ("qcvn 4-2009 bkhcn", "tcvn6165") is read with
  the catalogue's forgiving lookup: the record (or the candidates of a partial number) comes
  first, then the full text when the corpus has it, then the provisions that cite it. A
  number that is nowhere gets an honest answer and only the texts that cite it.
* A legal document number the corpus lacks gets "có trên vbpl.vn, chưa có trong cơ sở dữ
  liệu" with its vbpl.vn page when the vbpl.vn list knows it, and the texts that cite it.
* Hits of the ``catalogue`` collection are ``kind`` "standard" (a record, with its status
  and evidence) or "product" (a nhóm-2 row); facets and filters by hit kind, agency, ICS.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from indexer.analysis import fold
from indexer.chunk import SEPARATOR
from indexer.cite.models import DocRef
from indexer.store.base import Filters, Hit, Store
from ingest.catalogue_derived import Mention
from search_api.applicability import ProvisionSearch, names_product
from search_api.applicability import answer as applicability_answer
from search_api.facets import Facet, any_of
from search_api.highlight import query_marks, snippet
from search_api.query import QueryPlan
from search_api.schema_parts import CitationOut
from search_api.schemas import SearchRequest
from search_api.standards import StandardsIndex
from search_api.standards_schemas import ApplicabilityOut, LookupOut, MentionOut, StandardOut
from search_api.standards_views import ics_group, lookup, product_out, summary
from standards.documents import COLLECTION, ID_PREFIX
from standards.keys import number_rest
from standards.serial import PRODUCT, product_from_dict

HitKind = Literal["text", "standard", "product"]
MAX_CITING = 30
# Words around a number that do not change what is asked ("số hiệu", "quy chuẩn", "tra cứu").
_FILLER = frozenset(
    "so hieu quy chuan tieu ky thuat quoc gia tra cuu tim la gi ve ban van noi dung toan "
    "cua xem".split()
)


def hit_kind(hit: Hit) -> HitKind:
    """What a hit is: a provision of a text, a catalogue record or a nhóm-2 row."""
    if hit.document.collection != COLLECTION:
        return "text"
    record = hit.document.record or {}
    return "product" if record.get("type") == PRODUCT else "standard"


@dataclass
class Prepared:
    """A query as the standards layer reads it: the plan to rank, the number card, the
    documents to put first and the provisions to add after the ranked hits."""

    plan: QueryPlan
    card: LookupOut | None = None
    first: list[str] = field(default_factory=list)
    citing: list[Mention] = field(default_factory=list)


def _doc_ref(key: str, number: str) -> DocRef:
    return DocRef(key=key, display=number, kind="qcvn" if key.startswith("qcvn") else "tcvn")


class StandardsLayer:
    """Number answers, record hits, product cards and standard facets for one store."""

    def __init__(self, index: StandardsIndex, store: Store) -> None:
        self.index = index
        self.store = store

    def prepare(self, plan: QueryPlan) -> Prepared:
        """Read the query's standard or legal number, if it is all the query says."""
        rest = number_rest(plan.text)
        if rest is not None and not (set(rest.split()) - _FILLER) and self.index:
            return self._standard(plan)
        if plan.doc_refs and not plan.residual.strip() and plan.article is None:
            return self._legal(plan)
        return Prepared(plan)

    def _standard(self, plan: QueryPlan) -> Prepared:
        card = lookup(self.index, plan.text)
        records: list[StandardOut] = [card.record] if card.record else []
        if card.kind == "candidates":
            records = card.candidates
        refs = [_doc_ref(self.index.key_of(r.number), r.number) for r in records]
        first = [ID_PREFIX + r.id for r in records]
        found = self.index.lookup(plan.text)
        citing: list[Mention] = []
        if found.record is not None:
            citing = self.index.mentions_of(found.record)
        elif card.kind == "none" and found.key:
            citing = self.index.mentions_of_key(found.key)
        rewritten = replace(plan, doc_refs=refs, residual="", restored_residual=None)
        return Prepared(rewritten, card, first, citing)

    def _legal(self, plan: QueryPlan) -> Prepared:
        missing = [r for r in self.index.legal_refs(plan.text) if not r.document_id]
        if not missing:
            return Prepared(plan)
        card = lookup(self.index, plan.text)
        citing = [m for r in missing for m in self.index.mentions_of_key(r.key or "")]
        return Prepared(plan, card, citing=citing)

    def arrange(self, prepared: Prepared, ranked: list[Hit], filters: Filters) -> list[Hit]:
        """The ranked hits with the named records first and the citing provisions after."""
        order = {doc_id: i for i, doc_id in enumerate(prepared.first)}
        head = sorted(
            (h for h in ranked if h.chunk.doc_id in order), key=lambda h: order[h.chunk.doc_id]
        )
        rest = [h for h in ranked if h.chunk.doc_id not in order]
        seen = {h.chunk.id for h in ranked}
        citing = [h for h in self.fetch(prepared.citing, filters) if h.chunk.id not in seen]
        return [*head, *rest, *citing]

    def fetch(self, mentions: Sequence[Mention], filters: Filters) -> list[Hit]:
        """The stored chunks of ``mentions`` (at most :data:`MAX_CITING`), in their order."""
        wanted = [m.chunk for m in mentions][:MAX_CITING]
        by_doc: dict[str, set[str]] = {}
        for m in mentions[:MAX_CITING]:
            by_doc.setdefault(m.doc, set()).add(m.chunk)
        found: dict[str, Hit] = {}
        for doc_id, chunks in by_doc.items():
            for hit in self.store.scan(replace(filters, doc_ids=[doc_id])):
                if hit.chunk.id in chunks:
                    found[hit.chunk.id] = hit
        return [found[c] for c in dict.fromkeys(wanted) if c in found]

    def hit_fields(self, hit: Hit) -> dict[str, Any]:
        """The standard or product fields of a hit (none for a provision of a text)."""
        kind = hit_kind(hit)
        if kind == "standard":
            record = self.index.record_of(hit.document)
            return {"kind": kind, "standard": summary(self.index, record) if record else None}
        if kind == "product" and hit.document.record:
            product = product_from_dict(hit.document.record)
            return {"kind": kind, "product": product_out(self.index, product)}
        return {"kind": kind}

    def facets(self, pool: Sequence[Hit]) -> list[Facet]:
        """Facets by hit kind, and by agency and ICS group of the standard hits (none when
        every hit of the pool is a provision of a text)."""
        if all(hit_kind(h) == "text" for h in pool):
            return []

        def kinds(hit: Hit) -> list[str]:
            return [hit_kind(hit)]

        def agencies(hit: Hit) -> list[str]:
            agency = self._record_value(hit, "agency")
            return [agency] if agency and hit_kind(hit) == "standard" else []

        def groups(hit: Hit) -> list[str]:
            group = ics_group(self._record_value(hit, "ics"))
            return [group] if group and hit_kind(hit) == "standard" else []

        def in_ics(hit: Hit, request: SearchRequest) -> bool:
            ics = self._record_value(hit, "ics")
            return not request.ics or any(ics.startswith(c) for c in request.ics)

        return [
            Facet("kind", kinds, any_of(kinds, "kind")),
            Facet("agency", agencies, any_of(agencies, "agency")),
            Facet("ics", groups, in_ics),
        ]

    def _record_value(self, hit: Hit, name: str) -> str:
        return str((hit.document.record or {}).get(name) or "")

    def applicability(
        self, plan: QueryPlan, provisions: ProvisionSearch
    ) -> ApplicabilityOut | None:
        """The answer card of a query that names a product (None for any other query)."""
        if not self.index or plan.doc_refs or plan.article or plan.definition_term:
            return None
        if not names_product(self.index, plan.text):
            return None
        return applicability_answer(self.index, plan.text, provisions)


def naming(ranked: Sequence[Hit], phrase: str) -> list[Hit]:
    """The hits whose article title names ``phrase``, then those whose text does (in rank
    order; compared without diacritics)."""
    wanted = fold(phrase).lower()

    def names(text: str) -> bool:
        return wanted in fold(text).lower()

    titled = [h for h in ranked if names(h.chunk.heading.split(SEPARATOR)[-1])]
    return titled + [h for h in ranked if h not in titled and names(h.chunk.text)]


def provision_out(hit: Hit, query: str) -> MentionOut:
    """A hit of a legal text as a cited provision, with the passage that best answers
    ``query`` (plain text: the marks of the search snippet are taken out)."""
    marked = snippet(hit.chunk.text, query_marks([query]), match_folded=False)
    return MentionOut(
        label=hit.chunk.citation.label,
        document_id=hit.chunk.doc_id,
        document_title=hit.document.title,
        document_number=hit.document.number,
        citation=CitationOut.of(hit.chunk.citation),
        snippet=html.unescape(marked.replace("<mark>", "").replace("</mark>", "")),
        chunk_id=hit.chunk.id,
    )
