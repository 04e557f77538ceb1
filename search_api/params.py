"""Retrieval parameters: per-field lexical weights and fusion, for queries typed with and
without diacritics. `kb eval --tune` writes the tuned values to ``retrieval_params.json``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from indexer.store.base import LexicalWeights
from search_api.fuse import FusionParams

TUNED_PARAMS = Path(__file__).with_name("retrieval_params.json")


@dataclass(frozen=True)
class RetrievalParams:
    """Tunable knobs, one set for queries typed with diacritics and one for without."""

    candidates: int = 100
    accented_weights: LexicalWeights = field(
        default_factory=lambda: LexicalWeights(text=1.0, title=0.5, folded=0.2)
    )
    unaccented_weights: LexicalWeights = field(
        default_factory=lambda: LexicalWeights(text=1.0, title=0.5, folded=1.0)
    )
    accented_fusion: FusionParams = field(default_factory=FusionParams)
    unaccented_fusion: FusionParams = field(default_factory=FusionParams)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RetrievalParams:
        return cls(
            candidates=int(data["candidates"]),
            accented_weights=LexicalWeights(**data["accented_weights"]),
            unaccented_weights=LexicalWeights(**data["unaccented_weights"]),
            accented_fusion=FusionParams(**data["accented_fusion"]),
            unaccented_fusion=FusionParams(**data["unaccented_fusion"]),
        )

    @classmethod
    def tuned(cls, path: Path = TUNED_PARAMS) -> RetrievalParams:
        """The parameters saved by the last tuning run, else the defaults."""
        if path.exists():
            return cls.from_dict(json.loads(path.read_text("utf-8")))
        return cls()

    def save(self, path: Path = TUNED_PARAMS) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=2) + "\n", "utf-8")
