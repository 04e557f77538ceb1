"""JSON errors with a stable ``code``: the error model, :class:`ApiError` and the handlers.

Every error the API answers is ``{"error": {"code", "message", "field"?}}``. Validation
errors name the offending field; an unreachable store is 503 with ``Retry-After``; an
unexpected exception is a 500 whose body says nothing about the code (it is logged).
Pages of the web UI can ask for HTML instead through :data:`HtmlErrorRenderer`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match

from indexer.store.base import StoreUnavailableError
from search_api.headers import SECURITY_HEADERS
from search_api.messages import (
    BODY_UNREADABLE,
    BODY_UNREADABLE_VI,
    body_too_large,
    http_message,
    validation_message,
)

logger = logging.getLogger(__name__)

#: Seconds a client should wait before retrying when the store is down.
RETRY_AFTER_SECONDS = 5

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    429: "rate_limited",
    500: "internal_error",
    503: "store_unavailable",
}

_VALIDATION_PREFIXES = ("query", "body", "path", "header", "cookie")


class ErrorDetail(BaseModel):
    code: str = Field(examples=["invalid_parameter"])
    message: str = Field(examples=["k: phải nhỏ hơn hoặc bằng 100"])
    field: str | None = Field(default=None, examples=["k"])


class ErrorOut(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class ApiError(Exception):
    """An error a route raises on purpose; rendered as :class:`ErrorOut`."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.detail = ErrorDetail(code=code, message=message, field=field)
        self.headers = headers or {}


#: Renders an error as an HTML page for browsers (set by the web UI on ``app.state``).
HtmlErrorRenderer = Callable[[Request, int, ErrorDetail], Response]


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting ErrorOut for the given statuses."""
    return {
        status: {"model": ErrorOut, "description": HTTPStatus(status).phrase} for status in statuses
    }


class PayloadTooLarge(StarletteHTTPException):
    """A request body over its limit (raised while the body is read, answered with 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, detail=body_too_large(limit))


def _field_name(error: Mapping[str, Any]) -> str | None:
    """The field an error names: "k", "type.0"; "body" for a body that is not valid JSON
    (pydantic names the byte offset) or not an object."""
    parts = [str(p) for p in error.get("loc", ())]
    if error.get("type") == "json_invalid" or parts == ["body"]:
        return "body"
    if parts and parts[0] in _VALIDATION_PREFIXES:
        parts = parts[1:]
    return ".".join(parts) or None


def _render(
    request: Request, status: int, detail: ErrorDetail, headers: Mapping[str, str] | None = None
) -> Response:
    renderer: HtmlErrorRenderer | None = getattr(request.app.state, "html_errors", None)
    wants_html = "text/html" in request.headers.get("accept", "")
    if renderer is not None and wants_html and not request.url.path.startswith("/api/"):
        response = renderer(request, status, detail)
        response.headers.update(headers or {})
        return response
    return JSONResponse(
        ErrorOut(error=detail).model_dump(exclude_none=True),
        status_code=status,
        headers=dict(headers or {}),
    )


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _render(request, exc.status, exc.detail, exc.headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {}
    field = _field_name(first)
    message = validation_message(first)
    detail = ErrorDetail(
        code="invalid_parameter",
        message=f"{field}: {message}" if field else message,
        field=field,
    )
    return _render(request, 422, detail)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed_methods(request: Request) -> str:
    """Every method some route accepts at this path (Starlette names only the first route's):
    each method is tried against the routes."""
    routes = request.app.router.routes
    allowed = [
        method
        for method in _METHODS
        if any(r.matches({**request.scope, "method": method})[0] is Match.FULL for r in routes)
    ]
    return ", ".join(allowed)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Framework errors (404, 405, 413, a body it cannot read …), with Vietnamese messages."""
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "http_error")
    headers = dict(exc.headers or {})
    if isinstance(exc, PayloadTooLarge):
        message = str(exc.detail)
    elif exc.detail == BODY_UNREADABLE:
        message = BODY_UNREADABLE_VI
    else:
        message = http_message(exc.status_code, request.method)
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request)
    return _render(request, exc.status_code, ErrorDetail(code=code, message=message), headers)


async def _store_unavailable(request: Request, exc: Exception) -> Response:
    logger.warning("store unavailable: %s", exc)
    detail = ErrorDetail(
        code="store_unavailable",
        message="Kho dữ liệu tạm thời không truy cập được; vui lòng thử lại sau.",
    )
    return _render(request, 503, detail, {"Retry-After": str(RETRY_AFTER_SECONDS)})


async def _unexpected(request: Request, exc: Exception) -> Response:
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    detail = ErrorDetail(code="internal_error", message="Lỗi máy chủ; sự cố đã được ghi lại.")
    return _render(request, 500, detail, SECURITY_HEADERS)


def install_error_handlers(app: FastAPI) -> None:
    """Register the JSON error handlers on ``app``."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(StoreUnavailableError, _store_unavailable)
    app.add_exception_handler(OpenSearchConnectionError, _store_unavailable)
    app.add_exception_handler(Exception, _unexpected)
