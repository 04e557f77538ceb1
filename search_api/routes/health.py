"""`/healthz` (the process answers), `/readyz` (the store answers) and `/metrics`.

Neither health check can be held up by searches waiting on a slow store: both run on the
event loop, not on the thread pool the searches fill; ``/healthz`` never touches the store,
and ``/readyz`` pings it on threads of its own and answers within :data:`READY_DEADLINE_S`.
"""

from __future__ import annotations

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel

from search_api.deps import MetricsDep
from search_api.errors import RETRY_AFTER_SECONDS, ApiError, error_responses
from search_api.runtime import Runtime
from search_api.settings import ApiSettings

router = APIRouter(tags=["Vận hành"])

#: Longest time /readyz waits for the store's answer.
READY_DEADLINE_S = 1.0


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    store: str


@router.get("/healthz", summary="Tiến trình còn sống", response_model=Health)
async def healthz() -> Health:
    """Luôn trả 200 khi tiến trình trả lời được."""
    return Health(status="ok")


@router.get(
    "/readyz",
    summary="Sẵn sàng phục vụ (kho dữ liệu truy cập được)",
    response_model=Readiness,
    responses=error_responses(503),
)
async def readyz(request: Request) -> Readiness:
    """200 khi kho dữ liệu trả lời; 503 kèm `Retry-After` khi không (trả lời trong 1 giây)."""
    runtime: Runtime = request.app.state.runtime
    settings: ApiSettings = request.app.state.settings
    answered = False
    with anyio.move_on_after(READY_DEADLINE_S):
        # a thread of its own, apart from the pool the requests share; left behind on timeout
        answered = await anyio.to_thread.run_sync(
            runtime.store.ping, limiter=anyio.CapacityLimiter(1), abandon_on_cancel=True
        )
    if not answered:
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
