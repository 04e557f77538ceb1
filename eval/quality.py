"""Retrieval quality of every mode on a store, for questions as typed, stripped of their
diacritics, and stripped then restored."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from eval.datasets import EvalQuestion
from eval.metrics import mean, ndcg_at, recall_at, reciprocal_rank_at
from indexer.analysis import fold
from indexer.embed.base import Embedder
from indexer.store.base import Filters
from search_api.fuse import unit_key
from search_api.query import QueryPlan, understand
from search_api.schemas import Mode
from search_api.service import SearchService

MODES: tuple[Mode, ...] = ("lexical", "semantic", "hybrid")
DEPTH = 10


@dataclass(frozen=True)
class Scores:
    """Mean metrics over a set of questions."""

    n: int
    recall_1: float
    recall_5: float
    recall_10: float
    mrr_10: float
    ndcg_10: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def score(rankings: Sequence[Sequence[str]], questions: Sequence[EvalQuestion]) -> Scores:
    """Mean Recall@1/5/10, MRR@10 and nDCG@10 of ranked unit keys against the gold units."""
    pairs = list(zip(rankings, questions, strict=True))
    return Scores(
        n=len(pairs),
        recall_1=mean([recall_at(r, q.gold, 1) for r, q in pairs]),
        recall_5=mean([recall_at(r, q.gold, 5) for r, q in pairs]),
        recall_10=mean([recall_at(r, q.gold, 10) for r, q in pairs]),
        mrr_10=mean([reciprocal_rank_at(r, q.gold, 10) for r, q in pairs]),
        ndcg_10=mean([ndcg_at(r, q.gold, 10) for r, q in pairs]),
    )


class MemoEmbedder:
    """Remembers query embeddings: every mode and variant embeds a question once."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self._queries: dict[str, np.ndarray] = {}

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        if text not in self._queries:
            self._queries[text] = self.inner.embed_query(text)
        return self._queries[text]


@dataclass(frozen=True)
class Variant:
    """How a question is put to the engine."""

    name: str
    planner: Callable[[SearchService, str], QueryPlan]


def _as_typed(service: SearchService, text: str) -> QueryPlan:
    return service.plan(text)


def _stripped(service: SearchService, text: str) -> QueryPlan:
    return understand(fold(text), accents=None, glossary=service.artifacts.glossary)


def _stripped_restored(service: SearchService, text: str) -> QueryPlan:
    return service.plan(fold(text))


VARIANTS = (
    Variant("accented", _as_typed),
    Variant("stripped", _stripped),
    Variant("restored", _stripped_restored),
)


def rankings(
    service: SearchService,
    questions: Sequence[EvalQuestion],
    mode: Mode,
    variant: Variant,
    collection: str,
) -> list[list[str]]:
    """The top unit keys the service returns for each question."""
    filters = Filters(collections=[collection])
    ranked = []
    for question in questions:
        hits, _ = service.rank(variant.planner(service, question.text), mode, filters)
        ranked.append([unit_key(hit.chunk) for hit in hits[:DEPTH]])
    return ranked


def evaluate(
    service: SearchService,
    questions: Sequence[EvalQuestion],
    collection: str,
    variants: Sequence[Variant] = VARIANTS,
    modes: Sequence[Mode] = MODES,
) -> dict[str, dict[str, Scores]]:
    """Scores by variant, then by mode."""
    return {
        variant.name: {
            mode: score(rankings(service, questions, mode, variant, collection), questions)
            for mode in modes
        }
        for variant in variants
    }
