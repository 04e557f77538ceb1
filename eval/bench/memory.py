"""Resident memory of a process (current and peak) from ``/proc``, and the pid of a node."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ops.opensearch.process import get_json

_FIELD = re.compile(r"^(VmRSS|VmHWM):\s+(\d+) kB", re.MULTILINE)


@dataclass(frozen=True)
class ProcessMemory:
    """Resident set size now and its peak since the process started (VmHWM), in MiB."""

    pid: int
    rss_mib: float
    peak_rss_mib: float


def parse_status(pid: int, status: str) -> ProcessMemory:
    """Read VmRSS and VmHWM out of the text of ``/proc/<pid>/status``."""
    fields = {name: int(kib) for name, kib in _FIELD.findall(status)}
    if "VmRSS" not in fields or "VmHWM" not in fields:
        raise ValueError(f"no VmRSS/VmHWM in the status of pid {pid}")
    return ProcessMemory(
        pid=pid,
        rss_mib=round(fields["VmRSS"] / 1024, 1),
        peak_rss_mib=round(fields["VmHWM"] / 1024, 1),
    )


def process_memory(pid: int) -> ProcessMemory | None:
    """Memory of ``pid``, or None when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return parse_status(pid, status)


def child_pids(pid: int) -> list[int]:
    """The processes ``pid`` started (its worker processes), as the kernel lists them."""
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in listed.split()]


def server_memory(pid: int) -> ProcessMemory | None:
    """Memory of a server and its worker processes, summed (the peak: the sum of each one's
    peak), or None when it is gone."""
    parts = [process_memory(one) for one in (pid, *child_pids(pid))]
    found = [part for part in parts if part is not None]
    if not found:
        return None
    return ProcessMemory(
        pid=pid,
        rss_mib=round(sum(part.rss_mib for part in found), 1),
        peak_rss_mib=round(sum(part.peak_rss_mib for part in found), 1),
    )


def opensearch_pid(url: str) -> int | None:
    """The pid of the (local) OpenSearch node answering at ``url``."""
    info = get_json(f"{url.rstrip('/')}/_nodes/_local/process")
    nodes = list((info or {}).get("nodes", {}).values())
    if not nodes:
        return None
    pid = nodes[0].get("process", {}).get("id")
    return int(pid) if pid is not None else None
