"""ALQAC retrieval bench for language-layer experiments: corpus, labelled questions, FTS5 BM25.

Corpus: ``alqac2024/law.json.gz`` (17 laws, 2,249 articles). Questions: the union of
``alqac2025/alqac25_train.json``, ``alqac2023/private_test.json`` and ``alqac2024/train.json``
deduplicated by normalised text (731). BM25 is SQLite FTS5's, over pre-analysed tokens
(``unicode61 remove_diacritics 0 tokenchars '_'``), every query token OR-ed.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpora.manifest import data_root
from corpora.questions import load_questions

Tokenize = Callable[[str], Sequence[str]]


def raw_dir() -> Path:
    """The read-only datasets directory (``corpora.manifest.data_root()``)."""
    return data_root()


@dataclass(frozen=True)
class Article:
    id: str  # "<law name>#<article number>"
    text: str


@dataclass(frozen=True)
class Question:
    text: str
    relevant: frozenset[str]


@lru_cache(maxsize=1)
def articles() -> tuple[Article, ...]:
    """The 2,249 ALQAC-2024 articles, text = title + body."""
    with gzip.open(raw_dir() / "alqac2024/law.json.gz", "rt", encoding="utf-8") as f:
        laws = json.load(f)
    return tuple(
        Article(id=f"{law['id']}#{a['id']}", text=a["text"])
        for law in laws
        for a in law["articles"]
    )


@lru_cache(maxsize=1)
def questions() -> tuple[Question, ...]:
    """The 731 unique labelled questions (:func:`corpora.questions.load_questions`)."""
    return tuple(
        Question(text=q.text, relevant=frozenset(f"{law}#{art}" for law, art in q.relevant))
        for q in load_questions("alqac-questions")
    )


class Bm25Index:
    """An in-memory FTS5 table over token strings; ids are article ids."""

    def __init__(self, docs: Sequence[tuple[str, Sequence[str]]]) -> None:
        self._db = sqlite3.connect(":memory:")
        self._db.execute(
            "CREATE VIRTUAL TABLE t USING fts5(body, "
            "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
        )
        self._ids = [doc_id for doc_id, _ in docs]
        self._db.executemany(
            "INSERT INTO t(rowid, body) VALUES (?, ?)",
            ((i, " ".join(tokens)) for i, (_, tokens) in enumerate(docs)),
        )

    def search(self, tokens: Sequence[str], k: int = 10) -> list[str]:
        """Ids of the top ``k`` articles for the OR of the distinct tokens."""
        terms = list(dict.fromkeys(t for t in tokens if t))
        if not terms:
            return []
        query = " OR ".join(f'"{t}"' for t in terms)
        rows = self._db.execute(
            "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT ?", (query, k)
        ).fetchall()
        return [self._ids[r[0]] for r in rows]


def mrr_at_10(index: Bm25Index, query_tokens: Sequence[Sequence[str]]) -> float:
    """Mean reciprocal rank at 10 of the questions, given each question's tokens."""
    total = 0.0
    for q, tokens in zip(questions(), query_tokens, strict=True):
        for rank, doc_id in enumerate(index.search(tokens), start=1):
            if doc_id in q.relevant:
                total += 1.0 / rank
                break
    return total / len(query_tokens)


def evaluate(doc_tokens: Tokenize, query_tokens: Tokenize | None = None) -> float:
    """MRR@10 of BM25 with the given tokenisation of articles and (default: same) questions."""
    index = Bm25Index([(a.id, doc_tokens(a.text)) for a in articles()])
    tokenize_query = query_tokens or doc_tokens
    return mrr_at_10(index, [tokenize_query(q.text) for q in questions()])
