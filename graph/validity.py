"""Point-in-time status of documents and their units, derived from dates and edges only.

A document is "chưa có hiệu lực" before its effective date, "hết hiệu lực" once an edge that
replaces, repeals or ends it as a whole applies, "hết hiệu lực một phần" once such an edge
applies to one of its units, "còn hiệu lực" when its effective date is known and nothing above
applies, and "không rõ" otherwise: nothing is assumed without a date or an edge to show for it.
"Còn hiệu lực" means "no ending found in this corpus"; its evidence is the effective date.

A unit (article, clause, point) follows its document, then the edges on itself, on the units
containing it and on the units inside it. An edge applies on ``as_of`` when its date is on or
before it; undated edges never apply (they are listed as pending). The text of a pháp-điển
article is the consolidated one: as of a date before an amendment the unit is "chưa sửa đổi",
but the text held is the later one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from graph.models import CHANGING_KINDS, ENDING_KINDS, Edge, Endpoint, Evidence, Graph

DocState = Literal[
    "con_hieu_luc", "het_hieu_luc", "het_hieu_luc_mot_phan", "chua_co_hieu_luc", "khong_ro"
]
UnitState = Literal[
    "chua_co_hieu_luc", "chua_sua_doi", "da_sua_doi_bo_sung", "het_hieu_luc_mot_phan",
    "het_hieu_luc", "khong_ro",
]  # fmt: skip
LABELS: dict[str, str] = {
    "con_hieu_luc": "còn hiệu lực",
    "het_hieu_luc": "hết hiệu lực",
    "het_hieu_luc_mot_phan": "hết hiệu lực một phần",
    "chua_co_hieu_luc": "chưa có hiệu lực",
    "khong_ro": "không rõ",
    "chua_sua_doi": "chưa sửa đổi",
    "da_sua_doi_bo_sung": "đã sửa đổi, bổ sung",
    "sua_doi_bo_sung": "sửa đổi, bổ sung",
    "thay_the": "thay thế",
    "bai_bo": "bãi bỏ",
    "huong_dan": "hướng dẫn",
    "quy_dinh_chi_tiet": "quy định chi tiết",
    "can_cu": "căn cứ",
    "dan_chieu": "dẫn chiếu",
}


@dataclass(frozen=True)
class DocStatus:
    """A document's state on ``as_of``, and the evidence and edges behind it."""

    doc: str
    as_of: date
    state: DocState
    effective: str | None
    evidence: tuple[Evidence, ...]
    ended_by: tuple[Edge, ...] = ()
    partly_ended_by: tuple[Edge, ...] = ()
    pending: tuple[Edge, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.state]


@dataclass(frozen=True)
class UnitStatus:
    """A unit's state on ``as_of``: what amended, inserted or ended it, and what is to come."""

    unit: Endpoint
    as_of: date
    state: UnitState
    document: DocStatus
    amended_by: tuple[Edge, ...] = ()
    ended_by: tuple[Edge, ...] = ()
    partly_ended_by: tuple[Edge, ...] = ()
    inserted_by: tuple[Edge, ...] = ()
    pending: tuple[Edge, ...] = ()
    related: tuple[Edge, ...] = ()  # changes "in part" of a containing unit: maybe this one

    @property
    def label(self) -> str:
        return LABELS[self.state]


def applies(edge: Edge, as_of: date) -> bool:
    """True when the edge has a date on or before ``as_of``."""
    return edge.date is not None and date.fromisoformat(edge.date) <= as_of


def status_on(graph: Graph, doc: str, as_of: date) -> DocStatus:
    """The status of document ``doc`` on ``as_of``."""
    info = graph.documents.get(doc)
    effective = info.effective if info else None
    endings = graph.incoming(doc, ENDING_KINDS)
    whole = tuple(e for e in endings if e.target.depth == 0 and e.certain)
    partial = tuple(e for e in endings if e.target.depth > 0 and e.certain)
    ended = tuple(e for e in whole if applies(e, as_of))
    partly = tuple(e for e in partial if applies(e, as_of))
    pending = tuple(e for e in endings if not applies(e, as_of))
    basis: tuple[Evidence, ...] = ()
    if info and info.effective_evidence:
        basis = (info.effective_evidence,)
    state: DocState
    if ended:
        state, basis = "het_hieu_luc", tuple(e.evidence for e in ended)
    elif effective and as_of < date.fromisoformat(effective):
        state = "chua_co_hieu_luc"
    elif partly:
        state = "het_hieu_luc_mot_phan"
    elif effective:
        state = "con_hieu_luc"
    else:
        state, basis = "khong_ro", ()
    return DocStatus(doc, as_of, state, effective, basis, ended, partly, pending)


def unit_status(graph: Graph, unit: Endpoint, as_of: date) -> UnitStatus:
    """The status of an article, clause or point on ``as_of`` (see the module docstring)."""
    document = status_on(graph, unit.doc, as_of)
    edges = graph.incoming(unit.doc, CHANGING_KINDS)
    above = [e for e in edges if e.target.covers(unit) and e.target != unit]
    on_unit = [e for e in edges if e.target == unit and e.effect != "part"]
    on_unit += [e for e in above if e.effect != "part"]
    inside = [e for e in edges if unit.covers(e.target) and e.target != unit]
    parts = [e for e in edges if e.target == unit and e.effect == "part"]
    now = [e for e in (*on_unit, *inside, *parts) if applies(e, as_of)]
    related = tuple(e for e in above if e.effect == "part" and applies(e, as_of))
    inserts = [e for e in on_unit if e.effect == "insert"]
    inserted = tuple(e for e in inserts if e in now)
    ended = tuple(e for e in on_unit if e.kind in ENDING_KINDS and e in now)
    partly = tuple(e for e in (*inside, *parts) if e.kind in ENDING_KINDS and e in now)
    amended = tuple(
        e for e in now if e.effect != "insert" and (e.kind not in ENDING_KINDS or not e.certain)
    )
    pending = tuple(e for e in (*on_unit, *inside, *parts) if not applies(e, as_of))
    state = _unit_state(document, bool(inserts) and not inserted, ended, partly, amended)
    return UnitStatus(
        unit, as_of, state, document, amended, ended, partly, inserted, pending, related
    )


def _unit_state(
    document: DocStatus,
    not_yet_inserted: bool,
    ended: tuple[Edge, ...],
    partly: tuple[Edge, ...],
    amended: tuple[Edge, ...],
) -> UnitState:
    if document.state == "het_hieu_luc" or any(e.certain for e in ended):
        return "het_hieu_luc"
    if document.state == "chua_co_hieu_luc" or not_yet_inserted:
        return "chua_co_hieu_luc"
    if any(e.certain for e in partly):
        return "het_hieu_luc_mot_phan"
    if amended:
        return "da_sua_doi_bo_sung"
    return "khong_ro" if document.state == "khong_ro" else "chua_sua_doi"


def _show_edge(edge: Edge, graph: Graph) -> str:
    src = edge.source
    units = [("điểm", src.point), ("khoản", src.clause), ("Điều", src.article)]
    where = " ".join(f"{name} {number}" for name, number in units if number)
    by = f"{where} {graph.display(src.doc)}".strip()
    verb = "bổ sung (điều, khoản mới)" if edge.effect == "insert" else LABELS[edge.kind]
    maybe = "" if edge.certain else "có thể "
    return f"{maybe}{verb} bởi {by} ({edge.date or 'không rõ ngày'})"


def describe(status: UnitStatus | DocStatus, graph: Graph) -> str:
    """One line: the state, then each applied change with its acting unit and date."""
    changes = [*status.ended_by, *status.partly_ended_by]
    if isinstance(status, UnitStatus):
        changes += [*status.inserted_by, *status.amended_by]
    return "; ".join([status.label, *dict.fromkeys(_show_edge(e, graph) for e in changes)])
