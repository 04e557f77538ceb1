"""Evaluation sets: a corpus to ingest and questions whose gold answers are citable units.

Gold units use the same key as search results (:func:`search_api.fuse.unit_key`):
``"<doc id>#<article>"``. The tuning/report split is fixed by a hash of the question id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from corpora.loaders import law_doc_id
from corpora.manifest import get_source
from corpora.questions import load_questions


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    text: str
    gold: frozenset[str]

    @property
    def tuning(self) -> bool:
        """True for the fixed half used to tune; the other half is reported."""
        return is_tuning(self.id)


@dataclass(frozen=True)
class EvalSet:
    name: str
    corpus: tuple[Path, ...]
    questions: tuple[EvalQuestion, ...]

    @property
    def collection(self) -> str:
        return f"eval-{self.name}"

    def split(self, tuning: bool) -> list[EvalQuestion]:
        return [q for q in self.questions if q.tuning == tuning]


def is_tuning(question_id: str) -> bool:
    """Deterministic half split: even first byte of sha256(id) → tuning."""
    return hashlib.sha256(question_id.encode("utf-8")).digest()[0] % 2 == 0


def gold_key(law_id: str, article_id: str) -> str:
    """The unit key of an ALQAC/VLSP reference (law name → document id)."""
    return f"{law_doc_id(law_id)}#{article_id}"


def load_eval_set(name: str) -> EvalSet:
    """``alqac`` (731 questions over ALQAC 2024's 17 laws) or ``vlsp`` (216 statements)."""
    questions_source = {"alqac": "alqac-questions", "vlsp": "vlsp-questions"}[name]
    source = get_source(questions_source)
    if source.corpus is None:
        raise ValueError(f"source {questions_source} names no corpus")
    questions = tuple(
        EvalQuestion(
            id=q.id,
            text=q.text,
            gold=frozenset(gold_key(law, article) for law, article in q.relevant),
        )
        for q in load_questions(questions_source)
    )
    return EvalSet(name=name, corpus=tuple(get_source(source.corpus).inputs()), questions=questions)
