"""`GET /api/v1/terms`: glossary terms ("Giải thích từ ngữ") matching a query."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from search_api.deps import ServiceDep
from search_api.errors import error_responses
from search_api.schemas import DefinitionOut

router = APIRouter(prefix="/terms", tags=["Thuật ngữ"])


class TermsResponse(BaseModel):
    query: str
    terms: list[DefinitionOut]


@router.get(
    "",
    summary="Tra thuật ngữ",
    response_model=TermsResponse,
    responses=error_responses(422, 503),
)
def search_terms(
    q: Annotated[
        str,
        Query(min_length=1, max_length=200, description="Thuật ngữ", examples=["hợp chuẩn"]),
    ],
    service: ServiceDep,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> TermsResponse:
    """Các thuật ngữ được định nghĩa trong văn bản (có hoặc không dấu), kèm định nghĩa và
    trích dẫn điều, khoản định nghĩa."""
    glossary = service.artifacts.glossary
    terms = glossary.search(q, limit) if glossary is not None else []
    return TermsResponse(
        query=q,
        terms=[DefinitionOut.of(t) for t in terms],
    )
