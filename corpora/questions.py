"""Evaluation questions with their gold articles (ALQAC, VLSP).

``load_questions("alqac-questions")`` gives the 731 labelled ALQAC questions (alqac2025 train
∪ alqac2023 private_test ∪ alqac2024 train, de-duplicated by normalised text, first source
wins), to be scored against ``alqac2024/law.json.gz``; ``load_questions("vlsp-questions")``
gives the 216 VLSP 2023 LTER statements. Gold articles are (law_id, article_id) pairs:
law_id is the law name, i.e. the title of the corpus document (see ``law_doc_id``).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from corpora.manifest import get_source


@dataclass(frozen=True)
class Question:
    """A question (or statement) and the articles that answer it."""

    id: str
    text: str
    relevant: list[tuple[str, str]]


def normalise(text: str) -> str:
    """NFC, lower case, single spaces: the key used to de-duplicate questions."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _question(raw: dict[str, Any]) -> Question | None:
    gold = raw.get("relevant_articles") or raw.get("legal_passages") or []
    text = raw.get("text") or raw.get("statement") or ""
    if not gold or not text:
        return None
    relevant = [(str(g["law_id"]), str(g["article_id"])) for g in gold]
    ident = str(raw.get("question_id") or raw.get("example_id"))
    return Question(id=ident, text=unicodedata.normalize("NFC", text.strip()), relevant=relevant)


def load_questions(name: str) -> list[Question]:
    """Labelled questions of a questions source, de-duplicated by normalised text."""
    source = get_source(name)
    if source.kind != "questions-json":
        raise ValueError(f"{name} is not a questions source")
    seen: dict[str, Question] = {}
    for path in source.inputs():
        with path.open(encoding="utf-8") as handle:
            for raw in json.load(handle):
                question = _question(raw)
                if question is not None:
                    seen.setdefault(normalise(question.text), question)
    return list(seen.values())


def corpus_source(name: str) -> str:
    """The corpus source that a questions source is scored against."""
    corpus = get_source(name).corpus
    if corpus is None:
        raise ValueError(f"{name} names no corpus")
    return corpus
