"""How well does the corpus-trained AccentModel put diacritics back on typed questions?

Trains on the ALQAC articles, strips the 731 questions (fold), restores them, and reports
syllable accuracy, restore latency, model size, then BM25 MRR@10 for accented questions,
stripped questions against the folded index, and stripped+restored questions. The Zalo
questions (3,196, other legal domains) show accuracy outside the training domain.
``--scale`` also trains on every article of the pháp-điển archive (≈62k articles) to time
training at production size.

Run: ``.venv/bin/python -m eval.experiments.accent_restoration [--scale]``.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import statistics
import tarfile
import time
from collections.abc import Iterator, Sequence

from eval.experiments.alqac import Bm25Index, articles, mrr_at_10, questions, raw_dir
from indexer.accents import AccentModel
from indexer.analysis import Analyzer, fold, normalize

_SYLLABLE = re.compile(r"[^\W\d_]+")


def syllable_accuracy(model: AccentModel, texts: Sequence[str]) -> tuple[float, float, list[float]]:
    """(accuracy after restoring, accuracy of the stripped text, per-text latencies in s)."""
    right = base = total = 0
    latencies = []
    for text in texts:
        gold = _SYLLABLE.findall(normalize(text).lower())
        stripped = fold(normalize(text))
        start = time.perf_counter()
        restored = model.restore(stripped)
        latencies.append(time.perf_counter() - start)
        got = _SYLLABLE.findall(restored.lower())
        right += sum(g == r for g, r in zip(gold, got, strict=True))
        base += sum(g == s for g, s in zip(gold, _SYLLABLE.findall(stripped.lower()), strict=True))
        total += len(gold)
    return right / total, base / total, latencies


def zalo_questions() -> list[str]:
    with gzip.open(raw_dir() / "zalo2021_questions/zalo_question.json.gz", "rt") as f:
        return [q["text"] for q in json.load(f)]


def phapdien_articles() -> Iterator[str]:
    """Texts of the pháp-điển archive, one per Điều (crude tag stripping; timing only)."""
    with tarfile.open(raw_dir() / "phapdien/phapdien_demuc_html_301.tar.xz") as tar:
        for member in tar:
            f = tar.extractfile(member)
            if f is None:
                continue
            page = f.read().decode("utf-8", errors="replace")
            for part in re.split(r"<p class='pDieu'>", page)[1:]:
                yield html.unescape(re.sub(r"<[^>]+>", " ", part))


def report_accuracy(name: str, model: AccentModel) -> None:
    alqac = [q.text for q in questions()]
    acc, base, lat = syllable_accuracy(model, alqac)
    zacc, zbase, _ = syllable_accuracy(model, zalo_questions())
    ms = sorted(x * 1000 for x in lat)
    print(
        f"{name:34s} ALQAC {acc:.2%} (stripped {base:.2%})  Zalo {zacc:.2%} (stripped {zbase:.2%})"
        f"  restore mean {statistics.mean(ms):.2f} ms, p95 {ms[int(0.95 * len(ms))]:.2f} ms"
    )


def report_bm25(model: AccentModel) -> None:
    analyzer = Analyzer()
    docs = [(a.id, analyzer.run(a.text)) for a in articles()]
    accented = Bm25Index([(i, d.tokens) for i, d in docs])
    folded = Bm25Index([(i, d.folded) for i, d in docs])
    qs = [q.text for q in questions()]
    rows = {
        "accented questions, accented index": (
            accented,
            [analyzer.run(q).tokens for q in qs],
        ),
        "stripped questions, folded index": (
            folded,
            [analyzer.run(fold(q)).folded for q in qs],
        ),
        "stripped+restored, accented index": (
            accented,
            [analyzer.run(model.restore(fold(normalize(q)))).tokens for q in qs],
        ),
    }
    for name, (index, query_tokens) in rows.items():
        print(f"BM25 MRR@10 {name:36s} {mrr_at_10(index, query_tokens):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", action="store_true", help="also time training on ≈62k articles")
    args = parser.parse_args()
    texts = [a.text for a in articles()]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    model = AccentModel.train(texts)
    print(
        f"trained on {len(texts)} articles ({words} words) in {time.perf_counter() - start:.2f} s"
    )
    data = model.to_bytes()
    start = time.perf_counter()
    model = AccentModel.from_bytes(data)
    print(
        f"model {len(data) / 1024:.0f} KiB, loaded in {1000 * (time.perf_counter() - start):.0f} ms"
    )
    report_accuracy("bigrams only (trigrams pruned)", AccentModel.train(texts, min_trigram=10**9))
    report_accuracy("trigrams, count >= 1", AccentModel.train(texts, min_trigram=1))
    report_accuracy("trigrams, count >= 2 (default)", model)
    report_bm25(model)
    if args.scale:
        big = list(phapdien_articles())
        words = sum(len(t.split()) for t in big)
        start = time.perf_counter()
        scaled = AccentModel.train(big)
        took = time.perf_counter() - start
        size = len(scaled.to_bytes()) / 2**20
        print(
            f"pháp điển: {len(big)} articles, {words} words: trained in {took:.1f} s, "
            f"{size:.1f} MiB"
        )
        report_accuracy("trained on pháp điển", scaled)


if __name__ == "__main__":
    main()
