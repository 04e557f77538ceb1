"""A closed-loop load generator: N concurrent clients send searches for a fixed time.

Each client (an asyncio task on one ``httpx.AsyncClient``) sends its next query as soon as
the previous answer arrived, so concurrency N means N requests in flight. Clients start at
different offsets of the query list. A request counts as an error when it fails or does
not answer 200; latencies are those of the successful requests.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

from eval.bench.stats import Summary, summarize

SEARCH_PATH = "/api/v1/search"
# The response starts {"query": …, "mode": …, "took_ms": …}: read the server time without
# decoding the whole body on the (CPU-sharing) client.
_TOOK = re.compile(rb'"took_ms":\s*([0-9.eE+-]+)')


@dataclass
class Samples:
    """Raw observations of one run."""

    latencies_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    errors: int = 0


@dataclass(frozen=True)
class LoadRun:
    """One (mode, concurrency) run: client-side latency, server time, throughput, errors."""

    mode: str
    concurrency: int
    seconds: float
    requests: int
    errors: int
    qps: float
    latency: Summary
    server: Summary | None


def took_ms(body: bytes) -> float | None:
    """The ``took_ms`` a search response reports, or None."""
    match = _TOOK.search(body[:2048])
    return float(match.group(1)) if match else None


def summarize_run(mode: str, concurrency: int, seconds: float, samples: Samples) -> LoadRun:
    """Turn the raw samples of a run into its summary."""
    done = len(samples.latencies_ms)
    if done == 0:
        raise RuntimeError(f"{mode} at concurrency {concurrency}: no request succeeded")
    return LoadRun(
        mode=mode,
        concurrency=concurrency,
        seconds=round(seconds, 2),
        requests=done + samples.errors,
        errors=samples.errors,
        qps=round(done / seconds, 1),
        latency=summarize(samples.latencies_ms),
        server=summarize(samples.server_ms) if samples.server_ms else None,
    )


async def _client(
    client: httpx.AsyncClient,
    params: Sequence[dict[str, str]],
    start: int,
    deadline: float,
    samples: Samples,
) -> None:
    index = start
    while time.perf_counter() < deadline:
        query = params[index % len(params)]
        index += 1
        began = time.perf_counter()
        try:
            response = await client.get(SEARCH_PATH, params=query)
        except httpx.HTTPError:
            samples.errors += 1
            continue
        elapsed = (time.perf_counter() - began) * 1000
        if response.status_code != 200:
            samples.errors += 1
            continue
        samples.latencies_ms.append(elapsed)
        server = took_ms(response.content)
        if server is not None:
            samples.server_ms.append(server)


async def _drive(
    url: str, params: Sequence[dict[str, str]], concurrency: int, duration: float
) -> tuple[float, Samples]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    samples = Samples()
    async with httpx.AsyncClient(
        base_url=url, timeout=120, limits=limits, trust_env=False
    ) as client:
        began = time.perf_counter()
        deadline = began + duration
        await asyncio.gather(
            *(
                _client(client, params, i * len(params) // concurrency, deadline, samples)
                for i in range(concurrency)
            )
        )
        return time.perf_counter() - began, samples


def run_load(
    url: str, mode: str, queries: Sequence[str], concurrency: int, duration: float, k: int = 10
) -> LoadRun:
    """Search ``queries`` in ``mode`` from ``concurrency`` clients for ``duration`` seconds."""
    params = [{"q": q, "mode": mode, "k": str(k)} for q in queries]
    seconds, samples = asyncio.run(_drive(url, params, concurrency, duration))
    return summarize_run(mode, concurrency, seconds, samples)


def warm_up(url: str, modes: Sequence[str], queries: Sequence[str]) -> None:
    """Send every query once in every mode (loads models, fills caches); raise on errors."""
    with httpx.Client(base_url=url, timeout=120, trust_env=False) as client:
        for mode in modes:
            for query in queries:
                client.get(SEARCH_PATH, params={"q": query, "mode": mode}).raise_for_status()
