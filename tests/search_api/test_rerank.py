"""The learned re-ranker on the real field corpus (lexical-only index): its features read the
hits as they are, a model trained on real candidate lists puts judged articles higher, and a
saved model comes back identical or not at all."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from eval.rerank_latency import TimedReranker
from eval.sector_eval import eval_questions
from eval.sector_set import load_sector_set
from indexer.analysis import fold
from indexer.embed.cache import CachedEmbedder
from indexer.store.base import Filters, Store
from search_api.fuse import unit_key
from search_api.rerank import Candidates, Reranker, train
from search_api.rerank_features import FEATURES, feature_matrix, syllables
from search_api.service import SearchService


@pytest.fixture(scope="module")
def service(field_lexical_store: Store, embedder: CachedEmbedder) -> SearchService:
    return SearchService(field_lexical_store, embedder, rerank=False)


def column(rows: np.ndarray, name: str) -> np.ndarray:
    return rows[:, FEATURES.index(name)]


def candidates(service: SearchService, query: str) -> tuple[Candidates, np.ndarray]:
    plan = service.plan(query)
    found = service.candidates(plan, "lexical", Filters())
    return found, feature_matrix(plan, found.ranked[:40], found.lexical, found.dense)


def test_features_read_titles_documents_and_definitions(service: SearchService) -> None:
    found, rows = candidates(service, "giải thích từ ngữ trong luật đo lường")
    assert rows.shape == (min(40, len(found.ranked)), len(FEATURES))
    labels = [h.chunk.heading.rsplit(" › ", 1)[-1] for h in found.ranked[:40]]
    definition = column(rows, "definition_article")
    assert {bool(d) for d in definition} == {True, False}
    for label, flag in zip(labels, definition, strict=True):
        assert flag == ("giải thích từ ngữ" in label.lower()), label
    # a title holding every word of the query covers it wholly; others only in part
    named, short = candidates(service, "đơn vị đo pháp định")
    covers = column(short, "title_cover")
    titles = [h.chunk.heading.rsplit(" › ", 1)[-1].lower() for h in named.ranked[:40]]
    holding = [i for i, title in enumerate(titles) if "đơn vị đo pháp định" in title]
    assert holding and all(covers[i] == pytest.approx(1.0) for i in holding)
    assert min(covers) < 0.5
    assert column(rows, "has_dense").max() == 0.0  # lexical only: no vectors, no dense list
    # document evidence: shares of one document are equal and sum to its count
    doc_ids = [h.chunk.doc_id for h in found.ranked[:40]]
    shares = column(rows, "doc_share")
    for doc_id in set(doc_ids):
        mine = shares[[i for i, d in enumerate(doc_ids) if d == doc_id]]
        assert np.allclose(mine, len(mine) / len(doc_ids))
    # the field đề mục (19.x) appear as topics of the pháp-điển articles
    assert column(rows, "has_topic").min() == 1.0
    assert column(rows, "topic_share").max() > 0.3


def test_unaccented_query_reads_the_restored_words(service: SearchService) -> None:
    _, typed = candidates(service, "đơn vị đo pháp định")
    _, bare = candidates(service, "don vi do phap dinh")
    assert column(typed, "has_diacritics").max() == 1.0
    assert column(bare, "has_diacritics").max() == 0.0
    assert column(bare, "restored").max() == 1.0
    assert column(bare, "title_cover").max() == pytest.approx(1.0)


def groups(service: SearchService, tuning: bool) -> list[tuple[np.ndarray, np.ndarray]]:
    queries = [q for q in load_sector_set() if q.tuning == tuning]
    found = []
    for question in eval_questions(queries, service.store):
        plan = service.plan(question.text)
        if not plan.residual.strip():
            continue
        ranked = service.candidates(plan, "lexical", Filters())
        rows = feature_matrix(plan, ranked.ranked[:40], ranked.lexical, ranked.dense)
        labels = np.array([unit_key(h.chunk) in question.gold for h in ranked.ranked[:40]])
        found.append((rows, labels.astype(float)))
    return found


def test_a_trained_model_ranks_judged_articles_higher(
    service: SearchService, tmp_path: Path
) -> None:
    model = train(groups(service, tuning=True), ["lexical"])

    def mean_first_relevant(score_of: int) -> float:
        ranks = []
        for rows, labels in groups(service, tuning=False):
            if not labels.any():
                continue
            scores = model.booster.predict(rows) if score_of else -np.arange(len(labels))
            order = np.argsort(-scores, kind="stable")
            ranks.append(1.0 / (1 + int(np.flatnonzero(labels[order])[0])))
        return float(np.mean(ranks))

    # on the report half, never trained on: the model's order beats retrieval order
    assert mean_first_relevant(1) > mean_first_relevant(0)
    path = tmp_path / "reranker.json"
    model.save(path)
    loaded = Reranker.load(path)
    assert loaded is not None and loaded.modes == ("lexical",)
    rows, _ = groups(service, tuning=False)[0]
    assert np.allclose(loaded.booster.predict(rows), model.booster.predict(rows))
    stale = json.loads(path.read_text("utf-8")) | {"feature_version": -1}
    path.write_text(json.dumps(stale), "utf-8")
    assert Reranker.load(path) is None


def test_rerank_keeps_every_candidate_and_orders_scores(service: SearchService) -> None:
    model = train(groups(service, tuning=True), ["lexical"])
    plan = service.plan("kiểm định phương tiện đo nhóm 2")
    found = service.candidates(plan, "lexical", Filters())
    reranked = model.rerank(plan, found)
    assert [unit_key(h.chunk) for h in reranked[40:]] == [
        unit_key(h.chunk) for h in found.ranked[40:]
    ]
    assert sorted(unit_key(h.chunk) for h in reranked) == sorted(
        unit_key(h.chunk) for h in found.ranked
    )
    scores = [h.score for h in reranked]
    assert scores == sorted(scores, reverse=True)
    service.reranker = model
    try:
        assert service.reranker.applies("lexical") and not service.reranker.applies("hybrid")
        hits, _ = service.rank(plan, "lexical", Filters())
        assert [unit_key(h.chunk) for h in hits[:5]] == [unit_key(h.chunk) for h in reranked[:5]]
    finally:
        service.reranker = None


def test_the_timed_reranker_orders_as_the_saved_model_and_times_each_call(
    service: SearchService,
) -> None:
    model = Reranker.load()
    assert model is not None, "search_api/reranker.json ships with the package"
    timed = TimedReranker(model.booster, ("lexical",), model.depth)
    plan = service.plan("kiểm định phương tiện đo nhóm 2")
    found = service.candidates(plan, "lexical", Filters())
    assert len(found.ranked) > 10
    ordered = [hit.chunk.id for hit in timed.rerank(plan, found)]
    assert ordered == [hit.chunk.id for hit in model.rerank(plan, found)]
    assert len(timed.times) == 1 and timed.times[0] > 0


def test_syllables_are_those_of_the_folded_text(field_lexical_store: Store) -> None:
    """Cutting words first and folding each gives the syllables of cutting the folded text,
    on every chunk of the field corpus and on strings built to tell them apart."""
    odd = [
        "a\u0301b \u0301 KHOẢN_2 Điều 5 İstanbul ǅ ﬁ x² Ｆｕｌｌ ½ ß",
        "Cu\u0309a ho\u0300a, Q\u0110-BKHCN; TCVN 6165:2009 (ISO/IEC 17025)",
    ]
    texts = odd + [t for h in field_lexical_store.scan() for t in (h.chunk.text, h.chunk.heading)]
    assert len(texts) > 2000
    for text in texts:
        assert syllables(text) == re.findall(r"\w+", fold(text).lower()), text[:80]
