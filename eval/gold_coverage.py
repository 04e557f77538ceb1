"""Could the evidence rule drop a right answer? A bound that needs no embedding.

``python -m eval.gold_coverage [--set alqac --set vlsp]`` parses and chunks an eval
corpus as ingest would, trains the accent model as ingest does, and for every question
(typed, and stripped of diacritics then restored) measures the lexical coverage
(:meth:`search_api.evidence.QueryWords.coverage`) of each chunk of each gold unit. A gold
unit whose every chunk holds at least :data:`search_api.evidence.MIN_COVERAGE` is never
dropped, whatever its cosine; the rule removes hits after fusion without reordering the
rest, so when no gold unit can be dropped no rank metric can fall. It also prints the best
coverage any chunk reaches for the nonsense and hostile queries of :mod:`eval.noise_floor`.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from eval.datasets import load_eval_set
from eval.noise_floor import NOISE_QUERIES, random_noise
from indexer.accents import corpus_model
from indexer.analysis import fold
from indexer.chunk import chunk_document
from indexer.glossary import Glossary, extract_terms
from indexer.models import ParsedDocument
from indexer.parse import parse_paths
from search_api.evidence import MIN_COVERAGE, query_words
from search_api.fuse import unit_key
from search_api.query import understand


def report(name: str) -> None:
    eval_set = load_eval_set(name)
    documents = [d for d in parse_paths(list(eval_set.corpus)) if isinstance(d, ParsedDocument)]
    texts: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        for chunk in chunk_document(document):
            texts[unit_key(chunk)].append(f"{document.meta.title}\n{chunk.heading}\n{chunk.text}")
    accents = corpus_model(t.split("\n", 1)[1] for ts in texts.values() for t in ts)
    glossary = Glossary(t for d in documents for t in extract_terms(d))
    print(f"{name}: {len(eval_set.questions)} questions, {len(texts)} units")
    for variant in ("typed", "restored"):
        best: list[float] = []
        worst: list[float] = []
        for question in eval_set.questions:
            text = question.text if variant == "typed" else fold(question.text)
            plan = understand(text, accents=accents, glossary=glossary)
            words = query_words([plan.residual, plan.restored_residual or ""], accents)
            for gold in question.gold & texts.keys():
                coverages = [words.coverage(t) for t in texts[gold]]
                best.append(max(coverages))
                worst.append(min(coverages))
        below = sum(c < MIN_COVERAGE for c in worst)
        print(f"    lowest best-chunk coverages: {[round(c, 3) for c in sorted(best)[:8]]}")
        print(
            f"  {variant}: {len(best)} gold units; coverage of their best chunk p1 "
            f"{np.percentile(best, 1):.3f} p5 {np.percentile(best, 5):.3f} min {min(best):.3f}; "
            f"units with a chunk below {MIN_COVERAGE}: {below} (best chunk below: "
            f"{sum(c < MIN_COVERAGE for c in best)})"
        )
    noise = [*NOISE_QUERIES, *random_noise()]
    top = []
    for query in noise:
        plan = understand(query, accents=accents, glossary=glossary)
        words = query_words([plan.residual, plan.restored_residual or ""], accents)
        top.append(max(words.coverage(t) for ts in texts.values() for t in ts))
    for query, coverage in zip(noise, top, strict=True):
        if coverage >= MIN_COVERAGE / 2:
            print(f"    noise {query!r}: {coverage:.3f}")
    print(
        f"  noise ({len(noise)} queries): best coverage in any chunk max {max(top):.3f}, "
        f"p95 {np.percentile(top, 95):.3f}; queries with a chunk at {MIN_COVERAGE}+: "
        f"{sum(c >= MIN_COVERAGE for c in top)}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", dest="sets", help="alqac and/or vlsp")
    for name in parser.parse_args(argv).sets or ["alqac", "vlsp"]:
        report(name)


if __name__ == "__main__":
    main()
