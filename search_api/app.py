"""The API factory: routers under /api/v1, health, metrics and the offline API docs.

Nothing is created at import: :mod:`kb.app` builds the served app (API plus pages) from
:func:`create_api`, and tests build as many apps as they like, each with its own settings,
store and registry. The API knows no pages.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from threadpoolctl import threadpool_limits

from search_api.errors import install_error_handlers
from search_api.metrics import Metrics, MetricsMiddleware
from search_api.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from search_api.ratelimit import RateLimiter, SharedRateLimiter
from search_api.routes import (
    admin,
    documents,
    export,
    health,
    search,
    standards,
    suggest,
    terms,
)
from search_api.runtime import Runtime
from search_api.service import SearchService
from search_api.settings import ApiSettings, get_api_settings

API_PREFIX = "/api/v1"
#: Where the vendored Swagger UI files are served.
DOCS_ASSETS = "/api-docs"
SWAGGER_DIR = Path(__file__).parent / "static" / "swagger"

DESCRIPTION = """\
Tra cứu văn bản pháp luật về **Tiêu chuẩn – Đo lường – Chất lượng**: luật, nghị định,
thông tư, QCVN, TCVN, phân tích đến từng điều, khoản, điểm.

* Tìm theo nghĩa và từ khóa, **có hoặc không dấu** (`thu tuc cong bo hop quy`).
* Mỗi kết quả có **trích dẫn** ("khoản 2 Điều 5 Luật 68/2006/QH11") và liên kết nguồn.
* Lỗi luôn là JSON `{"error": {"code", "message", "field"}}` với `code` cố định.
* Các thao tác quản trị (nạp, xóa) cần header `X-API-Key`; các thao tác đọc là công khai.
"""

OPENAPI_TAGS = [
    {"name": "Tìm kiếm", "description": "Tìm điều, khoản theo nghĩa và từ khóa."},
    {"name": "Văn bản", "description": "Toàn văn, mục lục và từng điều của văn bản."},
    {
        "name": "Tiêu chuẩn",
        "description": "Danh mục QCVN, TCVN: hiệu lực kèm căn cứ, chuỗi phiên bản, "
        "quy chuẩn áp dụng cho sản phẩm.",
    },
    {"name": "Thuật ngữ", "description": "Thuật ngữ được định nghĩa trong văn bản."},
    {"name": "Gợi ý", "description": "Gợi ý số hiệu và tên văn bản khi gõ."},
    {"name": "Dữ liệu mở", "description": "Xuất toàn bộ dữ liệu dạng JSON Lines."},
    {"name": "Quản trị", "description": "Nạp và xóa văn bản (cần khóa API)."},
    {"name": "Vận hành", "description": "Kiểm tra sức khỏe và số liệu Prometheus."},
]


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids ("search_get"), independent of the Vietnamese tags."""
    return route.name


def api_router() -> APIRouter:
    """Every /api/v1 router."""
    router = APIRouter(prefix=API_PREFIX)
    for module in (search, documents, standards, terms, suggest, export, admin):
        router.include_router(module.router)
    return router


def _rate_limiters(settings: ApiSettings) -> tuple[RateLimiter, RateLimiter]:
    """The search and admin limiters: in memory, or shared by the workers of one server."""
    folder = settings.shared_state_dir
    if folder is None:
        return (
            RateLimiter(settings.rate_limit_per_minute),
            RateLimiter(settings.admin_rate_limit_per_minute),
        )
    return (
        SharedRateLimiter(settings.rate_limit_per_minute, folder / "search-buckets.sqlite"),
        SharedRateLimiter(settings.admin_rate_limit_per_minute, folder / "admin-buckets.sqlite"),
    )


def _warm_up(runtime: Runtime) -> None:
    """Load the models and answer one search, logging how long it took or why not."""
    seconds, problem = runtime.warm_up()
    log = logging.getLogger("uvicorn.error")
    if problem is None:
        log.info("Models loaded and one search answered in %.1f s.", seconds)
    else:
        log.warning("Warm-up skipped, the store did not answer: %s", problem)


def create_api(
    settings: ApiSettings | None = None,
    service: SearchService | None = None,
    *,
    warm_up: bool = False,
) -> FastAPI:
    """A new API app over ``service`` (or a store and service built from ``settings``);
    with ``warm_up`` its start-up loads the models and answers one search before the
    server takes a request (each worker's, under several)."""
    settings = settings or get_api_settings()
    # One BLAS thread for the process: requests already run in parallel on the thread pool,
    # and OpenBLAS workers spinning after each small dense product fought them and the
    # embedder's OpenMP threads for the cores (`kb bench`: semantic p50 halved). Results
    # are bit-identical: each score is computed by the same kernel either way.
    threadpool_limits(limits=1, user_api="blas")
    metrics = Metrics()
    runtime = Runtime(settings, service, metrics, settings.shared_state_dir)
    limiters = _rate_limiters(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            await asyncio.to_thread(_warm_up, runtime)
        yield
        runtime.close()
        for limiter in limiters:
            limiter.close()

    app = FastAPI(
        title="Tra cứu Tiêu chuẩn – Đo lường – Chất lượng",
        description=DESCRIPTION,
        version="1.0.0",
        openapi_tags=OPENAPI_TAGS,
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.runtime = runtime
    app.state.metrics = metrics
    app.state.rate_limiter, app.state.admin_rate_limiter = limiters
    install_error_handlers(app)
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.max_body_bytes,
        larger={f"{API_PREFIX}{admin.INGEST_PATH}": settings.max_upload_bytes},
    )
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key"],
            expose_headers=["Retry-After"],
            max_age=600,
        )
    app.include_router(api_router())
    app.include_router(health.router)
    install_docs(app)
    return app


def install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from vendored files: it works without internet, and its start-up
    script is a file too, so the page needs no inline script."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=SWAGGER_DIR), name="api-docs")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        openapi_url = html.escape(app.openapi_url or "/openapi.json")
        return HTMLResponse(
            f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{DOCS_ASSETS}/swagger-ui.css">
<link rel="icon" href="data:,">
<title>{html.escape(app.title)} — API</title>
</head>
<body>
<div id="swagger-ui" data-openapi-url="{openapi_url}"></div>
<script src="{DOCS_ASSETS}/swagger-ui-bundle.js"></script>
<script src="{DOCS_ASSETS}/init.js"></script>
</body>
</html>
"""
        )
