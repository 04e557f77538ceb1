"""Lucene's BM25, reproduced so the embedded store ranks exactly like OpenSearch.

OpenSearch scores a `match` query as a sum over query terms of Lucene's BM25 — its default
``LegacyBM25Similarity``, which keeps the classic (k1 + 1) factor — with k1 = 1.2, b = 0.75,
idf = log(1 + (N - n + 0.5) / (n + 0.5)), and the document length
stored in one lossy byte (``SmallFloat.intToByte4``: exact below 24 tokens, 4 significant
bits above). The embedded store's engine, tantivy, computes the same; the tests check it
against this reproduction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

K1 = np.float32(1.2)
B = np.float32(0.75)

_FREE_VALUES = 24  # 255 - longToInt4(Integer.MAX_VALUE)


def _long_to_int4(value: int) -> int:
    bits = value.bit_length()
    if bits < 4:
        return value
    shift = bits - 4
    return ((value >> shift) & 0x07) | ((shift + 1) << 3)


def _int4_to_long(value: int) -> int:
    shift = (value >> 3) - 1
    return value & 0x07 if shift == -1 else ((value & 0x07) | 0x08) << shift


def encode_length(length: int) -> int:
    """The norm byte Lucene stores for a field of ``length`` tokens."""
    if length < _FREE_VALUES:
        return length
    return _FREE_VALUES + _long_to_int4(length - _FREE_VALUES)


def decode_length(norm: int) -> int:
    """The length Lucene reads back from a norm byte."""
    if norm < _FREE_VALUES:
        return norm
    return _FREE_VALUES + _int4_to_long(norm - _FREE_VALUES)


def stored_length(length: int) -> int:
    """A field length as Lucene sees it at query time (after the lossy byte)."""
    return decode_length(encode_length(length))


def idf(doc_freq: int, doc_count: int) -> np.float32:
    """log(1 + (N - n + 0.5) / (n + 0.5)), as a float32."""
    return np.float32(math.log(1 + (doc_count - doc_freq + 0.5) / (doc_freq + 0.5)))


@dataclass(frozen=True)
class FieldStats:
    """Collection statistics of one field: documents that have it and their total length."""

    doc_count: int
    total_length: int

    @property
    def average_length(self) -> np.float32:
        return np.float32(self.total_length / self.doc_count) if self.doc_count else np.float32(1)


def _inverse_norms(lengths: Sequence[int], stats: FieldStats) -> np.ndarray:
    """1 / (k1 · (1 − b + b · dl / avgdl)) for field lengths as Lucene stores them."""
    dl = np.asarray([stored_length(n) for n in lengths], dtype=np.float32)
    return np.float32(1) / (K1 * ((np.float32(1) - B) + B * dl / stats.average_length))


def _saturated(
    freq: np.ndarray, inverse_norm: np.ndarray, doc_freq: int, stats: FieldStats, boost: float
) -> np.ndarray:
    weight = np.float32(boost) * (np.float32(1) + K1) * idf(doc_freq, stats.doc_count)
    return weight - weight / (np.float32(1) + freq * inverse_norm)


def term_score(
    freq: int, length: int, doc_freq: int, stats: FieldStats, boost: float
) -> np.float32:
    """One term's BM25 score in one document field, with Lucene's float32 arithmetic."""
    frequency = np.asarray([freq], dtype=np.float32)
    scores = _saturated(frequency, _inverse_norms([length], stats), doc_freq, stats, boost)
    return np.float32(scores[0])


def field_scores(
    texts: Sequence[str],
    lengths: Sequence[int],
    query_terms: Iterable[str],
    doc_freqs: dict[str, int],
    stats: FieldStats,
    boost: float,
) -> list[float]:
    """:func:`field_score` of many fields at once, each given as its space-separated tokens
    and its token count: the same float32 arithmetic and the same order of additions, one
    vector operation per query term."""
    if not texts:
        return []
    # every token between two spaces of its own, so str.count finds each occurrence
    padded = [f" {text.replace(' ', '  ')} " for text in texts]
    inverse_norm = _inverse_norms(lengths, stats)
    totals = np.zeros(len(texts), dtype=np.float64)
    for term in dict.fromkeys(query_terms):
        needle = f" {term} "
        freq = np.asarray([text.count(needle) for text in padded], dtype=np.float32)
        if freq.any():
            scores = _saturated(freq, inverse_norm, doc_freqs.get(term, 1), stats, boost)
            totals += np.where(freq > 0, scores.astype(np.float64), 0.0)
    return [float(total) for total in totals]


def field_score(
    tokens: Sequence[str],
    query_terms: Iterable[str],
    doc_freqs: dict[str, int],
    stats: FieldStats,
    boost: float,
) -> float:
    """Sum of the term scores of ``query_terms`` (distinct) over one field's ``tokens``."""
    return field_scores([" ".join(tokens)], [len(tokens)], query_terms, doc_freqs, stats, boost)[0]
