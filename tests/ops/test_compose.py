"""The Docker compose file runs what `kb opensearch up` runs: the same OpenSearch version, the
same cluster name, ports and discovery, every cluster node published to the API, loopback only.
Docker is not on this machine, so the file is read as data and compared with the settings the
local nodes are started with (and tested with a real cluster in tests/store/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ops.opensearch.cluster import ClusterSettings
from ops.opensearch.node import NodeSettings, opensearch_yml
from ops.opensearch.provision import OPENSEARCH_VERSION

COMPOSE = Path(__file__).parents[2] / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text("utf-8"))
    return data


def cluster_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: service
        for name, service in compose["services"].items()
        if "cluster" in service.get("profiles", [])
    }


def published(service: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(host address, host port, container port) of each published port."""
    found = []
    for entry in service.get("ports", []):
        host, port, inner = entry.split(":")
        found.append((host, int(port), int(inner)))
    return found


def test_every_node_runs_the_provisioned_version_on_loopback(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services, "no service in docker-compose.yml"
    for name, service in services.items():
        assert service["image"] == f"opensearchproject/opensearch:{OPENSEARCH_VERSION}", name
        assert all(host == "127.0.0.1" for host, _, _ in published(service)), name


def test_the_single_node_matches_kb_opensearch_up(compose: dict[str, Any]) -> None:
    node = compose["services"]["opensearch"]
    local = NodeSettings()
    assert published(node) == [("127.0.0.1", local.port, 9200)]
    assert node["environment"]["cluster.name"] == local.cluster_name
    assert node["environment"]["discovery.type"] == "single-node"


def test_the_cluster_profile_matches_kb_opensearch_up_nodes_3(compose: dict[str, Any]) -> None:
    local = ClusterSettings()
    nodes = cluster_services(compose)
    assert len(nodes) == local.nodes
    ports = sorted(port for node in nodes.values() for _, port, _ in published(node))
    assert tuple(ports) == local.ports  # every node published, as the client fails over
    for name, node in nodes.items():
        env = node["environment"]
        assert env["cluster.name"] == local.name, name
        assert env["node.name"] == name
        assert sorted(env["discovery.seed_hosts"].split(",")) == sorted(nodes)
        assert sorted(env["cluster.initial_cluster_manager_nodes"].split(",")) == sorted(nodes)
    # the URL the file tells users to set is the one `kb opensearch up --nodes 3` prints
    assert f"OPENSEARCH_URL={local.url}" in COMPOSE.read_text("utf-8")


def test_compose_nodes_refuse_wildcard_deletes_like_local_nodes(
    compose: dict[str, Any], tmp_path: Path
) -> None:
    local = opensearch_yml(NodeSettings(), tmp_path)
    assert 'action.destructive_requires_name: "true"' in local
    for name, service in compose["services"].items():
        assert service["environment"]["action.destructive_requires_name"] == "true", name
