"""Run a local multi-node OpenSearch cluster on loopback ports, from the same installation.

Node ``i`` listens on HTTP port ``first_port + i`` and transport port ``first_port + i + 100``
and keeps its state in ``<cache>/clusters/<name>/<port>/``. All members are started before
any is waited for: a new cluster elects its manager only once a majority has joined.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ops.opensearch.node import LocalNode, NodeSettings, NodeStatus
from ops.opensearch.provision import default_cache_dir, file_lock

CLUSTER_NAME = "tdc-kb-cluster"


@dataclass(frozen=True)
class ClusterSettings:
    """How many nodes, from which HTTP port, with what heap, under which cluster name."""

    nodes: int = 3
    first_port: int = 9201
    heap: str = "512m"
    name: str = CLUSTER_NAME
    start_timeout: float = 300.0

    def __post_init__(self) -> None:
        if self.nodes < 2:
            raise ValueError(f"a cluster has at least 2 nodes, got {self.nodes}")

    @property
    def ports(self) -> tuple[int, ...]:
        """The HTTP ports of the members."""
        return tuple(range(self.first_port, self.first_port + self.nodes))

    @property
    def url(self) -> str:
        """Every member's address, comma-separated, as ``OPENSEARCH_URL`` takes them."""
        return ",".join(f"http://127.0.0.1:{port}" for port in self.ports)

    def node(self, port: int) -> NodeSettings:
        """The settings of the member listening on ``port``."""
        return NodeSettings(
            port,
            heap=self.heap,
            cluster_name=self.name,
            start_timeout=self.start_timeout,
            peers=self.ports,
        )


class LocalCluster:
    """The members of one local cluster, each a :class:`LocalNode`."""

    def __init__(self, settings: ClusterSettings | None = None, cache: Path | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self.cache = (cache or default_cache_dir()).resolve()
        self.state = self.cache / "clusters" / self.settings.name
        self.members = [
            LocalNode(self.settings.node(port), self.cache, self.state / str(port))
            for port in self.settings.ports
        ]

    def up(self) -> list[NodeStatus]:
        """Start every member that is not running (installing OpenSearch first if needed),
        then wait until each answers yellow or green. Members already running are reused."""
        self.state.mkdir(parents=True, exist_ok=True)
        with file_lock(self.state / ".lock"):
            launched = [member.launch() for member in self.members]
            for member, (pid, started_here) in zip(self.members, launched, strict=True):
                member.wait_healthy(pid, started_here)
        return [member.status() for member in self.members]

    def member(self, port: int) -> LocalNode:
        """The member listening on ``port``."""
        for member in self.members:
            if member.settings.port == port:
                return member
        raise KeyError(f"no member of {self.settings.name} listens on {port}")

    def status(self) -> list[NodeStatus]:
        """The status of every member."""
        return [member.status() for member in self.members]

    def down(self) -> list[int]:
        """Stop every running member; return the pids stopped."""
        return [pid for member in self.members if (pid := member.down()) is not None]
