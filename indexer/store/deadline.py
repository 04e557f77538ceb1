"""One deadline for store calls: every call made inside :func:`store_deadline` shares one
budget, so a search waits on a slow or hanging store for at most that long in total, however
many calls it makes. Outside a deadline each call has only its own timeout."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from indexer.store.base import StoreUnavailableError

_DEADLINE: ContextVar[float | None] = ContextVar("store_deadline", default=None)


@contextmanager
def store_deadline(seconds: float) -> Iterator[None]:
    """Store calls made inside (in this thread or task) share a budget of ``seconds``."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def call_timeout(timeout: float) -> float:
    """How long the next store call may take: ``timeout``, or less when the deadline is
    nearer; raises :class:`StoreUnavailableError` once the deadline has passed."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise StoreUnavailableError("the store did not answer within the search deadline")
    return min(timeout, left)
