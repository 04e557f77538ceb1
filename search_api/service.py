"""The search core: query understanding → lexical + dense retrieval → fusion → citations.

Order of the results:
1. the article a query names, by document number or by law name ("điều 23 luật 68/2006",
   "luật đo lường điều 16"), or the article defining the term asked about ("hợp chuẩn là gì");
2. matches inside the document a query names by number;
3. everything else, fused from the lexical and dense lists.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import cached_property

import numpy as np

from indexer.analysis import Analyzer
from indexer.artifacts import Artifacts, load_artifacts
from indexer.embed import embedding_dim, make_embedder
from indexer.embed.base import Embedder
from indexer.glossary import Term
from indexer.settings import Settings
from indexer.store import make_store
from indexer.store.base import Filters, Hit, LexicalQuery, Store
from search_api.fuse import best_per_unit, fuse, unit_key
from search_api.graph_index import GraphIndex
from search_api.graph_search import ValidityLayer
from search_api.highlight import query_marks, snippet
from search_api.names import TitleIndex
from search_api.params import RetrievalParams
from search_api.query import QueryPlan, understand
from search_api.rerank import Candidates, Reranker
from search_api.schemas import (
    CitationOut,
    DefinitionOut,
    FacetCount,
    HitOut,
    Mode,
    SearchRequest,
    SearchResponse,
    SemanticWaitOut,
)
from search_api.standards import StandardsIndex
from search_api.standards_schemas import MentionOut
from search_api.standards_search import StandardsLayer, naming, provision_out

#: What one query may cost: the distinct terms each lexical field is searched with, and the
#: words given to the embedder. The longest of the 1,264 ALQAC and VLSP questions has 98 terms
#: and 90 words, so every real question is searched whole; a 1,000-character paste (about 200
#: words, 250 terms) is cut to that size and costs what the longest question does.
MAX_QUERY_TERMS = 100
MAX_EMBED_WORDS = 96
#: How long the count of chunks still without a vector is trusted before it is taken again.
SEMANTIC_STATUS_TTL_S = 2.0


def _capped(terms: Sequence[str]) -> list[str]:
    """The first :data:`MAX_QUERY_TERMS` distinct terms, in query order."""
    return list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]


def request_filters(request: SearchRequest) -> Filters:
    """The store filters a search request asks for."""
    return Filters(
        collections=request.collection,
        types=request.type,
        issuers=request.issuer,
        year_from=request.year_from,
        year_to=request.year_to,
    )


class SearchService:
    """Answers searches over one store with one embedder."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        analyzer: Analyzer | None = None,
        params: RetrievalParams | None = None,
        *,
        rerank: bool = True,
    ) -> None:
        """``rerank``: use the learned re-ranker saved by ``kb train-reranker`` (when there is
        one) in the modes it is switched on for."""
        self.store = store
        self.embedder = embedder
        self.analyzer = analyzer or Analyzer()
        self.params = params or RetrievalParams.tuned()
        self.reranker = Reranker.load() if rerank else None
        self.artifacts = Artifacts(accents=None, glossary=None)
        self.titles = TitleIndex(())
        self._semantic: tuple[float, float] | None = None
        self.reload()

    def reload(self) -> None:
        """Load the accent model, glossary, standards catalogue and legal graph built at the
        last ingest, and the names of the stored laws."""
        self.artifacts = load_artifacts(self.store)
        self.titles = TitleIndex(self.store.list_documents())
        self.standards = StandardsLayer(StandardsIndex.load(self.store), self.store)
        self.graph = GraphIndex.load(self.store)
        self._provisions: dict[tuple[str, str], list[MentionOut]] = {}

    def plan(self, query: str) -> QueryPlan:
        return understand(query, accents=self.artifacts.accents, glossary=self.artifacts.glossary)

    def search(self, request: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        plan = (
            self.plan(request.q)
            if request.restore
            else understand(request.q, glossary=self.artifacts.glossary)  # exactly as typed
        )
        filters = request_filters(request)
        prepared = self.standards.prepare(plan)
        mode, waiting = self.usable_mode(request.mode)
        ranked, definitions = self.rank(prepared.plan, mode, filters)
        ranked = self.standards.arrange(prepared, ranked, filters)
        ranked = self.standards.refine(ranked, request)
        validity = ValidityLayer(self.graph, request.as_of)
        ranked = validity.keep(ranked, request.status)
        first = (request.page - 1) * request.k
        page = ranked[first : first + request.k]
        # a restored query marks its accented words only ("bo" must not mark "Bộ", "bổ", …);
        # a query left without diacritics marks by folded form
        marks = query_marks([plan.restored or plan.text])
        match_folded = not plan.has_diacritics and plan.restored is None
        hits = [
            HitOut(
                id=hit.chunk.id,
                score=round(hit.score, 6),
                heading=hit.chunk.heading,
                text=hit.chunk.text,
                snippet=snippet(hit.chunk.text, marks, match_folded=match_folded),
                citation=CitationOut.of(hit.chunk.citation),
                document=validity.document(hit),
                validity=validity.validity(hit),
                document_validity=validity.document_validity(hit),
                **self.standards.hit_fields(hit),
            )
            for hit in page
        ]
        return SearchResponse(
            query=request.q,
            mode=mode,
            semantic=waiting,
            took_ms=round((time.perf_counter() - started) * 1000, 2),
            total=len(ranked),
            restored_query=plan.restored,
            definitions=[DefinitionOut.of(t) for t in definitions],
            standard=prepared.card,
            applicability=self.standards.applicability(plan, self.provisions),
            hits=hits,
            facets=_facets(ranked)
            | {"status": validity.facet(ranked)}
            | self.standards.facets(ranked),
        )

    def provisions(self, query: str, phrase: str) -> list[MentionOut]:
        """The provisions of the legal texts that answer ``query`` and name ``phrase`` (in
        their title first), cached until the next reload: the procedures of an
        applicability answer."""
        collections = self.standards.index.text_collections
        if (query, phrase) not in self._provisions and collections:
            mode, _ = self.usable_mode("hybrid")
            ranked, _ = self.rank(self.plan(query), mode, Filters(collections=collections))
            chosen = naming(ranked, phrase)[:3]
            self._provisions[(query, phrase)] = [provision_out(h, query) for h in chosen]
        return self._provisions.get((query, phrase), [])

    def semantic_share(self) -> float:
        """The share of the stored chunks that have a vector (1.0 when all do), counted
        again at most every :data:`SEMANTIC_STATUS_TTL_S` seconds."""
        now = time.monotonic()
        if self._semantic is None or now - self._semantic[0] > SEMANTIC_STATUS_TTL_S:
            missing = self.store.count_missing_vectors()
            total = self.store.count() if missing else 0
            share = (total - missing) / total if total else 1.0
            self._semantic = (now, share)
        return self._semantic[1]

    def usable_mode(self, mode: Mode) -> tuple[Mode, SemanticWaitOut | None]:
        """``mode``, or lexical while some chunks still wait for their vector (dense search
        over part of the corpus would rank the embedded part first), with why."""
        if mode == "lexical":
            return mode, None
        share = self.semantic_share()
        if share >= 1.0:
            return mode, None
        return "lexical", SemanticWaitOut.of(mode, share)

    def rank(self, plan: QueryPlan, mode: Mode, filters: Filters) -> tuple[list[Hit], list[Term]]:
        """Every candidate unit in final order, and the definitions the query asks for."""
        pinned: list[Hit] = []
        definitions: list[Term] = []
        if plan.definition_term and self.artifacts.glossary is not None:
            definitions = self.artifacts.glossary.lookup(plan.definition_term)[:3]
            for term in definitions:
                article = self.store.browse(
                    replace(filters, doc_ids=[term.doc_id], articles=[term.article]), 50
                )
                holding = [hit for hit in article if _holds_clause(hit, term.clause)]
                pinned += (holding or article)[:1]
        scoped: list[Hit] = []
        if plan.article is not None and not plan.doc_refs:
            named = self.titles.find(plan.text)
            if named:
                pinned += self.store.browse(
                    replace(filters, doc_ids=named, articles=[plan.article.article]), 1
                )
        if plan.doc_refs:
            doc_filters = replace(filters, doc_keys=[ref.key for ref in plan.doc_refs])
            if plan.article is not None:
                pinned += self.store.browse(
                    replace(doc_filters, articles=[plan.article.article]), 1
                )
            if plan.residual.strip():
                scoped = self.retrieve(plan, mode, doc_filters)
            elif plan.article is None:
                scoped = best_per_unit(self.store.browse(doc_filters, self.params.candidates))
        general = self.retrieve(plan, mode, filters) if plan.residual.strip() else []
        return _merge(pinned, scoped, general), definitions

    def retrieve(self, plan: QueryPlan, mode: Mode, filters: Filters) -> list[Hit]:
        """Lexical, dense or fused units for the query's free text under ``filters``,
        re-ranked by the learned model where it is switched on for ``mode``."""
        found = self.candidates(plan, mode, filters)
        if self.reranker is not None and self.reranker.applies(mode):
            return self.reranker.rerank(plan, found)
        return found.ranked

    def candidates(self, plan: QueryPlan, mode: Mode, filters: Filters) -> Candidates:
        """The unit-level list of ``mode`` and the lexical and dense lists behind it."""
        k = self.params.candidates
        if mode == "lexical":
            lexical = best_per_unit(self.lexical_hits(plan, filters, k))
            return Candidates(lexical, lexical)
        if mode == "semantic":
            dense = best_per_unit(self.dense_hits(plan, filters, k))
            return Candidates(dense, [], dense)
        # the embedder runs in C without the GIL: embed while the lexical leg runs
        vector = self._embedding_pool.submit(self.query_vector, plan)
        lexical = best_per_unit(self.lexical_hits(plan, filters, k))
        dense = best_per_unit(self.store.dense(vector.result(), filters, k))
        fusion = (
            self.params.accented_fusion if plan.has_diacritics else self.params.unaccented_fusion
        )
        return Candidates(fuse(lexical, dense, fusion), lexical, dense)

    def lexical_query(self, plan: QueryPlan) -> LexicalQuery:
        """The lexical leg of a query, at most :data:`MAX_QUERY_TERMS` terms per field."""
        typed = self.analyzer.run(plan.residual)
        if plan.has_diacritics:
            return LexicalQuery(
                tokens=_capped(typed.tokens),
                folded=_capped(typed.folded),
                pairs=_capped(typed.pairs),
                weights=self.params.accented_weights,
            )
        restored = self.analyzer.run(plan.restored_residual) if plan.restored_residual else typed
        return LexicalQuery(
            tokens=_capped(restored.tokens),
            folded=_capped(typed.folded),
            pairs=_capped(restored.pairs),
            weights=self.params.unaccented_weights,
        )

    def lexical_hits(self, plan: QueryPlan, filters: Filters, k: int) -> list[Hit]:
        return self.store.lexical(self.lexical_query(plan), filters, k)

    def embedding_text(self, plan: QueryPlan) -> str:
        """What the embedder is given: the query's free text (restored when it was), at most
        :data:`MAX_EMBED_WORDS` words."""
        words = (plan.restored_residual or plan.residual).split()
        return " ".join(words[:MAX_EMBED_WORDS])

    def query_vector(self, plan: QueryPlan) -> np.ndarray:
        """The embedding of :meth:`embedding_text`."""
        return self.embedder.embed_query(self.embedding_text(plan))

    def dense_hits(self, plan: QueryPlan, filters: Filters, k: int) -> list[Hit]:
        return self.store.dense(self.query_vector(plan), filters, k)

    @cached_property
    def _embedding_pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=2, thread_name_prefix="embed")


def _holds_clause(hit: Hit, clause: str | None) -> bool:
    """Whether a chunk holds khoản ``clause`` (chunk clauses are "3" or ranges "1-4")."""
    held = hit.chunk.citation.clause
    if clause is None or held is None:
        return True
    first, _, last = held.partition("-")
    if not (clause.isdigit() and first.isdigit() and (last or first).isdigit()):
        return clause == held
    return int(first) <= int(clause) <= int(last or first)


def _merge(*groups: Sequence[Hit]) -> list[Hit]:
    """Concatenate ranked groups, keeping the first occurrence of each unit."""
    seen: set[str] = set()
    merged: list[Hit] = []
    for group in groups:
        for hit in group:
            key = unit_key(hit.chunk)
            if key not in seen:
                seen.add(key)
                merged.append(hit)
    return merged


def _facets(hits: Sequence[Hit]) -> dict[str, list[FacetCount]]:
    """Counts by document type, issuer and year over the candidate units."""
    fields = {
        "type": lambda h: h.document.type,
        "issuer": lambda h: h.document.issuer,
        "year": lambda h: str(h.document.year) if h.document.year else None,
    }
    facets: dict[str, list[FacetCount]] = {}
    for name, value_of in fields.items():
        counts = Counter(v for v in map(value_of, hits) if v)
        facets[name] = [FacetCount(value=v, count=c) for v, c in counts.most_common(20)]
    return facets


def make_service(settings: Settings) -> SearchService:
    """A search service over the store and embedder the settings name."""
    return SearchService(make_store(settings, dim=embedding_dim(settings)), make_embedder(settings))
