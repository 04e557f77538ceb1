"""The local-node provisioner: pure helpers, then the lifecycle of a real second node.

The real node runs on free ephemeral ports with its state in a temporary directory and shares
only the installed distribution with the developer's node, which it never touches.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from ops.opensearch.cli import opensearch_app
from ops.opensearch.node import LocalNode, NodeSettings, node_jvm_options, opensearch_yml
from ops.opensearch.process import free_port, is_alive, port_in_use
from ops.opensearch.provision import (
    ARTIFACTS,
    MAVEN_DEPENDENCY_PLUGIN_VERSION,
    OPENSEARCH_VERSION,
    ProvisionError,
    extract_zip,
    find_java_home,
    maven_pom,
    require_maven,
)

POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def _fake_jdk(root: Path, name: str, version: str) -> Path:
    home = root / name
    (home / "bin").mkdir(parents=True)
    (home / "bin" / "java").write_text("")
    (home / "release").write_text(f'JAVA_VERSION="{version}"\n')
    return home


def _node_processes(state: Path) -> list[int]:
    """Pids whose command line names ``state``'s config directory (the node's JVM)."""
    marker = f"-Dopensearch.path.conf={state / 'config'}".encode()
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker in cmdline.read_bytes():
                pids.append(int(cmdline.parent.name))
        except OSError:
            continue
    return pids


def test_maven_pom_copies_every_artifact_with_a_pinned_plugin(tmp_path: Path) -> None:
    pom = ET.fromstring(maven_pom(ARTIFACTS, tmp_path))
    plugin = pom.find("m:build/m:plugins/m:plugin", POM_NS)
    assert plugin is not None
    assert plugin.findtext("m:version", namespaces=POM_NS) == MAVEN_DEPENDENCY_PLUGIN_VERSION
    assert plugin.findtext("m:configuration/m:outputDirectory", namespaces=POM_NS) == str(tmp_path)
    items = plugin.findall("m:configuration/m:artifactItems/m:artifactItem", POM_NS)
    names = {f"{i.findtext('m:artifactId', namespaces=POM_NS)}" for i in items}
    assert names == {a.artifact for a in ARTIFACTS}


def test_jvm_options_write_logs_and_heap_dumps_into_the_node_state() -> None:
    stock = (
        "-XX:HeapDumpPath=data\n-XX:ErrorFile=logs/hs_err_pid%p.log\n"
        "9-:-Xlog:gc*:file=logs/gc.log:utctime\n"
    )
    text = node_jvm_options(stock, Path("/s/logs"), Path("/s/data"))
    assert text == (
        "-XX:HeapDumpPath=/s/data\n-XX:ErrorFile=/s/logs/hs_err_pid%p.log\n"
        "9-:-Xlog:gc*:file=/s/logs/gc.log:utctime\n"
    )


def test_opensearch_yml_is_a_loopback_single_node() -> None:
    text = opensearch_yml(NodeSettings(port=9250), Path("/s"))
    assert 'network.host: "127.0.0.1"' in text
    assert "http.port: 9250\ntransport.port: 9350\n" in text
    assert 'discovery.type: "single-node"' in text
    assert 'path.data: "/s/data"' in text
    # watermarks as free space left: a replica is placed on a big disk that is 85 % full
    assert 'cluster.routing.allocation.disk.watermark.low: "1gb"' in text


def test_node_settings_reject_a_bad_heap_and_port() -> None:
    with pytest.raises(ValueError, match="heap"):
        NodeSettings(heap="1 GB")
    with pytest.raises(ValueError, match="transport"):
        NodeSettings(port=65500)


def test_java_home_prefers_debian_17_and_refuses_java_25(tmp_path: Path) -> None:
    java25 = _fake_jdk(tmp_path, "temurin-25-jdk-amd64", "25.0.3")
    java17 = _fake_jdk(tmp_path, "java-17-openjdk-amd64", "17.0.15")
    assert find_java_home(env={}, jvm_root=tmp_path) == java17
    assert find_java_home(env={"JAVA_HOME": str(java17)}, jvm_root=tmp_path) == java17
    with pytest.raises(ProvisionError, match=r"JAVA_HOME=.*not a Java 17–23"):
        find_java_home(env={"JAVA_HOME": str(java25)}, jvm_root=tmp_path)
    with pytest.raises(ProvisionError, match="apt-get install openjdk-17"):
        find_java_home(env={}, jvm_root=tmp_path / "empty")


def test_missing_maven_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ProvisionError, match="apt-get install maven"):
        require_maven()


def test_a_damaged_download_is_removed(tmp_path: Path) -> None:
    archive = tmp_path / "opensearch.zip"
    archive.write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(ProvisionError, match="damaged"):
        extract_zip(archive, tmp_path / "out")
    assert not archive.exists()


def test_stale_pid_file_is_dropped(tmp_path: Path) -> None:
    node = LocalNode(NodeSettings(port=free_port()), cache=tmp_path, state_dir=tmp_path / "n")
    node.state.mkdir()
    node.pid_file.write_text(f"{_dead_pid()}\n")
    assert not node.status().running
    assert not node.pid_file.exists()


def test_a_reused_pid_is_never_signalled(tmp_path: Path) -> None:
    # After a reboot the pid in the file may belong to an unrelated process.
    node = LocalNode(NodeSettings(port=free_port()), cache=tmp_path, state_dir=tmp_path / "n")
    node.state.mkdir()
    with subprocess.Popen(["sleep", "30"]) as stranger:
        node.pid_file.write_text(f"{stranger.pid}\n")
        assert node.down() is None
        assert stranger.poll() is None
        stranger.kill()
    assert not node.pid_file.exists()


def test_taken_port_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_CACHE", str(tmp_path))
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        node = LocalNode(NodeSettings(port=port), state_dir=tmp_path / "n")
        with pytest.raises(ProvisionError, match=f"port {port} is already in use .*--port"):
            node.up()
        result = CliRunner().invoke(opensearch_app, ["up", "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port} is already in use by another process (not our node)" in result.output


def test_status_of_a_stopped_node_exits_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_CACHE", str(tmp_path))
    result = CliRunner().invoke(opensearch_app, ["status", "--port", str(free_port())])
    assert result.exit_code == 3
    assert "stopped" in result.output


@pytest.fixture
def second_node() -> Iterator[LocalNode]:
    """A node on free ports with state in a temp dir under /tmp (the service user can reach it;
    pytest's own tmp_path sits in a private directory)."""
    state = Path(tempfile.mkdtemp(prefix="tdc-kb-node-"))
    settings = NodeSettings(
        port=free_port(), transport_port=free_port(), heap="512m", cluster_name="tdc-kb-test"
    )
    assert {settings.port, settings.transport}.isdisjoint({9200, 9300})
    node = LocalNode(settings, state_dir=state)
    yield node
    node.down()
    shutil.rmtree(state, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.xdist_group("opensearch-provision")
def test_node_lifecycle_is_idempotent(second_node: LocalNode) -> None:
    node = second_node
    node.state.mkdir(exist_ok=True)
    stale = _dead_pid()
    node.pid_file.write_text(f"{stale}\n")

    first = node.up()
    assert first.running and not first.reused and first.pid != stale
    again = node.up()
    assert again.reused and again.pid == first.pid
    assert _node_processes(node.state) == [first.pid]

    status = node.status()
    assert status.version == OPENSEARCH_VERSION
    assert status.health in ("green", "yellow")
    assert status.rss_bytes is not None and status.rss_bytes > 256 * 2**20
    assert status.url == f"http://127.0.0.1:{node.settings.port}"

    assert node.down() == first.pid
    assert first.pid is not None and not is_alive(first.pid)
    assert not node.status().running and not node.pid_file.exists()
    assert not port_in_use(node.settings.port)
    assert node.down() is None
