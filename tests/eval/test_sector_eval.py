"""The sector set scored on a real index: per kind, gold keyed by the stored documents."""

from __future__ import annotations

from collections import Counter

from eval.sector_eval import ALL, eval_questions, score_run
from eval.sector_set import KINDS, load_sector_set
from indexer.embed.cache import CachedEmbedder
from indexer.store.base import Store
from search_api.service import SearchService


def test_report_half_scores_per_kind_on_the_field_corpus(
    field_lexical_store: Store, embedder: CachedEmbedder
) -> None:
    queries = [q for q in load_sector_set() if not q.tuning]
    questions = eval_questions(queries, field_lexical_store)
    stored = {hit.chunk.doc_id for hit in field_lexical_store.scan()}
    assert all(key.split("#")[0] in stored for q in questions for key in q.gold)
    service = SearchService(field_lexical_store, embedder, rerank=False)
    run = score_run(service, queries, questions, "lexical", collection="field")
    counts = Counter(q.kind for q in queries)
    assert run.by_kind[ALL].n == len(queries)
    assert {k: run.by_kind[k].n for k in KINDS} == dict(counts)
    # lexical search finds most judged articles in the field corpus, none of the kinds fails
    assert run.by_kind[ALL].recall_10 > 0.7
    assert min(run.by_kind[k].recall_10 for k in KINDS) > 0.4
    assert 0 < run.p50_ms <= run.p95_ms
