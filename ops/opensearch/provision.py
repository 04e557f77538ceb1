"""Fetch and assemble a local OpenSearch distribution with the k-NN plugin from Maven Central.

Maven Central carries the "integ-test" distribution of OpenSearch (no bundled JDK, no security
plugin, only the transport module) and the k-NN plugin zip. k-NN extends ``lang-painless``,
which Central has only as jars, so that module is assembled from them. Everything lands in a
cache outside the repository:

    <cache>/downloads/         the artifacts, copied by ``mvn dependency:copy`` (+ the pom)
    <cache>/opensearch-<ver>/  the installed distribution, complete once it holds the marker
    <cache>/nodes/<port>/      config, data, logs and pid file of one node (see ``node.py``)

Installing is idempotent: finished steps are skipped, and an install is built in a staging
directory and renamed into place only when complete.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

OPENSEARCH_VERSION = "2.19.1"
KNN_VERSION = "2.19.1.0"
MAVEN_DEPENDENCY_PLUGIN_VERSION = "3.8.1"
# OpenSearch 2.x runs under the Java SecurityManager, which JDK 24 removed; 2.19 bundles JDK 23.
MIN_JAVA, MAX_JAVA = 17, 23
INSTALL_MARKER = ".tdc-kb-installed"
JVM_ROOT = Path("/usr/lib/jvm")


class ProvisionError(RuntimeError):
    """A provisioning step failed; the message says what went wrong and what to do."""


@dataclass(frozen=True)
class Artifact:
    """A Maven coordinate; ``filename`` is the name ``dependency:copy`` gives the file."""

    group: str
    artifact: str
    version: str
    type: str = "jar"

    @property
    def filename(self) -> str:
        """The file name in the download directory."""
        return f"{self.artifact}-{self.version}.{self.type}"


DISTRIBUTION = Artifact(
    "org.opensearch.distribution.integ-test-zip", "opensearch", OPENSEARCH_VERSION, "zip"
)
KNN_PLUGIN = Artifact("org.opensearch.plugin", "opensearch-knn", KNN_VERSION, "zip")
# The jars of the official lang-painless module (modules/lang-painless/build.gradle).
PAINLESS_JARS = (
    Artifact("org.opensearch.plugin", "lang-painless", OPENSEARCH_VERSION),
    Artifact("org.opensearch.plugin", "opensearch-scripting-painless-spi", OPENSEARCH_VERSION),
    Artifact("org.antlr", "antlr4-runtime", "4.13.1"),
    *(
        Artifact("org.ow2.asm", name, "9.7")
        for name in ("asm", "asm-util", "asm-tree", "asm-commons", "asm-analysis")
    ),
)
ARTIFACTS = (DISTRIBUTION, KNN_PLUGIN, *PAINLESS_JARS)

PAINLESS_DESCRIPTOR = f"""\
description=Painless scripting language (assembled from Maven Central jars by tdc-kb)
version={OPENSEARCH_VERSION}
name=lang-painless
classname=org.opensearch.painless.PainlessPlugin
java.version=11
opensearch.version={OPENSEARCH_VERSION}
extended.plugins=
has.native.controller=false
"""
PAINLESS_POLICY = """\
grant {
  permission java.lang.RuntimePermission "createClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
};
"""


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Return the cache of this OpenSearch version: ``$KB_CACHE/opensearch/<version>``.

    Without ``KB_CACHE`` the root is ``~/.cache/tdc-kb``, except for root, whose home is
    private (mode 700) while the node runs as an unprivileged user: root uses
    ``/var/cache/tdc-kb``.
    """
    env = os.environ if env is None else env
    if env.get("KB_CACHE"):
        root = Path(env["KB_CACHE"]).expanduser()
    elif os.geteuid() == 0:
        root = Path("/var/cache/tdc-kb")
    else:
        root = Path.home() / ".cache" / "tdc-kb"
    return root.absolute() / "opensearch" / OPENSEARCH_VERSION


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing) for the ``with`` body."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def java_major(java_home: Path) -> int | None:
    """Return the major Java version of ``java_home`` (``release`` file or ``java -version``)."""
    release = java_home / "release"
    text = release.read_text(errors="replace") if release.is_file() else ""
    match = re.search(r'JAVA_VERSION="([^"]+)"', text)
    if match is None and (java_home / "bin" / "java").is_file():
        probe = subprocess.run(
            [str(java_home / "bin" / "java"), "-version"], capture_output=True, text=True
        )
        match = re.search(r'version "([^"]+)"', probe.stderr)
    if match is None:
        return None
    parts = match.group(1).split(".")
    major = parts[1] if parts[0] == "1" and len(parts) > 1 else parts[0]
    return int(major) if major.isdigit() else None


def _supported(java_home: Path) -> bool:
    major = java_major(java_home)
    return major is not None and MIN_JAVA <= major <= MAX_JAVA


def find_java_home(env: Mapping[str, str] | None = None, jvm_root: Path = JVM_ROOT) -> Path:
    """Pick the JDK that runs OpenSearch and Maven.

    ``OPENSEARCH_JAVA_HOME`` or ``JAVA_HOME`` wins when set (and must be Java 17–23); otherwise
    Debian's Java 17, otherwise any supported JDK under ``/usr/lib/jvm``.
    """
    env = os.environ if env is None else env
    for var in ("OPENSEARCH_JAVA_HOME", "JAVA_HOME"):
        if env.get(var):
            chosen = Path(env[var])
            if not _supported(chosen):
                raise ProvisionError(
                    f"{var}={chosen} is not a Java {MIN_JAVA}–{MAX_JAVA} JDK, which OpenSearch "
                    f"{OPENSEARCH_VERSION} needs; point {var} at one or unset it"
                )
            return chosen
    candidates = sorted(jvm_root.glob("java-17-openjdk-*")) + sorted(jvm_root.glob("*"))
    for candidate in candidates:
        if (candidate / "bin" / "java").is_file() and _supported(candidate):
            return candidate
    raise ProvisionError(
        f"no Java {MIN_JAVA}–{MAX_JAVA} found (OpenSearch {OPENSEARCH_VERSION} needs one): install "
        "it, e.g. `apt-get install openjdk-17-jdk-headless`, or set OPENSEARCH_JAVA_HOME"
    )


def require_maven() -> str:
    """Return the path of ``mvn``, or explain how to install it."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ProvisionError(
            "Maven (`mvn`) is needed to fetch OpenSearch from Maven Central: install it with "
            "`apt-get install maven` (listed in deb-packages.txt; `make setup` does it)"
        )
    return mvn


def maven_pom(artifacts: Iterable[Artifact], output_dir: Path) -> str:
    """Return a pom whose ``dependency:copy`` copies ``artifacts`` into ``output_dir``."""
    project = ET.Element("project", xmlns="http://maven.apache.org/POM/4.0.0")
    for tag, text in (
        ("modelVersion", "4.0.0"),
        ("groupId", "tdc-kb.local"),
        ("artifactId", "opensearch-artifacts"),
        ("version", "1"),
        ("packaging", "pom"),
    ):
        ET.SubElement(project, tag).text = text
    plugin = ET.SubElement(ET.SubElement(ET.SubElement(project, "build"), "plugins"), "plugin")
    ET.SubElement(plugin, "groupId").text = "org.apache.maven.plugins"
    ET.SubElement(plugin, "artifactId").text = "maven-dependency-plugin"
    ET.SubElement(plugin, "version").text = MAVEN_DEPENDENCY_PLUGIN_VERSION
    config = ET.SubElement(plugin, "configuration")
    ET.SubElement(config, "outputDirectory").text = str(output_dir)
    items = ET.SubElement(config, "artifactItems")
    for artifact in artifacts:
        item = ET.SubElement(items, "artifactItem")
        ET.SubElement(item, "groupId").text = artifact.group
        ET.SubElement(item, "artifactId").text = artifact.artifact
        ET.SubElement(item, "version").text = artifact.version
        ET.SubElement(item, "type").text = artifact.type
    ET.indent(project)
    return ET.tostring(project, encoding="unicode") + "\n"


def fetch_artifacts(downloads: Path, java_home: Path) -> None:
    """Copy every missing artifact into ``downloads`` with one ``mvn dependency:copy`` run."""
    missing = [a for a in ARTIFACTS if not (downloads / a.filename).is_file()]
    if not missing:
        return
    mvn = require_maven()
    downloads.mkdir(parents=True, exist_ok=True)
    pom = downloads / "pom.xml"
    pom.write_text(maven_pom(missing, downloads))
    env = {**os.environ, "JAVA_HOME": str(java_home)}
    # -C: fail (not just warn) on a checksum mismatch.
    command = [mvn, "-B", "-q", "-C", "-Dstyle.color=never", "-f", str(pom), "dependency:copy"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise ProvisionError(
            f"fetching OpenSearch from Maven Central failed: `{' '.join(command)}` exited with "
            f"{done.returncode}:\n{tail_lines(done.stdout + done.stderr)}"
        )


def extract_zip(archive: Path, dest: Path) -> None:
    """Unpack ``archive`` into ``dest`` with its Unix permissions (``zipfile`` drops them)."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            for info in bundle.infolist():
                path = Path(bundle.extract(info, dest))
                mode = (info.external_attr >> 16) & 0o777
                path.chmod(mode or (0o755 if info.is_dir() else 0o644))
    except zipfile.BadZipFile as exc:
        archive.unlink()
        raise ProvisionError(f"{archive} was damaged ({exc}); removed it: run again") from exc


def assemble_painless(home: Path, downloads: Path) -> None:
    """Build ``modules/lang-painless`` of ``home`` from the downloaded jars."""
    module = home / "modules" / "lang-painless"
    module.mkdir(mode=0o755, parents=True, exist_ok=True)
    for jar in PAINLESS_JARS:
        shutil.copyfile(downloads / jar.filename, module / jar.filename)
    (module / "plugin-descriptor.properties").write_text(PAINLESS_DESCRIPTOR)
    (module / "plugin-security.policy").write_text(PAINLESS_POLICY)
    for path in module.iterdir():
        path.chmod(0o644)


def install_plugin(home: Path, plugin_zip: Path, java_home: Path) -> None:
    """Install a plugin zip into ``home`` with ``bin/opensearch-plugin install --batch``."""
    command = [str(home / "bin" / "opensearch-plugin"), "install", "--batch", plugin_zip.as_uri()]
    env = {**os.environ, "OPENSEARCH_JAVA_HOME": str(java_home)}
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise ProvisionError(
            f"installing {plugin_zip.name} failed (exit {done.returncode}):\n"
            f"{tail_lines(done.stdout + done.stderr)}"
        )


def home_dir(cache: Path) -> Path:
    """Where :func:`install` puts the distribution inside ``cache``."""
    return cache / f"opensearch-{OPENSEARCH_VERSION}"


def install(cache: Path | None = None, java_home: Path | None = None) -> Path:
    """Return the OpenSearch home in ``cache``, downloading and assembling what is missing."""
    cache = cache or default_cache_dir()
    java_home = java_home or find_java_home()
    home = home_dir(cache)
    with file_lock(cache / ".install.lock"):
        if (home / INSTALL_MARKER).is_file():
            return home
        downloads = cache / "downloads"
        fetch_artifacts(downloads, java_home)
        staging = cache / "staging"
        shutil.rmtree(staging, ignore_errors=True)
        extract_zip(downloads / DISTRIBUTION.filename, staging)
        staged = staging / home.name
        assemble_painless(staged, downloads)
        install_plugin(staged, downloads / KNN_PLUGIN.filename, java_home)
        marker = {"opensearch": OPENSEARCH_VERSION, "plugins": [KNN_PLUGIN.filename]}
        (staged / INSTALL_MARKER).write_text(json.dumps(marker) + "\n")
        shutil.rmtree(home, ignore_errors=True)
        staged.rename(home)
        staging.rmdir()
    return home


def tail_lines(text: str, lines: int = 30) -> str:
    """Return the last ``lines`` lines of ``text`` (for error messages)."""
    return "\n".join(text.rstrip().splitlines()[-lines:])
