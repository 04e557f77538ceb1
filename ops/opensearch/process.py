"""Processes, ports and accounts on this machine: what running a local node needs."""

from __future__ import annotations

import http.client
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import suppress
from pathlib import Path
from typing import Any

from ops.opensearch.provision import ProvisionError

# urllib would otherwise send loopback requests through $http_proxy.
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get_json(url: str, timeout: float = 2.0) -> dict[str, Any] | None:
    """GET ``url`` and return its JSON object, or None when nothing answers properly."""
    try:
        with _HTTP.open(url, timeout=timeout) as response:
            body = json.load(response)
    except (OSError, ValueError, http.client.HTTPException):
        return None
    return body if isinstance(body, dict) else None


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """True when something listens on ``host:port`` (connections in TIME_WAIT do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def is_alive(pid: int) -> bool:
    """True when ``pid`` runs; a zombie counts as gone (and is reaped if it is our child)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    if stat.rpartition(")")[2].split()[0] == "Z":
        with suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        return False
    return True


def rss_bytes(pid: int) -> int | None:
    """Resident set size of ``pid`` from ``/proc/<pid>/status``."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) * 1024 if match else None


def ensure_user(name: str) -> pwd.struct_passwd:
    """Return the account ``name``, creating it as a system user without home or login."""
    with suppress(KeyError):
        return pwd.getpwnam(name)
    useradd = shutil.which("useradd")
    if useradd is None:
        raise ProvisionError(
            f"OpenSearch cannot run as root and `useradd` is missing to create {name!r}"
        )
    command = [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise ProvisionError(f"could not create the user {name!r}: {done.stderr.strip()}")
    return pwd.getpwnam(name)


def chown_tree(root: Path, uid: int, gid: int) -> None:
    os.chown(root, uid, gid)
    for parent, dirs, files in os.walk(root):
        for name in dirs + files:
            os.lchown(os.path.join(parent, name), uid, gid)


def stop_process(pid: int, timeout: float) -> None:
    """SIGTERM the process group led by ``pid``; SIGKILL it if still alive after ``timeout``."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
        with suppress(ProcessLookupError):
            if os.getpgid(pid) == pid:
                os.killpg(pid, sig)
            else:
                os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while is_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if not is_alive(pid):
            return
