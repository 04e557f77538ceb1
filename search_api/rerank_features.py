"""Features of the learned re-ranker: one row per candidate unit of a query, computed from the
hits alone (their scores, heading, text and document), so they are the same on every store.

Word evidence is counted on folded syllables (no pyvi at query time), each query syllable
weighted by how rare it is among the candidates, so "đo lường" in an article title counts
more than "quy định". Document-level evidence (how many of the candidates come from the
same document, how strongly) and the đề mục of the article (the first two parts of its
pháp-điển code; how many of the top candidates share it) let the model learn which
neighbourhood of the archive a query is about, as a soft signal rather than a filter.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

from indexer.analysis import fold, fold_word
from indexer.store.base import Hit
from search_api.fuse import unit_key
from search_api.query import QueryPlan

#: Bumped whenever a feature is added, removed or changes meaning: a model trained on
#: another version is not used.
FEATURE_VERSION = 2
_SEPARATOR = " › "
#: A word and any combining marks inside it: folding drops the marks, so "a\u0301b" is "ab".
_TOKEN = re.compile(r"[\w\u0300-\u036f]+")
_TOPIC_WINDOW = 10
#: Document types by level, matched on the folded, lower-cased type.
_LEVELS = (
    ("hien phap", 5),
    ("bo luat", 4),
    ("luat", 4),
    ("phap lenh", 3),
    ("nghi quyet", 3),
    ("nghi dinh", 2),
    ("quyet dinh", 1.5),
    ("thong tu", 1),
)
_DEFINITION = ("giai thich tu ngu", "dinh nghia", "khai niem")
_SCOPE = ("pham vi dieu chinh", "doi tuong ap dung")
_QUESTION = re.compile(r"\b(?:khong|gi|nao|bao nhieu|bao lau|the nao|ra sao|ai)\b")

FEATURES = (
    "fused_score",
    "fused_rank",
    "lexical_score",
    "lexical_rank",
    "dense_score",
    "dense_gap",
    "dense_rank",
    "has_dense",
    "title_cover",
    "doc_title_cover",
    "text_cover",
    "bigram_cover",
    "title_bigram_cover",
    "doc_share",
    "doc_mass",
    "doc_best_rank",
    "doc_position",
    "topic_share",
    "has_topic",
    "doc_level",
    "definition_article",
    "definition_query",
    "definition_match",
    "scope_article",
    "has_diacritics",
    "restored",
    "question_cue",
    "query_length",
    "article_number",
    "text_length",
)


def syllables(text: str) -> list[str]:
    """Folded, lower-cased syllables of ``text``: the words are cut first and folded one by
    one (:func:`~indexer.analysis.fold_word`, cached); the same syllables as
    cutting the folded text, a quarter faster than folding every character."""
    words = _TOKEN.findall(unicodedata.normalize("NFC", text).lower())
    return list(filter(None, map(fold_word, words)))


def _bigrams(words: Sequence[str]) -> frozenset[tuple[str, str]]:
    """Adjacent syllable pairs: tuples of the (cached, already hashed) syllables cost a
    third less to build than joining each pair into a new string."""
    return frozenset(pairwise(words))


@dataclass(frozen=True)
class _Words:
    """The syllables of a text, as a set and as a set of adjacent pairs."""

    joined: str
    count: int
    words: frozenset[str]
    bigrams: frozenset[tuple[str, str]]


@lru_cache(maxsize=16384)
def _words(text: str) -> _Words:
    """Chunk texts come back from the store query after query: each is read once."""
    found = syllables(text)
    return _Words(" ".join(found), len(found), frozenset(found), _bigrams(found))


@dataclass(frozen=True)
class _Unit:
    """What the features read from one candidate."""

    hit: Hit
    title: _Words
    doc_title: _Words
    text: _Words
    topic: str | None


def _unit(hit: Hit) -> _Unit:
    parts = (hit.chunk.code or "").split(".")
    return _Unit(
        hit=hit,
        title=_words(hit.chunk.heading.split(_SEPARATOR)[-1]),
        doc_title=_words(f"{hit.document.title} {hit.document.number or ''}"),
        text=_words(hit.chunk.text),
        topic=".".join(parts[:2]) if len(parts) >= 2 else None,
    )


@lru_cache(maxsize=256)
def _level(doc_type: str | None) -> float:
    folded = fold(doc_type or "").lower()
    return next((level for prefix, level in _LEVELS if folded.startswith(prefix)), 0.0)


def _cover(found: Iterable[str], idf: dict[str, float], total: float) -> float:
    """The idf-weighted share of the query syllables that were ``found``."""
    return sum(map(idf.__getitem__, found)) / total if total else 0.0


def _share(found: Set[object], wanted: Set[object]) -> float:
    return len(found) / len(wanted) if wanted else 0.0


def _ranks(hits: Sequence[Hit]) -> dict[str, tuple[int, float]]:
    return {unit_key(h.chunk): (rank, h.score) for rank, h in enumerate(hits, start=1)}


def _query_row(plan: QueryPlan, query: Sequence[str], has_dense: bool) -> dict[str, float]:
    folded = fold(plan.text).lower()
    return {
        "has_dense": float(has_dense),
        "definition_query": float(plan.definition_term is not None),
        "has_diacritics": float(plan.has_diacritics),
        "restored": float(plan.restored is not None),
        "question_cue": float(bool(_QUESTION.search(folded)) or "?" in folded),
        "query_length": math.log1p(len(query)),
    }


def feature_matrix(
    plan: QueryPlan, candidates: Sequence[Hit], lexical: Sequence[Hit], dense: Sequence[Hit]
) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate (in order); ``lexical`` and ``dense`` are
    the unit-level lists the candidates were fused from (``dense`` empty without vectors)."""
    units = [_unit(hit) for hit in candidates]
    asked_syllables = syllables(plan.restored_residual or plan.residual)
    query = list(dict.fromkeys(asked_syllables))
    wanted = _bigrams(asked_syllables)
    asked = frozenset(query)
    # Set intersections with the (short) query first: the texts' own sets are never copied.
    found = [(u.text.words & asked) | (u.title.words & asked) for u in units]
    df = Counter(w for words in found for w in words)
    idf = {w: math.log(1 + (len(units) + 1) / (1 + df[w])) for w in query}
    total = sum(idf.values())
    head = _query_row(plan, query, bool(dense))
    lexical_ranks, dense_ranks = _ranks(lexical), _ranks(dense)
    top_fused = max((h.score for h in candidates), default=0.0) or 1.0
    top_lexical = lexical[0].score if lexical else 1.0
    top_dense = dense[0].score if dense else 0.0
    docs = _document_stats(candidates, top_fused)
    topics = Counter(u.topic for u in units[:_TOPIC_WINDOW] if u.topic)
    rows = []
    for rank, (unit, words) in enumerate(zip(units, found, strict=True), start=1):
        key = unit_key(unit.hit.chunk)
        lex_rank, lex_score = lexical_ranks.get(key, (0, 0.0))
        den_rank, den_score = dense_ranks.get(key, (0, 0.0))
        share, mass, best, position = docs[unit.hit.chunk.doc_id][key]
        definition = float(any(cue in unit.title.joined for cue in _DEFINITION))
        row = head | {
            "fused_score": unit.hit.score / top_fused,
            "fused_rank": 1.0 / rank,
            "lexical_score": lex_score / top_lexical if lex_rank else 0.0,
            "lexical_rank": 1.0 / lex_rank if lex_rank else 0.0,
            "dense_score": den_score,
            "dense_gap": den_score - top_dense if den_rank else -1.0,
            "dense_rank": 1.0 / den_rank if den_rank else 0.0,
            "title_cover": _cover(unit.title.words & asked, idf, total),
            "doc_title_cover": _cover(unit.doc_title.words & asked, idf, total),
            "text_cover": _cover(words, idf, total),
            "bigram_cover": _share(
                (unit.text.bigrams & wanted) | (unit.title.bigrams & wanted), wanted
            ),
            "title_bigram_cover": _share(unit.title.bigrams & wanted, wanted),
            "doc_share": share,
            "doc_mass": mass,
            "doc_best_rank": best,
            "doc_position": position,
            "topic_share": topics[unit.topic] / _TOPIC_WINDOW if unit.topic else 0.0,
            "has_topic": float(unit.topic is not None),
            "doc_level": _level(unit.hit.document.type),
            "definition_article": definition,
            "definition_match": definition * head["definition_query"],
            "scope_article": float(any(cue in unit.title.joined for cue in _SCOPE)),
            "article_number": math.log1p(_article_number(unit.hit)),
            "text_length": math.log1p(unit.text.count),
        }
        rows.append([row[name] for name in FEATURES])
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), len(FEATURES))


def _article_number(hit: Hit) -> int:
    digits = re.match(r"\d+", hit.chunk.citation.article or "")
    return int(digits.group()) if digits else 0


def _document_stats(
    candidates: Sequence[Hit], top: float
) -> dict[str, dict[str, tuple[float, float, float, float]]]:
    """doc id → unit key → (share of the candidates from the document, their summed
    normalised score, 1 / the document's best rank, 1 / the unit's place in its document)."""
    by_doc: dict[str, list[tuple[int, Hit]]] = defaultdict(list)
    for rank, hit in enumerate(candidates, start=1):
        by_doc[hit.chunk.doc_id].append((rank, hit))
    stats: dict[str, dict[str, tuple[float, float, float, float]]] = {}
    for doc_id, members in by_doc.items():
        share = len(members) / len(candidates)
        mass = sum(hit.score for _, hit in members) / top
        best = 1.0 / members[0][0]
        stats[doc_id] = {
            unit_key(hit.chunk): (share, mass, best, 1.0 / place)
            for place, (_, hit) in enumerate(members, start=1)
        }
    return stats
