"""The rate limit the workers of one server share: same buckets as in memory, one budget
for every process that opens the file."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from search_api.ratelimit import RateLimiter, SharedRateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_shared_buckets_grant_and_refill_as_the_memory_ones(tmp_path: Path) -> None:
    clock = Clock()
    shared = SharedRateLimiter(3, tmp_path / "b.sqlite", clock=clock)
    memory = RateLimiter(3, clock=clock)
    for step in range(12):
        key = "a" if step % 3 else "b"
        assert shared.acquire(key) == memory.acquire(key)
        clock.now += 4.0
    shared.close()


def test_refilled_shared_buckets_are_forgotten_when_too_many_clients(tmp_path: Path) -> None:
    clock = Clock()
    limiter = SharedRateLimiter(60, tmp_path / "b.sqlite", max_clients=2, clock=clock)
    limiter.acquire("a")
    limiter.acquire("b")
    clock.now += 5.0
    limiter.acquire("c")
    keys = {key for (key,) in limiter._db.execute("SELECT key FROM bucket")}
    assert keys == {"c"}
    limiter.close()


def _stopped_clock() -> float:
    return 1000.0  # no refill while the processes spend, however slowly they start


def _spend(path: Path, tries: int, granted: multiprocessing.Queue[int]) -> None:
    limiter = SharedRateLimiter(20, path, clock=_stopped_clock)
    granted.put(sum(limiter.acquire("client") == 0.0 for _ in range(tries)))
    limiter.close()


def test_processes_sharing_the_file_share_one_budget(tmp_path: Path) -> None:
    """Four processes asking 15 times each for one client's 20 tokens get 20 in all, not 60."""
    context = multiprocessing.get_context("spawn")
    granted: multiprocessing.Queue[int] = context.Queue()
    workers = [
        context.Process(target=_spend, args=(tmp_path / "b.sqlite", 15, granted)) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert sum(granted.get(timeout=5) for _ in workers) == 20
