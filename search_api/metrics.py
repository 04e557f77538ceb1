"""Prometheus metrics on a per-app registry: requests by route and status, latencies.

Routes are labelled by their name, which is also their OpenAPI ``operationId``
("search_get", "get_document"), never by the raw path, so label cardinality stays
bounded; unmatched paths share the label "unmatched".

Under ``kb serve --workers N`` (``PROMETHEUS_MULTIPROC_DIR`` set, prometheus-client's own
switch, read when it is imported) every worker writes its values to files in that folder,
and ``/metrics`` from any worker sums them all.
"""

from __future__ import annotations

import os
import time

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """The app's collectors, registered on their own :class:`CollectorRegistry`."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "kb_http_requests",
            "HTTP requests answered, by route name, method and status.",
            ["handler", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "kb_http_request_duration_seconds",
            "Time to answer an HTTP request, by route name and method.",
            ["handler", "method"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.search_latency = Histogram(
            "kb_search_duration_seconds",
            "Time spent in the search service, by search mode.",
            ["mode"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )

    def observe_search(self, mode: str, seconds: float) -> None:
        self.search_latency.labels(mode=mode).observe(seconds)

    def exposition(self) -> bytes:
        """The registry in the Prometheus text format, summed over the worker processes
        when there are several."""
        if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            return generate_latest(self.registry)
        workers = CollectorRegistry()
        MultiProcessCollector(workers)
        return generate_latest(workers)


class MetricsMiddleware:
    """ASGI middleware counting every HTTP request and timing it."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            label = getattr(route, "name", None) or "unmatched"
            method = scope.get("method", "")
            self.metrics.requests.labels(handler=label, method=method, status=str(status)).inc()
            self.metrics.latency.labels(handler=label, method=method).observe(
                time.perf_counter() - started
            )
