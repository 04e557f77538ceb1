"""`kill -9` during `kb ingest`, at random points, on each store; the rerun must converge.

A clean ingest of the corpus gives the reference: its documents, chunk ids, content hashes
and derived artefacts. Each run then starts `kb ingest` into an empty store, kills its whole
process group with SIGKILL after a random share of the reference time, reruns the same
command to the end and compares what the store holds with the reference. The embedding
cache is shared (filled by a first clean ingest), so killed runs spend their time in parsing,
analysis and writes, and the reference time is that of a warm run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from eval.bench.stores import StoreKind, open_bench_store

#: What a store holds: document ids, {chunk id: content hash}, {artefact: its stamp}. A stamp
#: names the chunk set an artefact was built from (the accent model's bytes are not
#: reproducible from run to run, its stamp is).
Snapshot = tuple[tuple[str, ...], dict[str, str], dict[str, str]]


@dataclass
class KillReport:
    """The runs on one store: how many, when each was killed, which diverged and why."""

    store: StoreKind
    reference_s: float
    chunks: int
    kills_at_s: list[float] = field(default_factory=list)
    finished_before_kill: int = 0
    divergent: list[str] = field(default_factory=list)


def snapshot(kind: StoreKind, env: dict[str, str]) -> Snapshot:
    """Read back what the store named by ``env`` holds (a fresh connection each time)."""
    from indexer.settings import Settings
    from indexer.store import make_store
    from ingest.derived import DEFAULT_DERIVED

    settings = Settings(
        home=Path(env["KB_HOME"]),
        index=env["KB_INDEX"],
        store=kind,
        opensearch_url=env.get("OPENSEARCH_URL", ""),
    )
    store = make_store(settings, dim=384)
    try:
        ids = tuple(meta.id for meta in store.list_documents())
        artefacts = {
            part.name: (store.get_artifact(part.stamp_name) or b"").decode()
            for part in DEFAULT_DERIVED
            if store.get_artifact(part.name) is not None
        }
        return ids, store.chunk_hashes(list(ids)), artefacts
    finally:
        store.close()


def _ingest(env: dict[str, str], paths: list[Path]) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).with_name("kb")), "ingest", *map(str, paths)]
    return subprocess.Popen(
        command,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _complete(env: dict[str, str], paths: list[Path]) -> None:
    if _ingest(env, paths).wait() != 0:
        raise RuntimeError(f"kb ingest failed with {env}")


def _diff(expected: Snapshot, got: Snapshot) -> str:
    parts = []
    if got[0] != expected[0]:
        parts.append(f"documents {len(got[0])} ≠ {len(expected[0])}")
    if got[1] != expected[1]:
        changed = sum(1 for k, v in expected[1].items() if got[1].get(k) != v)
        parts.append(f"chunks {len(got[1])} ≠ {len(expected[1])} ({changed} differ)")
    if got[2] != expected[2]:
        differ = sorted(
            k for k in expected[2].keys() | got[2].keys() if got[2].get(k) != expected[2].get(k)
        )
        parts.append(f"artefacts differ: {', '.join(differ)}")
    return "; ".join(parts)


def kill_runs(
    kind: StoreKind, paths: list[Path], runs: int, opensearch_url: str, seed: int = 20261202
) -> KillReport:
    """``runs`` killed-and-rerun ingests of ``paths`` into fresh stores of ``kind``."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="kb-chaos-") as tmp:
        home = Path(tmp)
        cache = {"KB_EMBEDDING_CACHE": str(home / "embeddings.sqlite")}
        reference = open_bench_store(kind, "chaos-ref", home, opensearch_url)
        env = {**reference.env, **cache}
        _complete(env, paths)  # fills the embedding cache
        reference.drop()
        reference = open_bench_store(kind, "chaos-ref", home, opensearch_url)
        started = time.monotonic()
        _complete(env, paths)  # timed as the killed runs go: with a warm cache
        report = KillReport(kind, time.monotonic() - started, 0)
        expected = snapshot(kind, env)
        report.chunks = len(expected[1])
        reference.drop()
        for run in range(runs):
            bench = open_bench_store(kind, f"chaos-{run}", home, opensearch_url)
            run_env = {**bench.env, **cache}
            process = _ingest(run_env, paths)
            delay = rng.uniform(0.05, 0.8) * report.reference_s
            try:
                process.wait(timeout=delay)
                report.finished_before_kill += 1
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                report.kills_at_s.append(round(delay, 1))
            _complete(run_env, paths)
            if difference := _diff(expected, snapshot(kind, run_env)):
                report.divergent.append(f"run {run} (killed at {delay:.1f} s): {difference}")
            bench.drop()
    return report
