"""Standards as the API shows them: summaries, whole records, lookups and filtered lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from indexer.analysis import fold, normalize
from ingest.catalogue_derived import Mention
from search_api.schema_parts import CitationOut, FacetCount
from search_api.standards import NOT_IN_DATABASE, DocumentRef, StandardsIndex
from search_api.standards_schemas import (
    DocumentRefOut,
    LinkOut,
    LookupOut,
    MentionOut,
    ProductOut,
    StandardDetailOut,
    StandardListOut,
    StandardOut,
    StatusOut,
    VersionOut,
)
from standards.keys import NumberKey, number_key
from standards.models import ProductRecord, StandardRecord

MAX_MENTIONS = 50
_NO_KEY = NumberKey("", (), "", complete=False, has_year=False)
KIND_LABELS = {"amendment": "Sửa đổi"}


def summary(index: StandardsIndex, record: StandardRecord) -> StandardOut:
    """A record in short, with its status today."""
    return StandardOut(
        id=record.id,
        number=record.number,
        kind=record.kind,
        title=record.title,
        agency=record.agency,
        year=record.year,
        ics=record.ics,
        status=StatusOut.of(index.status(record)),
        full_text_id=index.full_text(record),
    )


def ref_out(ref: DocumentRef) -> DocumentRefOut:
    return DocumentRefOut(
        text=ref.text, document_id=ref.document_id, vbpl_url=ref.vbpl_url, note=ref.note
    )


def mention_out(mention: Mention) -> MentionOut:
    citation = CitationOut(
        label=mention.label,
        document_number=mention.number,
        document_title=mention.title,
        article=mention.article,
        clause=mention.clause,
        section=mention.section,
    )
    return MentionOut(
        label=mention.label,
        document_id=mention.doc,
        document_title=mention.title,
        document_number=mention.number,
        citation=citation,
        snippet=mention.snippet,
        chunk_id=mention.chunk,
    )


def product_out(
    index: StandardsIndex, product: ProductRecord, reason: str | None = None
) -> ProductOut:
    return ProductOut(
        product=product.product,
        record_type=product.record_type,
        list_document=product.list_document,
        item_no=product.item_no,
        hs_codes=list(product.hs_codes),
        qcvn=list(product.qcvn),
        import_measure=product.import_measure,
        inspection_agency=product.inspection_agency,
        legal_basis=[ref_out(index.document_ref(b)) for b in product.legal_basis],
        basis=product.basis,
        note=product.note,
        reason=reason,
        sources=list(product.sources),
    )


def _chain(index: StandardsIndex, record: StandardRecord) -> list[VersionOut]:
    versions = []
    for version in index.graph.chain(record).versions:
        rec = version.record
        versions.append(
            VersionOut(
                number=version.number,
                id=rec.id if rec else None,
                status=StatusOut.of(index.status(rec)) if rec else None,
                link=LinkOut.of(version.link) if version.link else None,
                amendments=[summary(index, a) for a in version.amendments],
            )
        )
    return versions


def detail(index: StandardsIndex, record: StandardRecord) -> StandardDetailOut:
    """The whole record: everything the catalogue knows, its chain and who cites it."""
    issuing = index.document_ref(record.issuing_document) if record.issuing_document else None
    return StandardDetailOut(
        **summary(index, record).model_dump(),
        title_en=record.title_en,
        issuing_document=ref_out(issuing) if issuing else None,
        issuing_document_title=record.issuing_document_title,
        issued_date=record.issued_date,
        effective_date=record.effective_date,
        replaces=list(record.replaces),
        replaced_by=list(record.replaced_by),
        amends=list(record.amends),
        amendments=[summary(index, a) for a in index.catalogue.amendments_of(record)],
        chain=_chain(index, record),
        equivalent=record.equivalent,
        scope=record.scope,
        field=record.field,
        notes=list(record.notes),
        sources=list(record.sources),
        products=[product_out(index, p) for p in index.products_of(record)],
        mentions=[mention_out(m) for m in index.mentions_of(record)[:MAX_MENTIONS]],
    )


def lookup(index: StandardsIndex, text: str) -> LookupOut:
    """A number as a user typed it: the record, the candidates of a partial number, or an
    honest "not here" with the texts that cite it (a whole number that is not in the
    catalogue is not answered by others of the same number; they are listed as such), and
    for a legal document its vbpl.vn page."""
    found = index.lookup(text)
    if found.record is not None:
        record = detail(index, found.record)
        return LookupOut(query=text, kind="exact", message=found.reason, record=record)
    candidates = [summary(index, r) for r in found.candidates]
    legal = index.legal_refs(text) if found.kind == "none" else []
    if legal:
        ref = legal[0]
        return LookupOut(query=text, kind="none", message=f"{ref.text}: {ref.note}",
                         vbpl_url=ref.vbpl_url, mentions=_mentions(index, ref.key))  # fmt: skip
    whole = (number_key(text) or _NO_KEY).complete
    if found.kind == "candidates" and not whole:
        return LookupOut(query=text, kind="candidates", message=found.reason,
                         candidates=candidates)  # fmt: skip
    message = f"{text.strip()}: {NOT_IN_DATABASE}"
    if found.key is None:
        message += f" ({found.reason})"
    elif candidates:
        message += "; các bản cùng số hiệu dưới đây không phải bản được hỏi"
    return LookupOut(query=text, kind="none", message=message, candidates=candidates,
                     mentions=_mentions(index, found.key))  # fmt: skip


def _mentions(index: StandardsIndex, key: str | None) -> list[MentionOut]:
    return [mention_out(m) for m in index.mentions_of_key(key)[:MAX_MENTIONS]] if key else []


def _folded(text: str | None) -> str:
    return fold(normalize(text or "")).lower()


def _matches(record: StandardRecord, words: Sequence[str]) -> bool:
    haystack = _folded(" ".join(filter(None, (record.number, record.title_vi, record.title_en,
                                              record.scope, record.equivalent))))  # fmt: skip
    return all(w in haystack for w in words)


Test = Callable[[StandardRecord], bool]


def _filters(index: StandardsIndex, **wanted: Sequence[str]) -> list[Test]:
    """One test per non-empty filter: kind, agency, status (today), ICS code prefix."""
    tests: list[Test] = []
    if kinds := {_folded(k) for k in wanted.get("kind", ())}:
        tests.append(
            lambda r: _folded(r.kind) in kinds or _folded(KIND_LABELS.get(r.kind)) in kinds
        )
    if agencies := {_folded(a) for a in wanted.get("agency", ())}:
        tests.append(lambda r: _folded(r.agency) in agencies)
    if statuses := {_folded(s) for s in wanted.get("status", ())}:
        tests.append(lambda r: _folded(index.status(r).value) in statuses)
    if codes := list(wanted.get("ics", ())):
        tests.append(lambda r: any((r.ics or "").startswith(c) for c in codes))
    return tests


def counted(values: dict[str, list[str | None]], limit: int = 30) -> dict[str, list[FacetCount]]:
    """Facet counts of each named list of values (empty values left out), most frequent first."""
    return {
        name: [
            FacetCount(value=v, count=c)
            for v, c in Counter(v for v in found if v).most_common(limit)
        ]
        for name, found in values.items()
    }


def ics_group(ics: str | None) -> str | None:
    """The ICS field of a code: "11.100.20 Đánh giá sinh học …" → "11"."""
    return ics.split()[0].split(".")[0] if ics else None


def facets(index: StandardsIndex, records: Iterable[StandardRecord]) -> dict[str, list[FacetCount]]:
    """Counts by kind, agency, status today and ICS group."""
    records = list(records)
    return counted(
        {
            "kind": [r.kind for r in records],
            "agency": [r.agency for r in records],
            "status": [index.status(r).value for r in records],
            "ics": [ics_group(r.ics) for r in records],
        }
    )


def listing(
    index: StandardsIndex, q: str = "", page: int = 1, k: int = 20, **wanted: Sequence[str]
) -> StandardListOut:
    """Records whose number, titles, scope or equivalent hold every word of ``q`` and that pass
    the filters; newest first, the version in force before a replaced one."""
    words = _folded(q).split()
    tests = _filters(index, **wanted)
    found = [r for r in index.catalogue if _matches(r, words) and all(t(r) for t in tests)]
    found.sort(key=lambda r: (-(r.year or 0), index.status(r).value != "còn hiệu lực", r.number))
    first = (page - 1) * k
    return StandardListOut(
        total=len(found),
        page=page,
        k=k,
        items=[summary(index, r) for r in found[first : first + k]],
        facets=facets(index, found),
    )
