"""The public JSON contract of search, shared by `kb search --json` and the HTTP API."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from indexer.glossary import Term
from indexer.models import DocumentMeta
from search_api.graph_schemas import ValidityOut
from search_api.schema_parts import CitationOut, FacetCount
from search_api.standards_schemas import ApplicabilityOut, LookupOut, ProductOut, StandardOut

Mode = Literal["lexical", "semantic", "hybrid"]

MAX_K = 100
MAX_QUERY_CHARS = 1000
MAX_PAGE = 50


class DocumentOut(BaseModel):
    id: str
    number: str | None
    title: str
    type: str | None
    issuer: str | None
    issued_date: str | None
    effective_date: str | None
    status: str | None

    @classmethod
    def of(cls, meta: DocumentMeta) -> DocumentOut:
        return cls(
            id=meta.id,
            number=meta.number,
            title=meta.title,
            type=meta.type,
            issuer=meta.issuer,
            issued_date=meta.issued_date,
            effective_date=meta.effective_date,
            status=meta.status,
        )


class HitOut(BaseModel):
    id: str
    score: float
    heading: str = Field(
        description="Where the text sits: document › chapter › article title.",
        examples=["Luật Tiêu chuẩn và quy chuẩn kỹ thuật 68/2006/QH11 › Điều 48. Công bố hợp quy"],
    )
    text: str
    snippet: str = Field(description="HTML-escaped text; only <mark> tags are unescaped.")
    citation: CitationOut
    document: DocumentOut
    kind: Literal["text", "standard", "product"] = Field(
        default="text",
        description='"text": a provision of a legal text or QCVN; "standard": a catalogue '
        'record (see `standard`); "product": a nhóm-2 row (see `product`).',
    )
    standard: StandardOut | None = None
    product: ProductOut | None = None
    validity: ValidityOut | None = Field(
        default=None,
        description="Hiệu lực của điều, khoản trong kết quả vào ngày as_of, với căn cứ.",
    )
    document_validity: ValidityOut | None = Field(
        default=None,
        description="Hiệu lực của văn bản vào ngày as_of, với căn cứ (tình trạng trong "
        "`document.status`).",
    )


class DefinitionOut(BaseModel):
    """A definition from a "Giải thích từ ngữ" / "Thuật ngữ và định nghĩa" provision."""

    term: str = Field(examples=["Hợp chuẩn"])
    definition: str
    citation: CitationOut
    document_id: str = Field(description="Id of the defining document (for /documents/{id}).")

    @classmethod
    def of(cls, term: Term) -> DefinitionOut:
        return cls(
            term=term.term,
            definition=term.definition,
            citation=CitationOut.of(term.citation),
            document_id=term.doc_id,
        )


class SemanticWaitOut(BaseModel):
    """Why a semantic or hybrid search was answered by keywords: the vectors are not all
    computed yet (a lexical-only ingest whose embedding is still running)."""

    requested_mode: Mode
    share_ready: float = Field(description="Share of the chunks that have their vector, 0–1.")
    message: str = Field(examples=["Tìm kiếm ngữ nghĩa đang được chuẩn bị: 40%"])

    @classmethod
    def of(cls, requested: Mode, share: float) -> SemanticWaitOut:
        percent = min(99, int(share * 100))  # never "100%" while one vector is missing
        return cls(
            requested_mode=requested,
            share_ready=round(share, 4),
            message=f"Tìm kiếm ngữ nghĩa đang được chuẩn bị: {percent}%; "
            "kết quả dưới đây chỉ theo từ khóa.",
        )


class SearchResponse(BaseModel):
    query: str
    mode: Mode = Field(description="The mode that answered (lexical while `semantic` is set).")
    semantic: SemanticWaitOut | None = Field(
        default=None,
        description="Set when a semantic or hybrid search was answered lexically, and why.",
    )
    took_ms: float
    total: int
    restored_query: str | None = Field(
        default=None, description="The query with its diacritics restored, when that was used."
    )
    definitions: list[DefinitionOut] = Field(default_factory=list)
    standard: LookupOut | None = Field(
        default=None, description="What a query made of a number names (record card)."
    )
    applicability: ApplicabilityOut | None = Field(
        default=None, description="The QCVN that applies, when the query names a product."
    )
    hits: list[HitOut]
    facets: dict[str, list[FacetCount]] = Field(default_factory=dict)


class SearchFilters(BaseModel):
    """Optional restrictions; lists match any of their values."""

    type: list[str] = Field(default_factory=list, examples=[["Luật"]])
    issuer: list[str] = Field(default_factory=list, examples=[["Quốc hội"]])
    status: list[str] = Field(default_factory=list)
    collection: list[str] = Field(default_factory=list)
    kind: list[Literal["text", "standard", "product"]] = Field(default_factory=list)
    agency: list[str] = Field(default_factory=list, examples=[["BKHCN"]])
    ics: list[str] = Field(default_factory=list, description="ICS code prefixes.")
    year_from: int | None = Field(default=None, ge=1900, le=2100)
    year_to: int | None = Field(default=None, ge=1900, le=2100)
    as_of: date | None = Field(
        default=None,
        ge=date(1900, 1, 1),
        le=date(2100, 12, 31),
        strict=False,
        description="Hiệu lực tính vào ngày này (YYYY-MM-DD; mặc định hôm nay): tình trạng "
        "của văn bản, điều, khoản và bộ lọc `status` theo ngày đó.",
        examples=["2018-07-01"],
    )

    @field_validator("year_to")
    @classmethod
    def _not_before_year_from(cls, year_to: int | None, info: ValidationInfo) -> int | None:
        year_from = info.data.get("year_from")
        if year_to is not None and year_from is not None and year_to < year_from:
            raise PydanticCustomError("year_range", "phải lớn hơn hoặc bằng year_from")
        return year_to


class SearchRequest(SearchFilters):
    """A search: the query, how to search, which page, and filters."""

    q: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, examples=["thủ tục công bố hợp quy"])
    mode: Mode = "hybrid"
    k: int = Field(default=10, ge=1, le=MAX_K)
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    restore: bool = Field(
        default=True,
        description="Restore the diacritics of a query typed without them; false searches "
        "exactly as typed.",
    )


class SearchBody(SearchRequest):
    """A search sent as a JSON body: JSON types are taken strictly (``{"k": true}`` or
    ``{"k": "5"}`` is refused, not read as 1 or 5); query parameters arrive as text and are
    read by :class:`SearchRequest`."""

    model_config = ConfigDict(strict=True)
