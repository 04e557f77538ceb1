"""Garbage collection tuned for a process that answers searches.

A search builds tens of thousands of short-lived containers (candidate hits, the syllable
sets and pairs of the re-rank features). With CPython's default threshold a young
collection runs every 700 net allocations, several times per query, and every so often an
older one walks everything start-up loaded (models, vocabularies, the index's caches): the
re-ranking stage's p95 and p99 came from those pauses, not from its work. Freezing the
start-up heap takes it out of every later collection; a larger young threshold makes the
collections rarer while short-lived garbage is still freed by reference counting at once.
"""

from __future__ import annotations

import gc

#: Young, middle and old generation thresholds of a serving process (CPython's: 700, 10, 10).
SERVING_THRESHOLDS = (50_000, 20, 50)


def tune_for_serving() -> None:
    """Collect once, freeze what survives (loaded once, kept for the process's life) and
    raise the collection thresholds. Call after the warm-up, before taking requests."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*SERVING_THRESHOLDS)
