"""Every `curl` example of the README's "## API" section works as written.

The examples run with bash from the repository root against a real uvicorn server on a free
loopback port, over a private copy of the embedded store of the default corpus (field
corpus, standards catalogue, QCVN texts; the admin examples write to it); ``KB_URL`` and
``KB_API_KEY`` are the only things the environment supplies.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import live_server

from indexer.embed.cache import CachedEmbedder
from indexer.store.sqlite import SqliteStore
from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings

REPO = Path(__file__).resolve().parents[2]
KEY = "khoa-readme"


def api_examples(readme: str) -> list[str]:
    """The ```bash blocks containing curl between "## API" and the next "## " heading."""
    section = re.search(r"^## API\n(.*?)(?=^## |\Z)", readme, re.S | re.M)
    assert section is not None, 'README.md has no "## API" section'
    blocks = re.findall(r"^```bash\n(.*?)^```", section.group(1), re.S | re.M)
    return [block for block in blocks if "curl" in block]


def parses_as_json(output: str) -> bool:
    """True for one JSON document or JSON Lines."""
    try:
        json.loads(output)
        return True
    except ValueError:
        lines = [line for line in output.splitlines() if line.strip()]
        try:
            return bool(lines) and all(json.loads(line) is not None for line in lines)
        except ValueError:
            return False


def _copy(store: SqliteStore, directory: Path) -> SqliteStore:
    directory.mkdir(parents=True)
    with sqlite3.connect(store.path) as source, sqlite3.connect(directory / "kb.sqlite") as copy:
        source.backup(copy)
    return SqliteStore(directory)


@pytest.fixture(scope="module")
def server_url(
    standards_sqlite: tuple[SqliteStore, object],
    embedder: CachedEmbedder,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    home = tmp_path_factory.mktemp("readme")
    store = _copy(standards_sqlite[0], home / "store")
    settings = ApiSettings(home=home, api_key=KEY, rate_limit_per_minute=0)
    app = create_app(settings, SearchService(store, embedder))
    with live_server(app) as url:
        yield url
    store.close()


def test_the_api_section_has_examples() -> None:
    examples = api_examples((REPO / "README.md").read_text(encoding="utf-8"))
    assert len(examples) >= 8
    assert all("${KB_URL:-http://127.0.0.1:8000}" in example for example in examples)


def test_readme_curl_examples_work(server_url: str) -> None:
    env = {**os.environ, "KB_URL": server_url, "KB_API_KEY": KEY}
    for example in api_examples((REPO / "README.md").read_text(encoding="utf-8")):
        result = subprocess.run(
            ["bash", "-c", example],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"{example}\n{result.stdout}\n{result.stderr}"
        assert parses_as_json(result.stdout), f"{example}\n{result.stdout[:500]}"
