"""The two indexes the sector set is searched in: the field corpus alone (embedded, every mode)
and the whole Pháp điển (lexical only), both kept under ``KB_HOME`` between runs.

The whole archive (4,387 documents, 96,654 chunks) takes minutes to parse and analyse, so a
finished ingest leaves a marker naming the archive's size and modification time; while it
matches, the index is reused without re-reading the archive. The archive holds the field
đề mục (19.1, 19.4, 19.8), so the field documents are in it under the same ids.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corpora.manifest import get_source
from indexer.embed.cache import CachedEmbedder
from indexer.settings import Settings
from indexer.store.base import Store
from indexer.store.sqlite import SqliteStore
from ingest.pipeline import Ingestor

Scale = Literal["field", "full"]
SCALES: tuple[Scale, ...] = ("field", "full")
SOURCES: dict[Scale, str] = {"field": "phapdien-field", "full": "phapdien-301"}
COLLECTION = "eval-sector"
MARKER = "ingested.json"


@dataclass
class ScaleIndex:
    """An index of one scale and how it was obtained this run."""

    scale: Scale
    store: Store
    ingest_seconds: float
    reused: bool

    @property
    def dense(self) -> bool:
        """Whether the index holds vectors (the field one does; the whole archive not)."""
        return self.scale == "field"


def _fingerprint(paths: Sequence[Path]) -> list[list[object]]:
    return [[str(p), p.stat().st_size, int(p.stat().st_mtime)] for p in paths]


def open_scale_index(
    scale: Scale, settings: Settings, embedder: CachedEmbedder | None
) -> ScaleIndex:
    """The store of ``scale`` under ``KB_HOME/stores/eval-sector-<scale>``, ingested when
    its source changed since the last run (the field one with vectors from ``embedder``)."""
    paths = get_source(SOURCES[scale]).inputs()
    directory = settings.home / "stores" / f"{COLLECTION}-{scale}"
    store = SqliteStore(directory)
    marker = directory / MARKER
    stamp = {"source": SOURCES[scale], "inputs": _fingerprint(paths), "dense": scale == "field"}
    if marker.exists() and json.loads(marker.read_text("utf-8")) == stamp and store.count():
        return ScaleIndex(scale, store, 0.0, reused=True)
    ingestor = Ingestor(store, embedder if scale == "field" else None, batch_size=512)
    summary = ingestor.ingest(list(paths), collection=COLLECTION)
    marker.write_text(json.dumps(stamp), "utf-8")
    return ScaleIndex(scale, store, round(summary.seconds, 1), reused=False)
