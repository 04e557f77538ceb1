"""Token buckets: burst, refill, per-client isolation, off switch, eviction."""

from __future__ import annotations

from search_api.ratelimit import RateLimiter, retry_after_header


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_full_bucket_allows_per_minute_requests_then_asks_to_wait() -> None:
    clock = Clock()
    limiter = RateLimiter(3, clock=clock)
    assert [limiter.acquire("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = limiter.acquire("a")
    assert 19.9 < wait <= 20.0  # 3 per minute: one token every 20 s
    assert retry_after_header(wait) == "20"


def test_tokens_refill_with_time() -> None:
    clock = Clock()
    limiter = RateLimiter(60, clock=clock)
    for _ in range(60):
        assert limiter.acquire("a") == 0.0
    assert limiter.acquire("a") > 0
    clock.now += 1.0
    assert limiter.acquire("a") == 0.0
    assert limiter.acquire("a") > 0


def test_clients_have_separate_buckets() -> None:
    limiter = RateLimiter(1, clock=Clock())
    assert limiter.acquire("a") == 0.0
    assert limiter.acquire("a") > 0
    assert limiter.acquire("b") == 0.0


def test_zero_turns_limiting_off() -> None:
    limiter = RateLimiter(0, clock=Clock())
    assert not limiter.enabled
    assert all(limiter.acquire("a") == 0.0 for _ in range(1000))


def test_refilled_buckets_are_forgotten_when_too_many_clients() -> None:
    clock = Clock()
    limiter = RateLimiter(60, max_clients=2, clock=clock)
    limiter.acquire("a")
    limiter.acquire("b")
    clock.now += 5.0  # both buckets full again
    limiter.acquire("c")
    assert set(limiter._buckets) == {"c"}


def test_retry_after_is_at_least_one_second() -> None:
    assert retry_after_header(0.01) == "1"
    assert retry_after_header(1.2) == "2"
