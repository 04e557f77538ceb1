"""Run one local OpenSearch node from the installed distribution: up, status, down.

A node keeps its state in one directory (by default ``<cache>/nodes/<port>/``)::

    config/          the distribution's config with our opensearch.yml and jvm.options
    data/ logs/ tmp/ written by the node; ``logs/console.log`` holds its stdout and stderr
    opensearch.pid   the node's pid; it leads its own session and process group

OpenSearch refuses to run as root, so under root the node runs as the system user
``opensearch`` (created if missing); otherwise it runs as the current user.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, replace
from pathlib import Path

from ops.opensearch.process import (
    chown_tree,
    ensure_user,
    get_json,
    is_alive,
    port_in_use,
    rss_bytes,
    stop_process,
)
from ops.opensearch.provision import (
    ProvisionError,
    default_cache_dir,
    file_lock,
    find_java_home,
    home_dir,
    install,
    tail_lines,
)

SERVICE_USER = "opensearch"
_HEAP = re.compile(r"[1-9][0-9]*[mg]", re.IGNORECASE)


@dataclass(frozen=True)
class NodeSettings:
    """How to run a node: HTTP and transport ports, JVM heap, cluster name, start timeout.

    ``peers`` holds the HTTP ports of every member of a multi-node cluster (this node
    included; each member's transport port is its HTTP port + 100); empty for one node.
    """

    port: int = 9200
    transport_port: int | None = None
    heap: str = "1g"
    cluster_name: str = "tdc-kb"
    start_timeout: float = 180.0
    peers: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= self.port <= 65535 or not 1 <= self.transport <= 65535:
            raise ValueError(
                f"ports must lie in 1–65535 (http {self.port}, transport {self.transport}); "
                "the transport port defaults to the HTTP port + 100"
            )
        if not _HEAP.fullmatch(self.heap):
            raise ValueError(f"heap must look like 512m or 1g, got {self.heap!r}")
        if self.peers and (self.port not in self.peers or self.transport_port is not None):
            raise ValueError(
                "a cluster member lists its own port among its peers and keeps the "
                "default transport port (HTTP port + 100)"
            )

    @property
    def transport(self) -> int:
        """The transport port: as given, or the HTTP port + 100."""
        return self.transport_port or self.port + 100

    @property
    def url(self) -> str:
        """The node's HTTP address."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def node_name(self) -> str:
        """The node's name in its cluster."""
        return node_name(self.cluster_name, self.port)


@dataclass(frozen=True)
class NodeStatus:
    """What ``status`` reports; ``reused`` is set when ``up`` found the node already running."""

    running: bool
    url: str
    pid: int | None = None
    version: str | None = None
    health: str | None = None
    rss_bytes: int | None = None
    reused: bool = False


class LocalNode:
    """One single-node OpenSearch cluster on 127.0.0.1 with its state in ``state_dir``."""

    def __init__(
        self,
        settings: NodeSettings | None = None,
        cache: Path | None = None,
        state_dir: Path | None = None,
        user: str = SERVICE_USER,
    ) -> None:
        self.settings = settings or NodeSettings()
        self.cache = (cache or default_cache_dir()).resolve()
        self.state = (state_dir or self.cache / "nodes" / str(self.settings.port)).resolve()
        self.user = user
        self.pid_file = self.state / "opensearch.pid"
        self.log_file = self.state / "logs" / "console.log"
        # What the command line of this node holds: the launcher script while it prepares the
        # JVM options, then the JVM with our config directory.
        self._cmdline_markers = (
            str(home_dir(self.cache) / "bin" / "opensearch").encode(),
            f"-Dopensearch.path.conf={self.state / 'config'}".encode(),
        )

    def up(self) -> NodeStatus:
        """Start the node (installing OpenSearch first if needed) or reuse the running one.

        Returns once the cluster is yellow or green; raises :class:`ProvisionError` when a
        port is taken by something else or the node dies or hangs during start-up.
        """
        with file_lock(self.state / ".lock"):
            pid, started_here = self.launch()
            self.wait_healthy(pid, started_here)
        return replace(self.status(), reused=not started_here)

    def launch(self) -> tuple[int, bool]:
        """Start the node's process unless it already runs; return its pid and whether it was
        started here. Does not wait: the members of a cluster must all be started before
        any of them can be healthy."""
        pid = self._live_pid()
        if pid is not None:
            return pid, False
        self._check_ports_free()
        java_home = find_java_home()
        home = install(self.cache, java_home)
        return self._start(home, java_home), True

    def status(self) -> NodeStatus:
        """Report whether the node runs and, if so, its pid, version, health and RSS."""
        url = self.settings.url
        pid = self._live_pid() if self.state.is_dir() else None
        if pid is None:
            return NodeStatus(running=False, url=url)
        root = get_json(url) or {}
        health = get_json(f"{url}/_cluster/health") or {}
        return NodeStatus(
            running=True,
            url=url,
            pid=pid,
            version=(root.get("version") or {}).get("number"),
            health=health.get("status"),
            rss_bytes=rss_bytes(pid),
        )

    def down(self, timeout: float = 60.0) -> int | None:
        """Stop the node (SIGTERM to its process group, SIGKILL after ``timeout`` seconds).

        Returns the pid that was stopped, or None when the node was not running.
        """
        if not self.state.is_dir():
            return None
        with file_lock(self.state / ".lock"):
            pid = self._live_pid()
            if pid is None:
                return None
            stop_process(pid, timeout)
            self.pid_file.unlink(missing_ok=True)
            self._wait_ports_released(timeout)
            return pid

    def _wait_ports_released(self, timeout: float) -> None:
        """Wait until nothing listens on the node's ports: the JVM's leader thread can be
        reaped while other threads still hold the transport socket, and a node started on the
        same ports meanwhile fails to bind."""
        ports = (self.settings.port, self.settings.transport)
        deadline = time.monotonic() + timeout
        while any(port_in_use(port) for port in ports):
            if time.monotonic() > deadline:
                raise ProvisionError(f"ports {ports} still in use {timeout:.0f} s after stopping")
            time.sleep(0.2)

    def _live_pid(self) -> int | None:
        """The pid from the pid file if that process is an OpenSearch node; else drop the file."""
        try:
            pid: int | None = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            pid = None
        if pid is not None and is_alive(pid) and self._is_our_process(pid):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def _is_our_process(self, pid: int) -> bool:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False
        return any(marker in cmdline for marker in self._cmdline_markers)

    def _check_ports_free(self) -> None:
        for port, option in (
            (self.settings.port, "--port"),
            (self.settings.transport, "--transport-port"),
        ):
            if port_in_use(port):
                raise ProvisionError(
                    f"port {port} is already in use by another process (not our node); "
                    f"choose another with {option} or stop it"
                )

    def _start(self, home: Path, java_home: Path) -> int:
        account = ensure_user(self.user) if os.geteuid() == 0 else None
        self._write_config(home)
        if account is not None:
            chown_tree(self.state, account.pw_uid, account.pw_gid)
            self._check_access(home, account)
        with self.log_file.open("wb") as log:
            process = subprocess.Popen(
                [str(home / "bin" / "opensearch")],
                cwd=self.state,
                env=self._environment(java_home),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                user=account.pw_uid if account else None,
                group=account.pw_gid if account else None,
                extra_groups=[] if account else None,
            )
        self.pid_file.write_text(f"{process.pid}\n")
        return process.pid

    def _write_config(self, home: Path) -> None:
        for name in ("data", "logs", "tmp"):
            (self.state / name).mkdir(parents=True, exist_ok=True)
        config = self.state / "config"
        shutil.copytree(home / "config", config, dirs_exist_ok=True)
        (config / "opensearch.yml").write_text(opensearch_yml(self.settings, self.state))
        jvm_options = (home / "config" / "jvm.options").read_text()
        (config / "jvm.options").write_text(
            node_jvm_options(jvm_options, self.state / "logs", self.state / "data")
        )

    def _environment(self, java_home: Path) -> dict[str, str]:
        heap = self.settings.heap
        return {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": str(self.state),
            "LANG": "C.UTF-8",
            "OPENSEARCH_JAVA_HOME": str(java_home),
            "OPENSEARCH_JAVA_OPTS": f"-Xms{heap} -Xmx{heap}",
            "OPENSEARCH_PATH_CONF": str(self.state / "config"),
            "OPENSEARCH_TMPDIR": str(self.state / "tmp"),
        }

    def _check_access(self, home: Path, account: pwd.struct_passwd) -> None:
        script = 'test -x "$1" && test -w "$2"'
        probe = subprocess.run(
            ["sh", "-c", script, "sh", str(home / "bin" / "opensearch"), str(self.state / "data")],
            user=account.pw_uid,
            group=account.pw_gid,
            extra_groups=[],
        )
        if probe.returncode != 0:
            raise ProvisionError(
                f"the service user {account.pw_name!r} cannot reach {home} or {self.state} "
                "(a parent directory is private, e.g. /root); set KB_CACHE to a directory it "
                "can enter, e.g. /var/cache/tdc-kb"
            )

    def wait_healthy(self, pid: int, started_here: bool) -> None:
        """Wait until the node's cluster is yellow or green; raise :class:`ProvisionError`
        when the node dies or the start timeout passes (a node started here is stopped)."""
        settings = self.settings
        deadline = time.monotonic() + settings.start_timeout
        while True:
            if not is_alive(pid):
                self.pid_file.unlink(missing_ok=True)
                raise ProvisionError(
                    f"OpenSearch (pid {pid}) exited during start-up; last lines of "
                    f"{self.log_file}:\n{self._log_tail()}"
                )
            health = get_json(f"{settings.url}/_cluster/health")
            if health is not None and health.get("cluster_name") != settings.cluster_name:
                raise ProvisionError(
                    f"{settings.url} answers as cluster {health.get('cluster_name')!r}, "
                    f"not our node ({settings.cluster_name!r})"
                )
            if health is not None and health.get("status") in ("green", "yellow"):
                return
            if time.monotonic() > deadline:
                if started_here:
                    stop_process(pid, timeout=30.0)
                    self.pid_file.unlink(missing_ok=True)
                raise ProvisionError(
                    f"OpenSearch (pid {pid}) was not healthy after {settings.start_timeout:.0f} s; "
                    f"last lines of {self.log_file}:\n{self._log_tail()}"
                )
            time.sleep(0.5)

    def _log_tail(self) -> str:
        try:
            return tail_lines(self.log_file.read_text(errors="replace"))
        except FileNotFoundError:
            return "(no log written)"


# Local nodes share one disk, so moving a shard between them frees nothing: new shards and
# replicas are refused only when little space is left, never merely because a big disk is
# 85 % full (the default, which leaves every replica of a local cluster unassigned).
DISK_WATERMARKS = {
    "cluster.routing.allocation.disk.watermark.low": "1gb",
    "cluster.routing.allocation.disk.watermark.high": "750mb",
    "cluster.routing.allocation.disk.watermark.flood_stage": "500mb",
}


def opensearch_yml(settings: NodeSettings, state: Path) -> str:
    """Return the ``opensearch.yml`` of a loopback single-node cluster with state in ``state``."""
    values: dict[str, str | int | list[str]] = {
        "cluster.name": settings.cluster_name,
        "node.name": settings.node_name,
        "network.host": "127.0.0.1",
        "http.port": settings.port,
        "transport.port": settings.transport,
        **_discovery(settings),
        "path.data": str(state / "data"),
        "path.logs": str(state / "logs"),
        # Deleting indices needs their names: no accidental `DELETE *` or `_all`.
        "action.destructive_requires_name": "true",
        **DISK_WATERMARKS,
    }
    return "".join(f"{key}: {json.dumps(value)}\n" for key, value in values.items())


def node_name(cluster_name: str, port: int) -> str:
    """The name of the node with HTTP port ``port`` in cluster ``cluster_name``."""
    return f"{cluster_name}-{port}"


def _discovery(settings: NodeSettings) -> dict[str, str | list[str]]:
    if not settings.peers:
        # One node, loopback only: no discovery and no production bootstrap checks.
        return {"discovery.type": "single-node"}
    return {
        "discovery.seed_hosts": [f"127.0.0.1:{port + 100}" for port in settings.peers],
        # Read only when an empty cluster first forms; ignored once it has.
        "cluster.initial_cluster_manager_nodes": [
            node_name(settings.cluster_name, port) for port in settings.peers
        ],
    }


def node_jvm_options(text: str, logs: Path, data: Path) -> str:
    """Point the relative ``logs/`` and ``data`` paths of the stock ``jvm.options`` at ours.

    The launcher runs the JVM from the (shared, read-only) distribution directory, where
    relative GC-log, error-file and heap-dump paths would land.
    """
    text = text.replace("HeapDumpPath=data", f"HeapDumpPath={data}")
    return re.sub(r"(?<=[=:])logs/", f"{logs}/", text)
