"""FastAPI dependencies as ``Annotated`` aliases: settings, service, store, admin key, limits."""

from __future__ import annotations

import hashlib
import secrets
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from indexer.store.base import Store
from search_api.errors import ApiError
from search_api.metrics import Metrics
from search_api.ratelimit import RateLimiter, retry_after_header
from search_api.runtime import Runtime
from search_api.service import SearchService
from search_api.settings import ApiSettings
from search_api.suggest import SuggestIndex

_api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="Khóa quản trị (KB_API_KEY) cho nạp và xóa văn bản.",
)


def get_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]


def get_service(runtime: RuntimeDep) -> SearchService:
    return runtime.service()


def get_store(runtime: RuntimeDep) -> Store:
    return runtime.store


def get_suggest_index(runtime: RuntimeDep) -> SuggestIndex:
    return runtime.suggest_index()


ServiceDep = Annotated[SearchService, Depends(get_service)]
StoreDep = Annotated[Store, Depends(get_store)]
SuggestDep = Annotated[SuggestIndex, Depends(get_suggest_index)]


def _take_token(limiter: RateLimiter, key: str, what: str) -> None:
    """One token from ``limiter`` for ``key``; 429 with ``Retry-After`` when none is left."""
    wait = limiter.acquire(key)
    if wait > 0:
        raise ApiError(
            429,
            "rate_limited",
            f"Quá nhiều yêu cầu {what}; giới hạn {limiter.per_minute} yêu cầu/phút.",
            headers={"Retry-After": retry_after_header(wait)},
        )


def admin_rate_limit(request: Request) -> None:
    """Admin requests count per client address before the key is checked, so guessing keys
    is as limited as using the right one."""
    _take_token(request.app.state.admin_rate_limiter, client_address(request), "quản trị")


def require_admin(
    settings: SettingsDep,
    api_key: Annotated[str | None, Security(_api_key_header)],
    _: Annotated[None, Depends(admin_rate_limit)],
) -> None:
    """Let the request through only with the configured admin key (403 otherwise)."""
    if not settings.api_key:
        raise ApiError(
            403,
            "admin_disabled",
            "Chức năng quản trị bị tắt: chưa cấu hình khóa API (KB_API_KEY).",
        )
    if api_key is None or not secrets.compare_digest(
        api_key.encode("utf-8"), settings.api_key.encode("utf-8")
    ):
        raise ApiError(
            403, "invalid_api_key", "Thiếu hoặc sai khóa API (header X-API-Key).", field="X-API-Key"
        )


AdminDep = Annotated[None, Depends(require_admin)]


def client_address(request: Request) -> str:
    """The client's address as the limiters key it."""
    return "ip:" + (request.client.host if request.client else "unknown")


def client_key(request: Request, settings: ApiSettings) -> str:
    """Who a search counts against: the admin key when it is the right one, else the address."""
    api_key = request.headers.get("x-api-key")
    if (
        api_key
        and settings.api_key
        and secrets.compare_digest(api_key.encode("utf-8"), settings.api_key.encode("utf-8"))
    ):
        return "key:" + hashlib.sha256(api_key.encode("utf-8")).hexdigest()[:16]
    return client_address(request)


def rate_limit(request: Request, settings: SettingsDep) -> None:
    """Take one search token for the client; 429 with ``Retry-After`` when none is left."""
    _take_token(request.app.state.rate_limiter, client_key(request, settings), "tìm kiếm")


SearchRateLimit = Depends(rate_limit)
