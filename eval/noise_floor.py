"""Calibrate the evidence a hit needs (:mod:`search_api.evidence`) on the eval sets.

``python -m eval.noise_floor [--set alqac --set vlsp --set field]`` reads the embedded
stores ``kb eval`` (``eval-alqac``, ``eval-vlsp``) and ``kb ingest`` (``field``: the
default store) left in ``KB_HOME`` and prints, per corpus:

- the **noise floor**: the best dense cosine and the best lexical coverage of the hits of
  nonsense and hostile queries (:data:`NOISE_QUERIES`), which no hit should survive;
- for the real questions (ALQAC, VLSP, and the sector set over the field corpus), typed
  and stripped of diacritics then restored: how their gold
  units score (cosine when in the dense top 100, coverage), and how many gold units in the
  hybrid top 10 the evidence rule would drop.
"""

from __future__ import annotations

import argparse
import random
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from eval.datasets import EvalQuestion, load_eval_set
from eval.quality import DEPTH
from eval.sector_set import load_sector_set
from indexer.analysis import fold
from indexer.embed import make_embedder
from indexer.settings import get_settings
from indexer.store.base import Filters, Hit
from indexer.store.sqlite import SqliteStore
from search_api import evidence
from search_api.fuse import unit_key
from search_api.query import QueryPlan
from search_api.service import SearchService

#: Queries no hit should survive: keyboard noise, random letters, markup and injections.
NOISE_QUERIES: tuple[str, ...] = (
    "zzxxqq", "asdfgh", "qwertyuiop", "mnbvcxz", "hjkl hjkl", "aaaaaaaa", "xyzzy plugh",
    "lorem ipsum dolor sit amet", "foo bar baz", "blah blah blah", "kkkkk jjjjj",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    "' OR 1=1 --", "'; DROP TABLE chunks; --", "../../etc/passwd", "{{7*7}}",
    "${jndi:ldap://x.y/z}", "javascript:alert(document.cookie)", "%00%0a%0d", "\" onmouseover=\"x",
)  # fmt: skip


def random_noise(count: int = 30, seed: int = 7) -> list[str]:
    """``count`` strings of one to three random lower-case "words" (a fixed seed)."""
    rng = random.Random(seed)
    return [
        " ".join(
            "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9)))
            for _ in range(rng.randint(1, 3))
        )
        for _ in range(count)
    ]


@dataclass
class Probe:
    """What one query's candidates look like to the evidence rule."""

    best_cosine: float
    best_coverage: float
    kept: int


def probe(service: SearchService, plan: QueryPlan, filters: Filters) -> Probe:
    """The best dense cosine and coverage among the hybrid candidates of ``plan``."""
    k = service.params.candidates
    dense = service.store.dense(service.query_vector(plan), filters, k)
    lexical = service.store.lexical(service.lexical_query(plan), filters, k)
    words = service.query_words(plan)
    coverages = [words.coverage(_text(h)) for h in [*lexical, *dense]]
    kept = service.retrieve(plan, "hybrid", filters)
    return Probe(
        best_cosine=max((h.score for h in dense), default=0.0),
        best_coverage=max(coverages, default=0.0),
        kept=len(kept),
    )


def _text(hit: Hit) -> str:
    return f"{hit.document.title}\n{hit.chunk.heading}\n{hit.chunk.text}"


def gold_scores(
    service: SearchService, plan: QueryPlan, question: EvalQuestion, filters: Filters
) -> tuple[list[float], list[float], int, int]:
    """Cosines and coverages of the gold units found, and how many gold units are in the
    top 10 without and with the evidence rule."""
    k = service.params.candidates
    dense = evidence.dense_by_unit(service.store.dense(service.query_vector(plan), filters, k))
    lexical = service.store.lexical(service.lexical_query(plan), filters, k)
    words = service.query_words(plan)
    cosines = [dense[g] for g in question.gold if g in dense]
    coverages = [words.coverage(_text(h)) for h in lexical if unit_key(h.chunk) in question.gold]
    gated = [unit_key(h.chunk) for h in service.retrieve(plan, "hybrid", filters)[:DEPTH]]
    ungated = service.retrieve(plan, "hybrid", filters, gated=False)
    plain = [unit_key(h.chunk) for h in ungated[:DEPTH]]
    return cosines, coverages, len(question.gold & set(plain)), len(question.gold & set(gated))


def sector_questions(store: SqliteStore) -> list[EvalQuestion]:
    """The sector set (eval/sets/sector.jsonl), judged over the field corpus."""
    doc_ids = {m.number: m.id for m in store.list_documents() if m.number}
    return [EvalQuestion(q.id, q.text, q.gold(doc_ids)) for q in load_sector_set()]


def _pct(values: Sequence[float], q: float) -> str:
    return f"{np.percentile(values, q):.3f}" if values else "–"


def report_noise(service: SearchService, filters: Filters) -> None:
    probes = [probe(service, service.plan(q), filters) for q in (*NOISE_QUERIES, *random_noise())]
    cosines = [p.best_cosine for p in probes]
    coverages = [p.best_coverage for p in probes]
    print(f"  noise ({len(probes)} queries): best cosine max {max(cosines):.3f}", end=" ")
    print(f"p95 {_pct(cosines, 95)} median {_pct(cosines, 50)}", end="; ")
    print(f"best coverage max {max(coverages):.3f} p95 {_pct(coverages, 95)}", end="; ")
    print(f"queries with any hit kept: {sum(p.kept > 0 for p in probes)}")


def report_questions(
    service: SearchService, questions: Sequence[EvalQuestion], filters: Filters
) -> None:
    for variant, planner in (("typed", service.plan), ("restored", _restored(service))):
        cosines: list[float] = []
        coverages: list[float] = []
        plain = gated = 0
        for question in questions:
            plan = planner(question.text)
            if not plan.residual.strip():
                continue  # a number or an article only: answered without retrieval
            c, v, p, g = gold_scores(service, plan, question, filters)
            cosines += c
            coverages += v
            plain, gated = plain + p, gated + g
        print(f"  {variant}: gold cosine p1 {_pct(cosines, 1)} p5 {_pct(cosines, 5)}", end=" ")
        print(f"median {_pct(cosines, 50)}; gold coverage p1 {_pct(coverages, 1)}", end=" ")
        print(f"p5 {_pct(coverages, 5)}; gold units in hybrid top 10: {plain} → {gated}")


def _restored(service: SearchService) -> Callable[[str], QueryPlan]:
    return lambda text: service.plan(fold(text))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", dest="sets", help="alqac, vlsp, field")
    args = parser.parse_args(argv)
    settings = get_settings()
    embedder = make_embedder(settings)
    for name in args.sets or ["alqac", "vlsp", "field"]:
        if name == "field":
            store, filters = SqliteStore(settings.embedded_store_dir), Filters()
            questions = sector_questions(store)
        else:
            eval_set = load_eval_set(name)
            store = SqliteStore(settings.home / "stores" / eval_set.collection)
            questions, filters = (
                list(eval_set.questions),
                Filters(collections=[eval_set.collection]),
            )
        service = SearchService(store, embedder)
        print(f"{name}:")
        report_noise(service, filters)
        if questions:
            report_questions(service, questions, filters)
        store.close()


if __name__ == "__main__":
    main()
