"""Tune the retrieval parameters on the tuning half: lexical field weights first, then the
fusion, separately for questions with diacritics and for stripped-then-restored ones.

Field weights: coordinate descent (one field at a time over a small grid, two passes), the
text field fixed at 1. Fusion: a grid, on candidate lists fetched once per question and
re-fused for every setting, so it costs no store queries. Everything is scored by MRR@10.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from eval.datasets import EvalQuestion
from eval.metrics import mean, reciprocal_rank_at
from eval.quality import VARIANTS, Variant
from indexer.store.base import Filters, Hit, LexicalWeights
from search_api.fuse import FusionParams, best_per_unit, fuse, unit_key
from search_api.params import RetrievalParams
from search_api.service import SearchService

#: The values tried for each field weight (text stays 1.0).
WEIGHT_GRID = {
    "title": (0.0, 0.25, 0.5, 1.0),
    "doc": (0.0, 0.25, 0.5, 1.0),
    "pairs": (0.0, 0.5, 1.0, 2.0, 3.0, 4.0),
    "folded": (0.0, 0.1, 0.3, 0.6, 1.0),
}
PASSES = 2
FUSIONS = tuple(
    [FusionParams("convex", w / 10, window=n) for w in range(0, 11) for n in (10, 20, 40)]
    + [FusionParams("rrf", w / 10, k) for w in range(2, 9) for k in (10, 30, 60)]
)


def _mrr(ranked: Sequence[Sequence[Hit]], questions: Sequence[EvalQuestion]) -> float:
    return mean(
        [
            reciprocal_rank_at([unit_key(h.chunk) for h in hits[:10]], q.gold, 10)
            for hits, q in zip(ranked, questions, strict=True)
        ]
    )


def _candidates(
    service: SearchService,
    questions: Sequence[EvalQuestion],
    variant: Variant,
    collection: str,
    *,
    with_dense: bool,
) -> tuple[list[list[Hit]], list[list[Hit]]]:
    """Lexical (and dense) candidate lists of every question under the current parameters."""
    filters = Filters(collections=[collection])
    k = service.params.candidates
    lexical, dense = [], []
    for question in questions:
        plan = variant.planner(service, question.text)
        lexical.append(service.lexical_hits(plan, filters, k))
        dense.append(service.dense_hits(plan, filters, k) if with_dense else [])
    return lexical, dense


def _lexical_mrr(
    service: SearchService,
    questions: Sequence[EvalQuestion],
    variant: Variant,
    collection: str,
    weights: LexicalWeights,
    accented: bool,
) -> float:
    service.params = (
        replace(service.params, accented_weights=weights)
        if accented
        else replace(service.params, unaccented_weights=weights)
    )
    lexical, _ = _candidates(service, questions, variant, collection, with_dense=False)
    return _mrr([best_per_unit(h) for h in lexical], questions)


def _best_weights(
    service: SearchService,
    questions: Sequence[EvalQuestion],
    variant: Variant,
    collection: str,
    start: LexicalWeights,
    accented: bool,
) -> LexicalWeights:
    """Coordinate descent over the field weights, starting from ``start``."""
    best = start
    best_mrr = _lexical_mrr(service, questions, variant, collection, best, accented)
    for _ in range(PASSES):
        for field, values in WEIGHT_GRID.items():
            for value in values:
                trial = replace(best, **{field: value})
                if trial == best:
                    continue
                mrr = _lexical_mrr(service, questions, variant, collection, trial, accented)
                if mrr > best_mrr:
                    best, best_mrr = trial, mrr
    return best


def _best_fusion(
    lexical: list[list[Hit]], dense: list[list[Hit]], questions: Sequence[EvalQuestion]
) -> tuple[FusionParams, float]:
    pairs = list(zip(lexical, dense, strict=True))
    scored = [
        (_mrr([fuse(lx, dn, params) for lx, dn in pairs], questions), params) for params in FUSIONS
    ]
    best = max(scored, key=lambda pair: pair[0])
    return best[1], best[0]


def tune(
    service: SearchService, questions: Sequence[EvalQuestion], collection: str
) -> tuple[RetrievalParams, dict[str, float]]:
    """Tuned parameters and the tuning-half MRR@10 each choice reached."""
    variants = {v.name: v for v in VARIANTS}
    notes: dict[str, float] = {}
    accented = _best_weights(
        service,
        questions,
        variants["accented"],
        collection,
        service.params.accented_weights,
        accented=True,
    )
    service.params = replace(service.params, accented_weights=accented)
    lexical, dense = _candidates(
        service, questions, variants["accented"], collection, with_dense=True
    )
    accented_fusion, notes["accented_hybrid_mrr10"] = _best_fusion(lexical, dense, questions)

    unaccented = _best_weights(
        service,
        questions,
        variants["restored"],
        collection,
        replace(accented, folded=max(accented.folded, 0.3)),
        accented=False,
    )
    service.params = replace(service.params, unaccented_weights=unaccented)
    lexical, dense = _candidates(
        service, questions, variants["restored"], collection, with_dense=True
    )
    unaccented_fusion, notes["restored_hybrid_mrr10"] = _best_fusion(lexical, dense, questions)
    params = replace(
        service.params,
        accented_fusion=accented_fusion,
        unaccented_fusion=unaccented_fusion,
    )
    service.params = params
    return params, notes
