"""The manifest of data sources (``corpora/sources.toml``) and where the data lives."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Source:
    """One entry of the manifest."""

    name: str
    kind: str
    path: str
    licence: str
    origin: str
    description: str
    files: tuple[str, ...] = field(default_factory=tuple)
    corpus: str | None = None

    def location(self) -> Path:
        """The file or folder of this source under the data root."""
        return data_root() / self.path

    def inputs(self) -> list[Path]:
        """The paths to parse: the listed files, else the source's file or folder."""
        base = self.location()
        return [base / f for f in self.files] if self.files else [base]


def data_root() -> Path:
    """``$KB_DATA_ROOT``, else ``shared/datasets-raw`` beside the repository."""
    configured = os.environ.get("KB_DATA_ROOT")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "datasets-raw"


@lru_cache(maxsize=1)
def sources() -> dict[str, Source]:
    """Every source of the manifest, by name."""
    text = resources.files("corpora").joinpath("sources.toml").read_text("utf-8")
    entries = tomllib.loads(text)["source"]
    return {e["name"]: Source(**{**e, "files": tuple(e.get("files", ()))}) for e in entries}


def get_source(name: str) -> Source:
    """The source called ``name``; KeyError lists the known names."""
    try:
        return sources()[name]
    except KeyError:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(sources())}") from None


def source_for_path(path: str | Path) -> Source | None:
    """The manifest source a file belongs to (the most specific one), if any."""
    target = Path(str(path).split("#", 1)[0]).resolve()
    best: tuple[int, Source] | None = None
    for source in sources().values():
        for base in source.inputs():
            base = base.resolve()
            if target == base or base in target.parents:
                depth = len(base.parts)
                if best is None or depth > best[0]:
                    best = (depth, source)
    return best[1] if best else None


def origin_of(path: str | Path) -> tuple[str, str | None] | None:
    """(source name, origin URL or None) of a file of the manifest, for its provenance."""
    source = source_for_path(path)
    if source is None:
        return None
    url = source.origin.split(" ", 1)[0].rstrip(",;") if source.origin.startswith("http") else None
    return source.name, url
