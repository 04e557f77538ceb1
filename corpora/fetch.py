"""Download a document from an official source's URL, for users with internet access.

Tests and the default corpus use local files only; a fetched file is parsed like any other
(``indexer.parse.parse_paths``), with provenance "local" and its sha256.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx

from indexer.parse.limits import Limits


class FetchError(Exception):
    """The URL could not be fetched within the limits."""


def _file_name(url: str, response: httpx.Response) -> str:
    disposition = response.headers.get("content-disposition", "")
    match = re.search(r'filename="?([^";]+)"?', disposition)
    name = match.group(1) if match else unquote(Path(urlparse(url).path).name)
    return re.sub(r"[^\w.\-]+", "_", name).strip("._") or "document"


def fetch(
    url: str, folder: Path, *, max_bytes: int = Limits().max_bytes, timeout_s: float = 60
) -> Path:
    """Save the document at ``url`` into ``folder`` and return its path (size-capped)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=timeout_s) as response:
            response.raise_for_status()
            target = folder / _file_name(url, response)
            size = 0
            with target.open("wb") as handle:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        handle.close()
                        target.unlink()
                        raise FetchError(f"{url}: larger than {max_bytes} bytes")
                    handle.write(chunk)
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {exc}") from exc
    return target
