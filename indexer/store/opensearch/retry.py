"""Store calls that outlast a node restart: retried with backoff, then a clear failure.

Every write of the store is idempotent (documents are put by id, deletions name ids), so a
write that failed because OpenSearch was unreachable or not ready is simply sent again; the
bulk reads an ingest makes (stored hashes, the document list) are retried the same way.
Searches are not: they have a deadline (:mod:`indexer.store.deadline`).
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Sequence
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import ConnectionTimeout, TransportError

from indexer.store.base import StoreUnavailableError

log = logging.getLogger(__name__)

#: Seconds between attempts: five retries over about 15 s, then the call fails.
RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0)
#: HTTP statuses of a cluster that is busy or not ready yet (e.g. electing a manager).
_RETRIED_STATUSES = {429, 502, 503, 504}

P = ParamSpec("P")
R = TypeVar("R")


class Retrying(Protocol):
    """A store with its retry delays."""

    retry_delays: Sequence[float]


S = TypeVar("S", bound=Retrying)


def _retried(error: Exception) -> bool:
    if isinstance(error, ConnectionTimeout):  # a hanging node: waiting again only doubles it
        return False
    if isinstance(error, OSConnectionError):  # refused or reset: down or restarting
        return True
    return isinstance(error, TransportError) and error.status_code in _RETRIED_STATUSES


def retry_unavailable(
    method: Callable[Concatenate[S, P], R],
) -> Callable[Concatenate[S, P], R]:
    """Retry ``method`` after each of the store's ``retry_delays`` while OpenSearch is
    unreachable or not ready; then raise :class:`StoreUnavailableError` naming the cause."""

    @functools.wraps(method)
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> R:
        delays = list(self.retry_delays)
        while True:
            try:
                return method(self, *args, **kwargs)
            except (OSConnectionError, TransportError) as error:
                if not _retried(error):
                    raise
                if not delays:
                    raise StoreUnavailableError(
                        f"OpenSearch did not answer ({method.__name__}) after "
                        f"{len(self.retry_delays) + 1} attempts over "
                        f"{sum(self.retry_delays):.0f} s: {error}"
                    ) from error
                delay = delays.pop(0)
                log.warning("OpenSearch did not answer (%s); retrying in %.1f s", error, delay)
                time.sleep(delay)

    return wrapper
