"""Fusion of the lexical and dense result lists, at the level of citable units (articles).

Chunks of one article compete with each other in each list, so each list is first collapsed
to its best chunk per unit. Two fusions are offered (txtai style): a convex combination of
min-max normalised scores, and weighted reciprocal-rank fusion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from indexer.models import Chunk
from indexer.store.base import Hit


def unit_key(chunk: Chunk) -> str:
    """The citable unit a chunk belongs to: its article, else its section, else itself."""
    citation = chunk.citation
    part = citation.article or citation.section
    return f"{chunk.doc_id}#{part}" if part else chunk.id


def best_per_unit(hits: Sequence[Hit]) -> list[Hit]:
    """The best-scoring hit of each unit, in score order (input must be score-sorted)."""
    seen: dict[str, Hit] = {}
    for hit in hits:
        seen.setdefault(unit_key(hit.chunk), hit)
    return list(seen.values())


@dataclass(frozen=True)
class FusionParams:
    """How to fuse; ``lexical_weight`` is the lexical list's share (0 … 1).

    ``convex`` scales each list to [0, 1] between its best score and its ``window``-th best
    (lower scores clip to 0), so the scale does not depend on how deep a list was fetched.
    """

    method: Literal["convex", "rrf"] = "convex"
    lexical_weight: float = 0.5
    rrf_k: int = 60
    window: int = 20


def _min_max(hits: Sequence[Hit], window: int) -> dict[str, float]:
    if not hits:
        return {}
    high = hits[0].score
    low = hits[min(window, len(hits)) - 1].score
    span = high - low
    return {unit_key(h.chunk): max(0.0, (h.score - low) / span) if span > 0 else 1.0 for h in hits}


def _reciprocal_ranks(hits: Sequence[Hit], k: int) -> dict[str, float]:
    return {unit_key(h.chunk): 1.0 / (k + rank) for rank, h in enumerate(hits, start=1)}


def fuse(lexical: Sequence[Hit], dense: Sequence[Hit], params: FusionParams) -> list[Hit]:
    """One ranked list of units from both lists; each hit carries its fused score.

    The chunk shown for a unit is the lexical list's best chunk when there is one (it holds
    the matched words), else the dense list's.
    """
    lexical, dense = best_per_unit(lexical), best_per_unit(dense)
    if params.method == "convex":
        lex_scores = _min_max(lexical, params.window)
        dense_scores = _min_max(dense, params.window)
    else:
        lex_scores = _reciprocal_ranks(lexical, params.rrf_k)
        dense_scores = _reciprocal_ranks(dense, params.rrf_k)
    w = params.lexical_weight
    chosen: dict[str, Hit] = {unit_key(h.chunk): h for h in dense}
    chosen.update({unit_key(h.chunk): h for h in lexical})
    fused = {
        key: w * lex_scores.get(key, 0.0) + (1 - w) * dense_scores.get(key, 0.0) for key in chosen
    }
    ranked = sorted(chosen, key=lambda key: fused[key], reverse=True)
    return [
        Hit(chunk=chosen[key].chunk, document=chosen[key].document, score=fused[key])
        for key in ranked
    ]
