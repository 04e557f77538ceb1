"""The JSON contract of standards: records, status with evidence, version chains, lookups,
lists and applicability answers (``/api/v1/standards``, ``/api/v1/applicability``, and the
standard hits and answer cards of ``/api/v1/search``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from search_api.errors import ErrorDetail
from search_api.schema_parts import CitationOut, FacetCount
from standards.chains import Link
from standards.status import Evidence, Status

LookupKind = Literal["exact", "candidates", "none"]


class EvidenceOut(BaseModel):
    """One fact a status rests on: which record and field say it."""

    record: str = Field(examples=["QCVN 01:2022/BKHCN"])
    field: str = Field(examples=["replaces"], description='Field of the record; "suy luận" '
                       "when the fact is inferred.")  # fmt: skip
    text: str = Field(examples=["QCVN 01:2022/BKHCN thay thế QCVN 1:2015/BKHCN"])
    date: str | None = None

    @classmethod
    def of(cls, evidence: Evidence) -> EvidenceOut:
        return cls(**evidence.__dict__)


class StatusOut(BaseModel):
    """A status on a date, with its evidence; ``inferred`` when it rests on an inferred link
    or a missing effective date."""

    value: str = Field(examples=["còn hiệu lực"])
    as_of: str = Field(examples=["2026-12-02"])
    inferred: bool = False
    since: str | None = None
    replaced_by: list[str] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list)
    evidence: list[EvidenceOut] = Field(default_factory=list)

    @classmethod
    def of(cls, status: Status) -> StatusOut:
        return cls(
            value=status.value,
            as_of=status.as_of,
            inferred=status.inferred,
            since=status.since,
            replaced_by=list(status.replaced_by),
            conflicts=list(status.conflicts),
            evidence=[EvidenceOut.of(e) for e in status.evidence],
        )


class StandardOut(BaseModel):
    """A QCVN, TCVN or amendment in short: what a hit or a list row shows."""

    id: str = Field(examples=["qcvn-4-2009-bkhcn"], description="Id of the record page.")
    number: str = Field(examples=["QCVN 4:2009/BKHCN"])
    kind: str = Field(examples=["QCVN"], description="QCVN, TCVN, TCVN ISO/IEC or amendment.")
    title: str | None = Field(examples=["Quy chuẩn kỹ thuật quốc gia về an toàn đối với thiết "
                              "bị điện và điện tử"])  # fmt: skip
    agency: str | None = Field(examples=["BKHCN"])
    year: int | None = Field(examples=[2009])
    ics: str | None = None
    status: StatusOut
    full_text_id: str | None = Field(
        default=None, description="Id of the full text in the corpus (/documents/{id})."
    )


class LinkOut(BaseModel):
    """``new`` replaces ``old``; an inferred link says why it was inferred."""

    old: str
    new: str
    inferred: bool
    reason: str = ""
    suspect: str | None = None
    evidence: list[EvidenceOut] = Field(default_factory=list)

    @classmethod
    def of(cls, link: Link) -> LinkOut:
        evidence = [EvidenceOut.of(e) for e in link.evidence]
        return cls(old=link.old, new=link.new, inferred=link.inferred, reason=link.reason,
                   suspect=link.suspect, evidence=evidence)  # fmt: skip


class VersionOut(BaseModel):
    """One version of a chain (oldest first), the link that leads to it, its amendments."""

    number: str
    id: str | None = Field(description="Record page id; None when not in the catalogue.")
    status: StatusOut | None = None
    link: LinkOut | None = None
    amendments: list[StandardOut] = Field(default_factory=list)


class DocumentRefOut(BaseModel):
    """A document a record names (issuing circular, legal basis): in the corpus, on vbpl.vn,
    or neither — said honestly in ``note``."""

    text: str = Field(examples=["Thông tư 21/2009/TT-BKHCN"])
    document_id: str | None = None
    vbpl_url: str | None = None
    note: str = Field(examples=["có trên vbpl.vn, chưa có trong cơ sở dữ liệu"])


class MentionOut(BaseModel):
    """A provision of a text that names the number."""

    label: str = Field(examples=["Điều 1 Thông tư 21/2009/TT-BKHCN"])
    document_id: str
    document_title: str
    document_number: str | None = None
    citation: CitationOut
    snippet: str
    chunk_id: str


class ProductOut(BaseModel):
    """A nhóm-2 row: the product, its HS codes, QCVN, import measure, inspecting agency."""

    product: str | None = Field(examples=["Xăng không chì"])
    record_type: str = Field(examples=["item"])
    list_document: str | None = Field(examples=["Quyết định 3810/QĐ-BKHCN"])
    item_no: str | None = Field(examples=["1.1"])
    hs_codes: list[str] = Field(default_factory=list, examples=[["2710.12.21"]])
    qcvn: list[str] = Field(default_factory=list)
    import_measure: str | None = None
    inspection_agency: str | None = None
    legal_basis: list[DocumentRefOut] = Field(default_factory=list)
    basis: str | None = None
    note: str | None = None
    reason: str | None = Field(default=None, description="Why it matched the question.")
    sources: list[str] = Field(default_factory=list)


class StandardDetailOut(StandardOut):
    """A whole record: dates, issuing document, succession, chain, amendments, ICS,
    equivalent, scope, sources, the full text when the corpus has it, and the provisions of
    the corpus that name it."""

    title_en: str | None = None
    issuing_document: DocumentRefOut | None = None
    issuing_document_title: str | None = None
    issued_date: str | None = None
    effective_date: str | None = None
    replaces: list[str] = Field(default_factory=list)
    replaced_by: list[str] = Field(default_factory=list)
    amends: list[str] = Field(default_factory=list)
    amendments: list[StandardOut] = Field(default_factory=list)
    chain: list[VersionOut] = Field(default_factory=list)
    equivalent: str | None = None
    scope: str | None = None
    field: str | None = None
    notes: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    products: list[ProductOut] = Field(default_factory=list)
    mentions: list[MentionOut] = Field(default_factory=list)


class LookupOut(BaseModel):
    """What a number names: one record, the candidates of a partial number, or nothing —
    then the texts that cite it and, for a legal document, its vbpl.vn page."""

    query: str = Field(examples=["qcvn 4-2009 bkhcn"])
    kind: LookupKind
    message: str = Field(examples=["khớp đúng số hiệu"])
    record: StandardDetailOut | None = None
    candidates: list[StandardOut] = Field(default_factory=list)
    mentions: list[MentionOut] = Field(default_factory=list)
    vbpl_url: str | None = None


class StandardNotFoundOut(BaseModel):
    """404 of ``/standards/{number}``: the error, and the candidates and citing texts."""

    error: ErrorDetail
    candidates: list[StandardOut] = Field(default_factory=list)
    mentions: list[MentionOut] = Field(default_factory=list)


class StandardListOut(BaseModel):
    """One page of records, with counts by kind, agency, status and ICS over all matches."""

    total: int
    page: int
    k: int
    items: list[StandardOut]
    facets: dict[str, list[FacetCount]] = Field(default_factory=dict)


class ProcedureOut(BaseModel):
    """A procedure that applies (công bố hợp quy, kiểm tra nhà nước …) and the provisions of
    the corpus that set it out, each with its citation."""

    name: str = Field(examples=["Công bố hợp quy"])
    why: str = Field(examples=["sản phẩm thuộc phạm vi QCVN 4:2009/BKHCN"])
    provisions: list[MentionOut] = Field(default_factory=list)


class MatchOut(BaseModel):
    """A QCVN that applies; a replaced version comes after the one in force, marked."""

    standard: StandardOut
    score: float
    reasons: list[str]
    replaced_by: str | None = None
    products: list[ProductOut] = Field(default_factory=list)


class ApplicabilityOut(BaseModel):
    """Which QCVN in force covers a product or HS code, its nhóm-2 rows and procedures; empty,
    with a message saying so, when nothing in the catalogue matches."""

    query: str = Field(examples=["nồi cơm điện"])
    message: str
    matches: list[MatchOut] = Field(default_factory=list)
    products: list[ProductOut] = Field(default_factory=list)
    procedures: list[ProcedureOut] = Field(default_factory=list)
