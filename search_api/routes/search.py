"""`GET|POST /api/v1/search`: the same request fields as query parameters or a JSON body."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from search_api.deps import RuntimeDep, SearchRateLimit
from search_api.errors import error_responses
from search_api.schemas import SearchBody, SearchRequest, SearchResponse

router = APIRouter(prefix="/search", tags=["Tìm kiếm"], dependencies=[SearchRateLimit])

_RESPONSES = error_responses(422, 429, 503)

_BODY_EXAMPLES: dict[str, Any] = {
    "co_dau": {
        "summary": "Câu hỏi có dấu, lọc theo loại văn bản",
        "value": {"q": "thủ tục công bố hợp quy", "mode": "hybrid", "k": 10, "type": ["Thông tư"]},
    },
    "khong_dau": {
        "summary": "Gõ không dấu (hệ thống tự khôi phục dấu)",
        "value": {"q": "thu tuc cong bo hop quy", "mode": "lexical", "k": 5},
    },
    "dinh_nghia": {
        "summary": "Hỏi định nghĩa",
        "value": {"q": "hợp chuẩn là gì"},
    },
    "trich_dan": {
        "summary": "Tìm theo trích dẫn điều, luật",
        "value": {"q": "Điều 23 Luật 68/2006/QH11", "year_from": 2006, "year_to": 2024},
    },
}


@router.get(
    "",
    summary="Tìm kiếm (tham số trên URL)",
    response_model=SearchResponse,
    responses=_RESPONSES,
)
def search_get(params: Annotated[SearchRequest, Query()], runtime: RuntimeDep) -> SearchResponse:
    """Tìm điều, khoản theo nghĩa và từ khóa, có hoặc không dấu. Kết quả có trích dẫn
    ("khoản 2 Điều 5 Luật 68/2006/QH11"), đoạn trích có `<mark>`, định nghĩa khi hỏi
    "X là gì", và số đếm theo loại, cơ quan ban hành, năm, hiệu lực (facets)."""
    return runtime.search(params)


@router.post(
    "",
    summary="Tìm kiếm (thân JSON)",
    response_model=SearchResponse,
    responses=error_responses(413, 422, 429, 503),
)
def search_post(
    body: Annotated[SearchBody, Body(openapi_examples=_BODY_EXAMPLES)], runtime: RuntimeDep
) -> SearchResponse:
    """Như `GET /api/v1/search`, với các trường gửi trong thân JSON."""
    return runtime.search(body)
