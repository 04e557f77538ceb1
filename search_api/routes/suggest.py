"""`GET /api/v1/suggest`: autocomplete over document numbers and titles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from search_api.deps import SuggestDep
from search_api.errors import error_responses

router = APIRouter(prefix="/suggest", tags=["Gợi ý"])


class SuggestionOut(BaseModel):
    id: str = Field(examples=["68-2006-qh11"])
    number: str | None = Field(examples=["68/2006/QH11"])
    title: str = Field(examples=["Luật Tiêu chuẩn và Quy chuẩn kỹ thuật"])
    type: str | None = Field(examples=["Luật"])


class SuggestResponse(BaseModel):
    query: str
    suggestions: list[SuggestionOut]


@router.get(
    "",
    summary="Gợi ý số hiệu, tên văn bản",
    response_model=SuggestResponse,
    responses=error_responses(422, 503),
)
def suggest(
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="Phần đầu số hiệu hoặc tên văn bản, có hoặc không dấu",
            examples=["68/2006"],
        ),
    ],
    index: SuggestDep,
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
) -> SuggestResponse:
    """Văn bản có số hiệu ("68/2006", "qcvn 01") hoặc tên ("luat do luong") bắt đầu bằng
    chuỗi đã gõ."""
    return SuggestResponse(
        query=q,
        suggestions=[SuggestionOut(**s.__dict__) for s in index.suggest(q, limit)],
    )
