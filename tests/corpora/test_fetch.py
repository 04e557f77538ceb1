"""Fetching a document by URL, against a server on the loopback address only."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from corpora.fetch import FetchError, fetch
from indexer.models import ParsedDocument
from indexer.parse import parse_paths


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(served))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", served
    httpd.shutdown()
    httpd.server_close()


def test_fetch_then_parse(server: tuple[str, Path], tmp_path: Path) -> None:
    base, served = server
    (served / "tt 01.txt").write_text("THÔNG TƯ\nĐiều 1. Phạm vi\nNội dung.\n", encoding="utf-8")
    path = fetch(f"{base}/tt%2001.txt", tmp_path / "downloads")
    assert path.name == "tt_01.txt"
    (doc,) = list(parse_paths([path]))
    assert isinstance(doc, ParsedDocument) and doc.articles()[0].title == "Phạm vi"


def test_fetch_limits(server: tuple[str, Path], tmp_path: Path) -> None:
    base, served = server
    (served / "big.pdf").write_bytes(b"%PDF" + b"0" * 5000)
    with pytest.raises(FetchError, match="larger than 1000 bytes"):
        fetch(f"{base}/big.pdf", tmp_path, max_bytes=1000)
    assert not (tmp_path / "big.pdf").exists()
    with pytest.raises(FetchError, match="404"):
        fetch(f"{base}/missing.pdf", tmp_path)
