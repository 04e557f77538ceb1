"""Typed results of reference finding: one target per Reference, and the context that
resolves relative references ("khoản 3 Điều này", "Nghị định này")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# How a reference names its document: by number, by a law's name, as "Luật này" (this), not at
# all (the containing document), or by a type word and a name that no table resolves.
DocSource = Literal["number", "name", "this", "context", "unknown"]
# What a relative reference takes from its context: the document only ("Điều 7"), the document
# and article ("khoản 3", "Điều này"), down to the clause ("điểm a", "khoản này") or the point.
ContextLevel = Literal["document", "article", "clause", "point"]


@dataclass(frozen=True)
class Reference:
    """One target of a legal reference, with the span of the whole reference in the NFC text.

    A list or range ("khoản 1, 2 Điều 13") gives one Reference per target, all sharing the span.
    ``target_doc_key`` is None when the document is not (yet) resolved: relative references
    before :func:`indexer.cite.reference_resolve.resolve_references`, unknown documents always.
    ``relative`` is True when the document comes from the context, ``inherit`` says down to
    which level.
    """

    start: int
    end: int
    text: str
    target_doc_key: str | None
    target_doc_display: str | None
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    relative: bool = False
    doc_source: DocSource = "number"
    inherit: ContextLevel | None = None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def target(self) -> tuple[str | None, str | None, str | None, str | None]:
        """(document key, article, clause, point): what the reference points at."""
        return (self.target_doc_key, self.article, self.clause, self.point)


@dataclass(frozen=True)
class RefContext:
    """Where a text sits: its document (key, display), article, clause, point, and the
    document's date (ISO), which picks among laws of the same name."""

    doc_key: str | None = None
    doc_display: str | None = None
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    date: str | None = None
