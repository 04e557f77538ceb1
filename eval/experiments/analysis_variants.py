"""Which tokens should the index hold? BM25 MRR@10 on ALQAC for tokenisation variants.

Each variant gives the tokens of articles and of questions; "stripped" rows type the
questions without diacritics and search a folded index (the path of an unaccented query).
Run: ``.venv/bin/python -m eval.experiments.analysis_variants [--throughput]``.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Sequence
from functools import cache

from eval.experiments.alqac import articles, evaluate, questions
from indexer.analysis import Analyzer, fold, normalize, segment, word_tokens

Tokenize = Callable[[str], Sequence[str]]
_SYLLABLE = re.compile(r"[^\W_]+")


def raw(text: str) -> list[str]:
    """Syllables: runs of letters/digits of the lower-cased text (no segmentation)."""
    return _SYLLABLE.findall(normalize(text).lower())


@cache
def pyvi(text: str) -> tuple[str, ...]:
    """pyvi words only: segmentation of the cased text, lower-cased afterwards."""
    return tuple(word_tokens(segment(normalize(text))))


def pyvi_lowercased_input(text: str) -> list[str]:
    return word_tokens(segment(normalize(text).lower()))


def words_and_all_syllables(text: str) -> list[str]:
    """pyvi words followed by every syllable of the text (single-syllable words twice)."""
    return [*pyvi(text), *raw(text)]


@cache
def analyzer(text: str) -> tuple[str, ...]:
    """The chosen analysis: pyvi words, then the syllables of the compound words."""
    return tuple(Analyzer().run(text).tokens)


def folded(tokenize: Tokenize) -> Tokenize:
    return lambda text: [fold(t) for t in tokenize(text)]


def stripped(tokenize: Tokenize) -> Tokenize:
    """The question typed without diacritics, analysed the same way, folded."""
    return lambda text: [fold(t) for t in tokenize(fold(text))]


VARIANTS: dict[str, tuple[Tokenize, Tokenize]] = {
    "raw syllables": (raw, raw),
    "pyvi, cased input": (pyvi, pyvi),
    "pyvi, lower-cased input": (pyvi_lowercased_input, pyvi_lowercased_input),
    "pyvi + syllables of compounds (Analyzer)": (analyzer, analyzer),
    "pyvi + all syllables": (words_and_all_syllables, words_and_all_syllables),
    "index Analyzer, query pyvi words only": (analyzer, pyvi),
    "folded index, folded query: raw": (folded(raw), folded(raw)),
    "folded index, folded query: pyvi": (folded(pyvi), folded(pyvi)),
    "folded index, folded query: Analyzer": (folded(analyzer), folded(analyzer)),
    "stripped question: raw": (folded(raw), stripped(raw)),
    "stripped question: pyvi": (folded(pyvi), stripped(pyvi)),
    "stripped question: Analyzer": (folded(analyzer), stripped(analyzer)),
}


def throughput() -> None:
    """Analyzer speed over every article of the pháp-điển archive (≈62k articles)."""
    from eval.experiments.accent_restoration import phapdien_articles

    texts = list(phapdien_articles())
    words = sum(len(t.split()) for t in texts)
    analyzer = Analyzer()
    analyzer.run("khởi động")
    start = time.perf_counter()
    tokens = sum(len(analyzer.run(t).tokens) for t in texts)
    took = time.perf_counter() - start
    print(
        f"Analyzer: {len(texts)} texts, {words} words, {tokens} tokens in {took:.1f} s "
        f"= {words / took:,.0f} words/s on one core"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--throughput", action="store_true", help="time the Analyzer at scale")
    if parser.parse_args().throughput:
        throughput()
        return
    print(f"{len(articles())} articles, {len(questions())} questions; BM25 MRR@10")
    for name, (doc_tokens, query_tokens) in VARIANTS.items():
        start = time.perf_counter()
        score = evaluate(doc_tokens, query_tokens)
        print(f"{name:45s} {score:.3f}   ({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
