"""Typed edges between legal documents and their units, each with the evidence it came from.

An :class:`Edge` reads "``source`` <kind> ``target``": NĐ 78/2018 Điều 1 *sua_doi_bo_sung*
NĐ 127/2007 Điều 5; TT 06/2020 Điều 19 khoản 3 *bai_bo* TT 28/2012 Điều 12 khoản 2; a chunk's
article *dan_chieu* (refers to) another article. Units are :class:`Endpoint` values (document
key, article, clause, point); document keys are citation keys ("127_2007_nd_cp").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

RelationKind = Literal[
    "dan_chieu",  # reference: the source cites the target
    "can_cu",  # legal basis: the source is issued on the basis of the target
    "huong_dan",  # the source guides (hướng dẫn thi hành) the target
    "quy_dinh_chi_tiet",  # the source details (quy định chi tiết) the target
    "sua_doi_bo_sung",  # the source amends or supplements the target
    "thay_the",  # the source replaces the target
    "bai_bo",  # the source repeals (bãi bỏ, hủy bỏ) the target
    "het_hieu_luc",  # the source declares the target no longer in force (hết hiệu lực)
]
ENDING_KINDS: frozenset[RelationKind] = frozenset({"thay_the", "bai_bo", "het_hieu_luc"})
GUIDING_KINDS: frozenset[RelationKind] = frozenset({"huong_dan", "quy_dinh_chi_tiet"})
# What changes the target's text or validity (guides, bases and references do not).
CHANGING_KINDS: frozenset[RelationKind] = ENDING_KINDS | {"sua_doi_bo_sung"}
# How much of the target an edge touches: all of it, part of its content ("có nội dung được
# sửa đổi"), or the whole target was inserted by the source ("Điều 2a … được bổ sung bởi").
Effect = Literal["whole", "part", "insert"]
EvidenceSource = Literal["text", "note", "title", "legal_basis"]
# Where an edge's date comes from: stated in the sentence or note, or the date the source
# document entered into force ("kể từ ngày Thông tư này có hiệu lực"), or unknown.
DateBasis = Literal["stated", "source_in_force", "unknown"]


@dataclass(frozen=True, order=True)
class Endpoint:
    """A document or one of its units; None below the level named."""

    doc: str
    article: str | None = None
    clause: str | None = None
    point: str | None = None

    @property
    def parts(self) -> tuple[str | None, ...]:
        return (self.article, self.clause, self.point)

    @cached_property
    def depth(self) -> int:
        """0 for a document, 1 for an article, 2 for a clause, 3 for a point."""
        return next((i for i, part in enumerate(self.parts) if part is None), 3)

    def covers(self, other: Endpoint) -> bool:
        """True when ``other`` is this unit or lies inside it."""
        if self.doc != other.doc or other.depth < self.depth:
            return False
        return self.parts[: self.depth] == other.parts[: self.depth]

    def document(self) -> Endpoint:
        return Endpoint(self.doc)


@dataclass(frozen=True)
class Evidence:
    """The sentence an edge was read from, and where it sits."""

    at: Endpoint
    source: EvidenceSource
    text: str


@dataclass(frozen=True)
class Edge:
    """``source`` <kind> ``target`` from ``date`` on, read from ``evidence``.

    ``certain`` is False when a pháp-điển note lists several amending acts and several kinds
    of change without saying which act made which change.
    """

    kind: RelationKind
    source: Endpoint
    target: Endpoint
    evidence: Evidence
    date: str | None = None
    date_basis: DateBasis = "unknown"
    effect: Effect = "whole"
    certain: bool = True


@dataclass(frozen=True)
class DocInfo:
    """What the graph knows of one document: its key, how to show it, its dates.

    ``effective_evidence`` is the sentence the effective date comes from; documents known only
    because others cite them have ``in_corpus`` False and usually no dates.
    """

    key: str
    display: str
    title: str | None = None
    type: str | None = None
    doc_id: str | None = None
    issued: str | None = None
    effective: str | None = None
    effective_evidence: Evidence | None = None
    in_corpus: bool = True


@dataclass(frozen=True)
class Graph:
    """Documents and edges, with both directions indexed by document key."""

    documents: dict[str, DocInfo]
    edges: tuple[Edge, ...]
    _out: dict[str, tuple[Edge, ...]] = field(init=False, repr=False, compare=False)
    _in: dict[str, tuple[Edge, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        out: dict[str, list[Edge]] = {}
        inc: dict[str, list[Edge]] = {}
        for edge in self.edges:
            out.setdefault(edge.source.doc, []).append(edge)
            inc.setdefault(edge.target.doc, []).append(edge)
        object.__setattr__(self, "_out", {k: tuple(v) for k, v in out.items()})
        object.__setattr__(self, "_in", {k: tuple(v) for k, v in inc.items()})

    def outgoing(self, doc: str, kinds: Iterable[RelationKind] | None = None) -> list[Edge]:
        """Edges whose source lies in ``doc`` (what ``doc`` does to others)."""
        return _only(self._out.get(doc, ()), kinds)

    def incoming(self, doc: str, kinds: Iterable[RelationKind] | None = None) -> list[Edge]:
        """Edges whose target lies in ``doc`` (what others do to ``doc``)."""
        return _only(self._in.get(doc, ()), kinds)

    def display(self, doc: str) -> str:
        info = self.documents.get(doc)
        return info.display if info else doc


def _only(edges: Iterable[Edge], kinds: Iterable[RelationKind] | None) -> list[Edge]:
    wanted = None if kinds is None else set(kinds)
    return [e for e in edges if wanted is None or e.kind in wanted]
