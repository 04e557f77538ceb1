"""The learned re-ranking stage: a LightGBM LambdaRank model over the first candidates of the
fused (or lexical) list, on the features of :mod:`search_api.rerank_features`.

The model is one JSON file (``reranker.json`` beside this module) written by
``kb train-reranker``: the LightGBM model text, the feature names and version it was trained
on, how many candidates it re-orders, and the modes it is switched on for (those where the
report halves showed a gain). A file of another feature version is ignored, so an old model
never reads new features.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np

from indexer.store.base import Hit
from search_api.query import QueryPlan
from search_api.rerank_features import FEATURE_VERSION, FEATURES, feature_matrix

MODEL_FILE = Path(__file__).with_name("reranker.json")
DEPTH = 40


@dataclass(frozen=True)
class Candidates:
    """What the re-ranker sees of one query: the unit-level list in retrieval order and
    the lexical and dense lists it was fused from (``dense`` empty in lexical mode)."""

    ranked: list[Hit]
    lexical: list[Hit]
    dense: list[Hit] = field(default_factory=list)


@dataclass
class Reranker:
    """A trained model and where it applies."""

    booster: lgb.Booster
    modes: tuple[str, ...]
    depth: int = DEPTH
    info: dict[str, Any] = field(default_factory=dict)

    def applies(self, mode: str) -> bool:
        return mode in self.modes

    def scores(self, plan: QueryPlan, candidates: Candidates) -> np.ndarray:
        """The model's score of each of the first :attr:`depth` candidates."""
        head = candidates.ranked[: self.depth]
        if not head:
            return np.zeros(0)
        rows = feature_matrix(plan, head, candidates.lexical, candidates.dense)
        return np.asarray(self.booster.predict(rows, num_threads=1))

    def rerank(self, plan: QueryPlan, candidates: Candidates) -> list[Hit]:
        """The first :attr:`depth` candidates in the model's order, each scored by it, then
        the rest in their order, scored below."""
        head = candidates.ranked[: self.depth]
        if len(head) < 2:
            return candidates.ranked
        predicted = self.scores(plan, candidates)
        order = np.argsort(-predicted, kind="stable")
        reranked = [
            Hit(chunk=head[i].chunk, document=head[i].document, score=float(predicted[i]))
            for i in order
        ]
        floor = float(predicted.min())
        tail = [
            Hit(chunk=h.chunk, document=h.document, score=floor - 1e-3 * (i + 1))
            for i, h in enumerate(candidates.ranked[self.depth :])
        ]
        return reranked + tail

    def save(self, path: Path = MODEL_FILE) -> None:
        data = {
            "feature_version": FEATURE_VERSION,
            "features": list(FEATURES),
            "modes": list(self.modes),
            "depth": self.depth,
            "info": self.info,
            "model": self.booster.model_to_string(),
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> Reranker | None:
        """The model saved at ``path``; None when there is none or it was trained on
        other features."""
        if not path.exists():
            return None
        data = json.loads(path.read_text("utf-8"))
        if data["feature_version"] != FEATURE_VERSION or data["features"] != list(FEATURES):
            return None
        booster = lgb.Booster(model_str=data["model"])
        return cls(booster, tuple(data["modes"]), int(data["depth"]), data.get("info", {}))


def train(
    groups: Sequence[tuple[np.ndarray, np.ndarray]], modes: Sequence[str], seed: int = 0
) -> Reranker:
    """A LambdaRank model over ``groups`` of (feature rows, 0/1 labels), one per query."""
    kept = [(x, y) for x, y in groups if y.any() and len(y) > 1]
    features = np.vstack([x for x, _ in kept])
    labels = np.concatenate([y for _, y in kept])
    params = {
        "objective": "lambdarank",
        "metric": "ndcg",
        "eval_at": [10],
        "learning_rate": 0.05,
        "num_leaves": 15,
        "min_data_in_leaf": 20,
        "feature_fraction": 0.8,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "lambdarank_truncation_level": 20,
        "num_threads": 2,
        "seed": seed,
        "deterministic": True,
        "verbosity": -1,
    }
    dataset = lgb.Dataset(
        features, labels, group=[len(y) for _, y in kept], feature_name=list(FEATURES)
    )
    booster = lgb.train(params, dataset, num_boost_round=200)
    return Reranker(booster, tuple(modes))
