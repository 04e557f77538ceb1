"""`GET /api/v1/standards/{number}`, `GET /api/v1/standards` and `GET /api/v1/applicability`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from search_api.applicability import answer
from search_api.deps import SearchRateLimit, ServiceDep
from search_api.errors import ErrorDetail, error_responses
from search_api.schemas import MAX_K, MAX_PAGE, MAX_QUERY_CHARS
from search_api.standards_schemas import (
    ApplicabilityOut,
    StandardDetailOut,
    StandardListOut,
    StandardNotFoundOut,
)
from search_api.standards_views import listing, lookup

router = APIRouter(tags=["Tiêu chuẩn"], dependencies=[SearchRateLimit])

Number = Annotated[
    str,
    Path(
        max_length=200,
        description="Số hiệu, viết thế nào cũng được: `QCVN 4:2009/BKHCN`, `qcvn 4-2009 bkhcn`, "
        "`QCVN04:2009`, `tcvn6165`, `TCVN ISO 9001:2015`, `Sửa đổi 1:2017 QCVN 1:2015/BKHCN`.",
        examples=["qcvn 4-2009 bkhcn"],
    ),
]


class StandardQuery(BaseModel):
    """Filters of the list; lists match any of their values."""

    q: str = Field(default="", max_length=200, description="Từ trong số hiệu, tên, phạm vi.",
                   examples=["mũ bảo hiểm"])  # fmt: skip
    agency: list[str] = Field(default_factory=list, examples=[["BKHCN"]])
    status: list[str] = Field(default_factory=list, examples=[["còn hiệu lực"]])
    ics: list[str] = Field(default_factory=list, description="Tiền tố mã ICS", examples=[["13"]])
    kind: list[Literal["QCVN", "TCVN", "TCVN ISO/IEC", "amendment"]] = Field(default_factory=list)
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    k: int = Field(default=20, ge=1, le=MAX_K)


@router.get(
    "/standards/{number:path}",
    summary="Một tiêu chuẩn, quy chuẩn theo số hiệu",
    response_model=StandardDetailOut,
    responses={**error_responses(422, 429, 503), 404: {"model": StandardNotFoundOut,
               "description": "Không có, hoặc số hiệu chưa đủ để xác định một bản"}},
)  # fmt: skip
def get_standard(number: Number, service: ServiceDep) -> StandardDetailOut | JSONResponse:
    """Bản ghi đầy đủ: hiệu lực kèm căn cứ, chuỗi phiên bản (liên kết suy luận có ghi lý do),
    sửa đổi, ICS, tương đương, phạm vi, văn bản ban hành, nguồn, toàn văn nếu có và các
    điều khoản nhắc đến số hiệu. Số hiệu viết thiếu trả 404 kèm các bản ứng viên; số hiệu
    không có trả 404 kèm các văn bản có nhắc đến nó."""
    found = lookup(service.standards.index, number)
    if found.record is not None:
        return found.record
    partial = found.kind == "candidates"
    code = "ambiguous_number" if partial else "standard_not_found"
    message = (
        f"Số hiệu «{number}» chưa đủ để xác định một bản: {len(found.candidates)} bản ứng viên."
        if partial
        else found.message
    )
    body = StandardNotFoundOut(
        error=ErrorDetail(code=code, message=message, field="number"),
        candidates=found.candidates,
        mentions=found.mentions,
    )
    return JSONResponse(body.model_dump(exclude_none=True), status_code=404)


@router.get(
    "/standards",
    summary="Danh mục tiêu chuẩn, quy chuẩn",
    response_model=StandardListOut,
    responses=error_responses(422, 429, 503),
)
def list_standards(
    params: Annotated[StandardQuery, Query()], service: ServiceDep
) -> StandardListOut:
    """Danh mục QCVN, TCVN và sửa đổi, lọc theo từ khóa, bộ ban hành, hiệu lực (hôm nay),
    ICS, loại; mới nhất trước, kèm số đếm theo loại, bộ, hiệu lực và nhóm ICS."""
    return listing(
        service.standards.index,
        params.q,
        params.page,
        params.k,
        agency=params.agency,
        status=params.status,
        ics=params.ics,
        kind=params.kind,
    )


@router.get(
    "/applicability",
    summary="Quy chuẩn nào áp dụng cho sản phẩm",
    response_model=ApplicabilityOut,
    responses=error_responses(422, 429, 503),
)
def applicability(
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY_CHARS,
            description="Sản phẩm, hoạt động (có hoặc không dấu) hoặc mã HS.",
            examples=["nồi cơm điện"],
        ),
    ],
    service: ServiceDep,
) -> ApplicabilityOut:
    """QCVN đang có hiệu lực áp dụng cho sản phẩm (bản đã bị thay thế đứng sau, có ghi
    rõ), các dòng danh mục nhóm 2 (mã HS, biện pháp quản lý hàng nhập khẩu, cơ quan kiểm
    tra, căn cứ pháp lý) và các thủ tục phải làm kèm điều khoản quy định. Không khớp gì thì
    trả lời rỗng, nói rõ là không có."""
    return answer(service.standards.index, q, service.provisions)
