"""ASGI middleware for every request: one body-size limit, and the security headers.

:class:`BodyLimitMiddleware` refuses a body over its limit with 413 JSON before the app
reads more of it: a declared ``Content-Length`` is checked before anything is read, and
bodies sent without one (chunked, streamed) are counted as they arrive. Uploads keep their
own, larger limit. :class:`SecurityHeadersMiddleware` sets the Content-Security-Policy
(no inline script, no framing) and the other protective headers on every response.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from search_api.errors import ErrorDetail, ErrorOut, PayloadTooLarge
from search_api.headers import SECURITY_HEADERS


class BodyLimitMiddleware:
    """Refuse request bodies over ``limit`` bytes (``larger`` maps paths to their own)."""

    def __init__(self, app: ASGIApp, limit: int, larger: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.larger = dict(larger or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope["path"], self.limit)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _too_large(limit)(scope, receive, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise PayloadTooLarge(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except PayloadTooLarge:  # read outside the routes' error handling
            if started:
                raise
            await _too_large(limit)(scope, receive, send)


def _too_large(limit: int) -> JSONResponse:
    detail = ErrorDetail(code="payload_too_large", message=PayloadTooLarge(limit).detail)
    return JSONResponse(ErrorOut(error=detail).model_dump(exclude_none=True), status_code=413)


class SecurityHeadersMiddleware:
    """Add :data:`SECURITY_HEADERS` to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)
