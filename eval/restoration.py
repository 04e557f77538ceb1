"""How well the corpus-trained accent model puts diacritics back on stripped questions.

``python -m eval.restoration [--set alqac --set vlsp] [--corpus-only]`` prints the figure
``kb eval`` reports ("Diacritic restoration, syllable accuracy over all … questions")
without indexing anything: the model is trained on the chunks ingest would store (heading
and text of every chunk, as :func:`indexer.artifacts.build_accents` reads them back), with
the question patterns unless ``--corpus-only``.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

from indexer.accents import AccentModel, corpus_model
from indexer.analysis import fold, normalize
from indexer.chunk import chunk_document
from indexer.models import ParsedDocument
from indexer.parse import parse_paths

_SYLLABLE = re.compile(r"[^\W\d_]+")


def syllable_accuracy(model: AccentModel, texts: Sequence[str]) -> float:
    """Share of alphabetic syllables restored exactly (case-insensitive) after folding."""
    right = total = 0
    for text in texts:
        gold = _SYLLABLE.findall(normalize(text).lower())
        restored = _SYLLABLE.findall(model.restore(fold(normalize(text))).lower())
        right += sum(g == r for g, r in zip(gold, restored, strict=True))
        total += len(gold)
    return right / total if total else 0.0


def chunk_texts(paths: Sequence[Path]) -> list[str]:
    """Heading and text of every chunk ingest would store for ``paths``."""
    documents = [d for d in parse_paths(list(paths)) if isinstance(d, ParsedDocument)]
    return [f"{c.heading}\n{c.text}" for d in documents for c in chunk_document(d)]


def main(argv: Sequence[str] | None = None) -> None:
    from eval.datasets import load_eval_set

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", dest="sets", help="alqac and/or vlsp")
    parser.add_argument("--corpus-only", action="store_true", help="no question patterns")
    args = parser.parse_args(argv)
    for name in args.sets or ["alqac", "vlsp"]:
        eval_set = load_eval_set(name)
        texts = chunk_texts(eval_set.corpus)
        model = AccentModel.train(texts) if args.corpus_only else corpus_model(texts)
        accuracy = syllable_accuracy(model, [q.text for q in eval_set.questions])
        print(f"{name}: {len(eval_set.questions)} questions, syllable accuracy {accuracy:.1%}")


if __name__ == "__main__":
    main()
