"""Per-client rate limiting: one in-memory token bucket per client key.

A bucket holds up to ``per_minute`` tokens and refills at ``per_minute / 60`` tokens a
second; each search takes one. An empty bucket means 429 with ``Retry-After`` (whole
seconds until the next token). ``per_minute == 0`` turns limiting off.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets keyed by client (IP address or API key)."""

    def __init__(
        self,
        per_minute: int,
        *,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_minute = per_minute
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.per_minute > 0

    def acquire(self, key: str) -> float:
        """Take one token for ``key``: 0.0 when allowed, else seconds until a token is due."""
        if not self.enabled:
            return 0.0
        rate = self.per_minute / 60.0
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                self._evict_full(now, rate)
                bucket = self._buckets[key] = _Bucket(float(self.per_minute), now)
            bucket.tokens = min(self.per_minute, bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / rate

    def _evict_full(self, now: float, rate: float) -> None:
        """Forget clients whose bucket has refilled, once too many are tracked."""
        if len(self._buckets) < self.max_clients:
            return
        full = [
            key
            for key, b in self._buckets.items()
            if b.tokens + (now - b.updated) * rate >= self.per_minute
        ]
        for key in full:
            del self._buckets[key]


def retry_after_header(wait: float) -> str:
    """``Retry-After`` in whole seconds, at least 1."""
    return str(max(1, math.ceil(wait)))
