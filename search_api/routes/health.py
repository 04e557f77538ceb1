"""`/healthz` (the process answers), `/readyz` (the store answers) and `/metrics`."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel

from search_api.deps import MetricsDep, SettingsDep, StoreDep
from search_api.errors import RETRY_AFTER_SECONDS, ApiError, error_responses

router = APIRouter(tags=["Vận hành"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    store: str


@router.get("/healthz", summary="Tiến trình còn sống", response_model=Health)
def healthz() -> Health:
    """Luôn trả 200 khi tiến trình trả lời được."""
    return Health(status="ok")


@router.get(
    "/readyz",
    summary="Sẵn sàng phục vụ (kho dữ liệu truy cập được)",
    response_model=Readiness,
    responses=error_responses(503),
)
def readyz(store: StoreDep, settings: SettingsDep) -> Readiness:
    """200 khi kho dữ liệu trả lời; 503 kèm `Retry-After` khi không."""
    if not store.ping():
        raise ApiError(
            503,
            "store_unavailable",
            f"Kho dữ liệu ({settings.store}) không trả lời.",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return Readiness(status="ready", store=settings.store)


@router.get(
    "/metrics",
    summary="Số liệu Prometheus",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}}}},
)
def metrics(collected: MetricsDep) -> Response:
    """Số yêu cầu và độ trễ theo route, mã trạng thái và chế độ tìm kiếm."""
    return Response(collected.exposition(), media_type=CONTENT_TYPE_LATEST)
