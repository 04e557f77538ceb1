"""p50/p95 latency of ``GET /api/v1/search`` for one client, over HTTP on loopback.

``python -m eval.latency`` starts ``kb serve``'s app under uvicorn on a free port (rate
limit off) against the store the settings name (``KB_STORE``, ``KB_HOME``, ``KB_INDEX``),
ingests the field corpus first if that store is empty, then sends the field queries one at
a time, for each mode, and prints wall-clock percentiles per mode. ``--url`` measures a
server that is already running instead.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

#: Questions a business or an official asks of the field corpus, half typed without diacritics.
FIELD_QUERIES = (
    "thủ tục công bố hợp quy",
    "thu tuc cong bo hop quy",
    "hợp chuẩn là gì",
    "hop chuan la gi",
    "kiểm định phương tiện đo",
    "kiem dinh phuong tien do nhom 2",
    "Điều 23 Luật 68/2006/QH11",
    "trách nhiệm của người sản xuất hàng hóa",
    "xu phat vi pham ve do luong",
    "chuẩn đo lường quốc gia",
    "đánh giá sự phù hợp với quy chuẩn kỹ thuật",
    "to chuc chung nhan hop quy",
    "ghi nhãn hàng hóa",
    "kiem tra chat luong hang hoa nhap khau",
    "tiêu chuẩn cơ sở do ai công bố",
    "dau hop quy CR",
    "phòng thử nghiệm được chỉ định",
    "luat do luong 2011",
    "sản phẩm, hàng hóa nhóm 2 là gì",
    "quy chuan ky thuat dia phuong",
)


@dataclass(frozen=True)
class ModeLatency:
    """Wall-clock latency of one mode over every query, in milliseconds."""

    mode: str
    requests: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float
    server_p50_ms: float


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(client: httpx.Client, mode: str, queries: Sequence[str], rounds: int) -> ModeLatency:
    """Send every query ``rounds`` times in ``mode``, one at a time, after one warm-up pass."""
    for query in queries:
        client.get("/api/v1/search", params={"q": query, "mode": mode}).raise_for_status()
    wall: list[float] = []
    server: list[float] = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            response = client.get("/api/v1/search", params={"q": query, "mode": mode})
            wall.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            server.append(float(response.json()["took_ms"]))
    return ModeLatency(
        mode=mode,
        requests=len(wall),
        p50_ms=round(percentile(wall, 50), 1),
        p95_ms=round(percentile(wall, 95), 1),
        mean_ms=round(statistics.fmean(wall), 1),
        max_ms=round(max(wall), 1),
        server_p50_ms=round(percentile(server, 50), 1),
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ensure_field_corpus() -> None:
    """Ingest the default (field) corpus into the configured store when it is empty."""
    kb = Path(sys.executable).with_name("kb")
    subprocess.run([str(kb), "ingest", "--if-empty", "--default-corpus"], check=True)


@contextmanager
def serve(timeout: float = 120.0) -> Iterator[str]:
    """Run the app under uvicorn on a free loopback port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "KB_RATE_LIMIT_PER_MINUTE": "0"}
    command = [sys.executable, "-m", "uvicorn", "search_api.app:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(command, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {server.returncode}")
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"server not ready after {timeout:.0f} s")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def run(url: str, modes: Sequence[str], rounds: int) -> list[ModeLatency]:
    with httpx.Client(base_url=url, timeout=60) as client:
        return [measure(client, mode, FIELD_QUERIES, rounds) for mode in modes]


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print the latency table (or JSON)."""
    parser = argparse.ArgumentParser(prog="python -m eval.latency", description=__doc__)
    parser.add_argument("--url", help="measure this running server instead of starting one")
    parser.add_argument("--modes", default="lexical,hybrid", help="comma-separated modes")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the queries")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if args.url:
        results = run(args.url.rstrip("/"), modes, args.rounds)
    else:
        ensure_field_corpus()
        with serve() as url:
            results = run(url, modes, args.rounds)
    if args.json:
        print(json.dumps([asdict(r) for r in results], indent=2))
        return
    store = os.environ.get("KB_STORE", "embedded")
    print(f"GET /api/v1/search, one client, {len(FIELD_QUERIES)} field queries, store={store}")
    print(
        f"{'mode':<9}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'mean ms':>9}{'max ms':>9}"
        f"{'server p50':>12}"
    )
    for r in results:
        print(
            f"{r.mode:<9}{r.requests:>9}{r.p50_ms:>9.1f}{r.p95_ms:>9.1f}"
            f"{r.mean_ms:>9.1f}{r.max_ms:>9.1f}{r.server_p50_ms:>12.1f}"
        )


if __name__ == "__main__":
    main()
