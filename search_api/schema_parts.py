"""Small models shared by the search contract and the standards contract (no cycle between
:mod:`search_api.schemas` and :mod:`search_api.standards_schemas`)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from indexer.models import Citation


class CitationOut(BaseModel):
    """Where a hit comes from; ``article`` is the ORIGINAL article number ("23")."""

    label: str = Field(examples=["Điều 23 Luật 68/2006/QH11"])
    document_number: str | None = Field(examples=["68/2006/QH11"])
    document_title: str
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    section: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, citation: Citation) -> CitationOut:
        return cls(**citation.__dict__)


class FacetCount(BaseModel):
    value: str
    count: int
