"""Per-client rate limiting: one token bucket per client key.

A bucket holds up to ``per_minute`` tokens and refills at ``per_minute / 60`` tokens a
second; each search takes one. An empty bucket means 429 with ``Retry-After`` (whole
seconds until the next token). ``per_minute == 0`` turns limiting off.

:class:`RateLimiter` keeps the buckets in memory (one server process);
:class:`SharedRateLimiter` keeps them in a SQLite file, so that the workers of
``kb serve --workers N`` share one budget per client instead of each granting its own.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class _Bucket:
    tokens: float
    updated: float

    def take(self, now: float, per_minute: int) -> float:
        """Refill up to ``now``, then take one token: 0.0, or the seconds until one is due."""
        rate = per_minute / 60.0
        self.tokens = min(per_minute, self.tokens + (now - self.updated) * rate)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / rate


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
        with self._lock:
            return self._take(key)

    def _take(self, key: str) -> float:
        now = self._clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            self._evict_full(now, self.per_minute / 60.0)
            bucket = self._buckets[key] = _Bucket(float(self.per_minute), now)
        return bucket.take(now, self.per_minute)

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

    def close(self) -> None:
        """Nothing to release: the buckets are in memory."""


class SharedRateLimiter(RateLimiter):
    """Token buckets in a SQLite file that every process of one server opens: each
    acquisition is one immediate transaction, so two workers never spend the same token.
    The clock is the system's monotonic one, the same in every process of the machine."""

    def __init__(
        self,
        per_minute: int,
        path: Path,
        *,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(per_minute, max_clients=max_clients, clock=clock)
        self._db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=OFF")  # a lost bucket after a power cut is fine
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS bucket (key TEXT PRIMARY KEY, tokens REAL, updated REAL)"
        )

    def _take(self, key: str) -> float:
        with self._immediate():
            now = self._clock()
            row = self._db.execute(
                "SELECT tokens, updated FROM bucket WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                self._evict_full(now, self.per_minute / 60.0)
            bucket = _Bucket(*row) if row else _Bucket(float(self.per_minute), now)
            wait = bucket.take(now, self.per_minute)
            self._db.execute(
                "INSERT OR REPLACE INTO bucket VALUES (?, ?, ?)",
                (key, bucket.tokens, bucket.updated),
            )
        return wait

    @contextmanager
    def _immediate(self) -> Iterator[None]:
        """One write transaction, taken before reading (no other process between the two)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _evict_full(self, now: float, rate: float) -> None:
        (tracked,) = self._db.execute("SELECT count(*) FROM bucket").fetchone()
        if tracked >= self.max_clients:
            self._db.execute(
                "DELETE FROM bucket WHERE tokens + (? - updated) * ? >= ?",
                (now, rate, self.per_minute),
            )

    def close(self) -> None:
        self._db.close()


def retry_after_header(wait: float) -> str:
    """``Retry-After`` in whole seconds, at least 1."""
    return str(max(1, math.ceil(wait)))
