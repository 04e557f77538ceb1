"""Where a search spends its time, measured in-process on the store the API serves.

:class:`ProfiledService` is the search service with a stopwatch around each stage of a
request: query understanding (normalisation, document numbers, diacritic restoration),
lexical analysis (pyvi segmentation), the store calls (lexical, dense, browsing pinned
articles), query embedding, ranking as a whole (wall time: in hybrid mode the service
embeds the query while the lexical leg runs, so the legs overlap), then snippets and
facets, then the JSON body. :func:`engine_times` times the retrieval legs alone: the
engine's own time (OpenSearch ``took``; for SQLite the call itself) next to the store call
and the query embedding.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, cast

import numpy as np

from eval.bench.stats import Summary, summarize
from indexer.embed.base import Embedder
from indexer.glossary import Term
from indexer.store.base import Filters, Hit, LexicalQuery, Store
from indexer.store.opensearch.query import dense_body, lexical_body
from indexer.store.opensearch.store import OpenSearchStore
from search_api.query import QueryPlan
from search_api.schemas import Mode, SearchRequest
from search_api.service import SearchService

#: Stages in request order; "rank" is the wall time of ranking (it holds the legs before
#: it), "snippets, facets" what the search takes beyond understanding and ranking.
STAGES = (
    "understand",
    "analyse",
    "lexical store",
    "embed",
    "dense store",
    "browse",
    "rank",
    "snippets, facets",
    "JSON",
)


class StageClock:
    """Milliseconds spent per named stage since the last :meth:`take` (stages may be timed
    from several threads, each under its own name)."""

    def __init__(self) -> None:
        self._spent: defaultdict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Add the time spent in the block to ``name``."""
        began = time.perf_counter()
        try:
            yield
        finally:
            self._spent[name] += (time.perf_counter() - began) * 1000

    def take(self) -> dict[str, float]:
        """The times so far, and start again from zero."""
        spent = dict(self._spent)
        self._spent.clear()
        return spent


class TimedStore:
    """A store whose ``lexical``, ``dense`` and ``browse`` calls add their time to a clock;
    everything else is the wrapped store's."""

    def __init__(self, inner: Store, clock: StageClock) -> None:
        self._inner = inner
        self._clock = clock

    def lexical(self, query: LexicalQuery, filters: Filters | None, k: int) -> list[Hit]:
        with self._clock.stage("lexical store"):
            return self._inner.lexical(query, filters, k)

    def dense(self, vector: np.ndarray, filters: Filters | None, k: int) -> list[Hit]:
        with self._clock.stage("dense store"):
            return self._inner.dense(vector, filters, k)

    def browse(self, filters: Filters, k: int) -> list[Hit]:
        with self._clock.stage("browse"):
            return self._inner.browse(filters, k)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class ProfiledService(SearchService):
    """:class:`SearchService` timing each stage; the results are the service's own."""

    def __init__(self, store: Store, embedder: Embedder, clock: StageClock) -> None:
        super().__init__(cast(Store, TimedStore(store, clock)), embedder)
        self.clock = clock

    def plan(self, *args: Any, **kwargs: Any) -> QueryPlan:
        with self.clock.stage("understand"):
            return super().plan(*args, **kwargs)

    def rank(self, *args: Any, **kwargs: Any) -> tuple[list[Hit], list[Term]]:
        with self.clock.stage("rank"):
            return super().rank(*args, **kwargs)

    def lexical_query(self, *args: Any, **kwargs: Any) -> LexicalQuery:
        with self.clock.stage("analyse"):
            return super().lexical_query(*args, **kwargs)

    def query_vector(self, *args: Any, **kwargs: Any) -> np.ndarray:
        with self.clock.stage("embed"):
            return super().query_vector(*args, **kwargs)


@dataclass(frozen=True)
class StageBreakdown:
    """In-process time of one mode: the whole request (search + JSON) and its mean per stage."""

    mode: str
    total: Summary
    stages_ms: dict[str, float]


def breakdown_of(
    requests: Sequence[dict[str, float]], totals: Sequence[float], mode: str
) -> StageBreakdown:
    """Mean per stage over requests whose clocks hold the measured stages and ``search``
    (the whole search call)."""
    sums: defaultdict[str, float] = defaultdict(float)
    for spent in requests:
        spent = {
            **spent,
            "snippets, facets": spent["search"]
            - spent.get("understand", 0.0)
            - spent.get("rank", 0.0),
        }
        for name in STAGES:
            sums[name] += spent.get(name, 0.0)
    count = len(requests)
    return StageBreakdown(
        mode=mode,
        total=summarize(totals),
        stages_ms={name: round(sums[name] / count, 2) for name in STAGES},
    )


def profile_stages(
    service: ProfiledService, queries: Sequence[str], mode: Mode, rounds: int = 3
) -> StageBreakdown:
    """Search every query ``rounds`` times in ``mode`` (after one warm-up pass), timing stages."""
    for query in queries:
        service.search(SearchRequest(q=query, mode=mode))
    service.clock.take()
    requests: list[dict[str, float]] = []
    totals: list[float] = []
    for _ in range(rounds):
        for query in queries:
            began = time.perf_counter()
            response = service.search(SearchRequest(q=query, mode=mode))
            searched = time.perf_counter()
            json.dumps(response.model_dump(mode="json"), ensure_ascii=False)
            ended = time.perf_counter()
            spent = service.clock.take()
            spent["search"] = (searched - began) * 1000
            spent["JSON"] = (ended - searched) * 1000
            requests.append(spent)
            totals.append((ended - began) * 1000)
    return breakdown_of(requests, totals, mode)


@dataclass(frozen=True)
class EngineTimes:
    """The retrieval legs alone, per query: the engine's time (OpenSearch ``took``; for
    SQLite the call itself), the store call as the service makes it (decoding the hits
    included), and the query embedding. The dense fields are None for a lexical-only store."""

    lexical_engine: Summary
    lexical_call: Summary
    dense_engine: Summary | None = None
    dense_call: Summary | None = None
    embed: Summary | None = None


def _timed(call: Callable[[], object]) -> float:
    began = time.perf_counter()
    call()
    return (time.perf_counter() - began) * 1000


def engine_times(
    service: SearchService,
    store: Store,
    queries: Sequence[str],
    rounds: int = 3,
    *,
    dense: bool = True,
) -> EngineTimes:
    """Time each retrieval leg of ``store`` for every query that has free text, ``rounds``
    times, with the service's own analysed query, vector and candidate depth."""
    k = service.params.candidates
    plans = [p for p in (service.plan(q) for q in queries) if p.residual.strip()]
    lexical = [service.lexical_query(p) for p in plans]
    texts = [p.restored_residual or p.residual for p in plans]
    vectors = [service.embedder.embed_query(t) for t in texts] if dense else []
    texts = texts if dense else []
    times: defaultdict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for query in lexical:
            times["lexical call"].append(_timed(partial(store.lexical, query, Filters(), k)))
            if isinstance(store, OpenSearchStore):
                times["lexical engine"].append(_took(store, lexical_body(query, None, k)))
        for text, vector in zip(texts, vectors, strict=True):
            times["embed"].append(_timed(partial(service.embedder.embed_query, text)))
            times["dense call"].append(_timed(partial(store.dense, vector, Filters(), k)))
            if isinstance(store, OpenSearchStore):
                times["dense engine"].append(_took(store, dense_body(vector, None, k)))
    if not isinstance(store, OpenSearchStore):
        times["lexical engine"] = times["lexical call"]
        times["dense engine"] = times["dense call"]
    lexical_only = EngineTimes(
        lexical_engine=summarize(times["lexical engine"]),
        lexical_call=summarize(times["lexical call"]),
    )
    if not dense:
        return lexical_only
    return replace(
        lexical_only,
        dense_engine=summarize(times["dense engine"]),
        dense_call=summarize(times["dense call"]),
        embed=summarize(times["embed"]),
    )


def _took(store: OpenSearchStore, body: dict[str, Any]) -> float:
    """The ``took`` (ms, measured inside OpenSearch) of one search on the chunk indices."""
    result = store.client.search(index=store.names.chunks_read, body=body)
    return float(result["took"])
