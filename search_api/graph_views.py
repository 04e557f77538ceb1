"""The legal graph as the API shows it: units with their labels and anchors, relations
grouped in tabs, validity with its evidence, the references of a text, who cites an article.

Labels are written the Vietnamese way, smallest unit first: "điểm a khoản 1 Điều 5 Nghị định
127/2007/NĐ-CP".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from graph.models import ENDING_KINDS, GUIDING_KINDS, Edge, Endpoint, Evidence, RelationKind
from graph.queries import guides_of
from graph.validity import LABELS, DocStatus, UnitStatus, describe
from indexer.chunk import unit_label
from search_api.graph_index import GraphIndex
from search_api.graph_schemas import (
    CitedByOut,
    Direction,
    EvidenceOut,
    ReferenceOut,
    RelationGroup,
    RelationOut,
    RelationsOut,
    UnitOut,
    ValidityOut,
)

# Document types by the issuer part of a key, for documents only cited (no type known).
_TYPES = (
    (re.compile(r"_ttlt_"), "Thông tư liên tịch"),
    (re.compile(r"_tt_"), "Thông tư"),
    (re.compile(r"_nd_"), "Nghị định"),
    (re.compile(r"_qd_"), "Quyết định"),
    (re.compile(r"_nq_"), "Nghị quyết"),
    (re.compile(r"_ct_"), "Chỉ thị"),
    (re.compile(r"_ubtvqh\d+$"), "Pháp lệnh"),
    (re.compile(r"_qh\d+$"), "Luật"),
)


@dataclass(frozen=True)
class Tab:
    """One tab of "Văn bản liên quan": a direction and a family of kinds."""

    name: str
    label: str
    direction: Direction
    kinds: frozenset[RelationKind]


TABS = (
    Tab("huong_dan", "Văn bản hướng dẫn, quy định chi tiết", "incoming", GUIDING_KINDS),
    Tab("duoc_sua_doi", "Được sửa đổi, bổ sung bởi", "incoming", frozenset({"sua_doi_bo_sung"})),
    Tab("bi_thay_the", "Bị thay thế, bãi bỏ bởi", "incoming", ENDING_KINDS),
    Tab("can_cu", "Căn cứ pháp lý", "outgoing", frozenset({"can_cu"})),
    Tab("huong_dan_cho", "Hướng dẫn, quy định chi tiết cho", "outgoing", GUIDING_KINDS),
    Tab("sua_doi", "Sửa đổi, bổ sung", "outgoing", frozenset({"sua_doi_bo_sung"})),
    Tab("thay_the", "Thay thế, bãi bỏ", "outgoing", ENDING_KINDS),
    Tab("la_can_cu", "Là căn cứ của", "incoming", frozenset({"can_cu"})),
    Tab("duoc_vien_dan", "Được viện dẫn bởi", "incoming", frozenset({"dan_chieu"})),
    Tab("vien_dan", "Văn bản được viện dẫn", "outgoing", frozenset({"dan_chieu"})),
)


def document_label(index: GraphIndex, key: str) -> str:
    """ "Nghị định 127/2007/NĐ-CP": the type, then the number as written."""
    info = index.graph.documents.get(key)
    display = info.display if info else key
    kind = info.type if info and info.type else None
    kind = kind or next((name for rx, name in _TYPES if rx.search(key)), None)
    if kind is None or display.lower().startswith(kind.lower()):
        return display
    return f"{kind} {display}"


def endpoint_label(unit: Endpoint, document: str) -> str:
    """ "điểm a khoản 1 Điều 5 <document>"."""
    if unit.article is None:
        return document
    return f"{unit_label(unit.article, unit.clause, unit.point)} {document}"


def unit_out(index: GraphIndex, unit: Endpoint) -> UnitOut:
    """A unit with its label and where the database holds it."""
    located = index.locate(unit)
    info = index.graph.documents.get(unit.doc)
    return UnitOut(
        key=unit.doc,
        document=info.display if info else unit.doc,
        document_id=located.doc_id,
        article=unit.article,
        clause=unit.clause,
        point=unit.point,
        label=endpoint_label(unit, document_label(index, unit.doc)),
        anchor=located.anchor,
        in_database=located.found,
    )


def evidence_out(index: GraphIndex, evidence: Evidence) -> EvidenceOut:
    return EvidenceOut(text=evidence.text, source=evidence.source, at=unit_out(index, evidence.at))


def relation_out(index: GraphIndex, edge: Edge) -> RelationOut:
    label = "bổ sung (điều, khoản mới)" if edge.effect == "insert" else LABELS[edge.kind]
    return RelationOut(
        kind=edge.kind,
        label=label,
        source=unit_out(index, edge.source),
        target=unit_out(index, edge.target),
        date=edge.date,
        date_basis=edge.date_basis,
        effect=edge.effect,
        certain=edge.certain,
        evidence=evidence_out(index, edge.evidence),
    )


def relations(index: GraphIndex, key: str) -> RelationsOut:
    """Every relation of document ``key`` with another document, grouped in :data:`TABS`
    (empty groups left out), and the documents that guide its guides ("Thông tư hướng dẫn
    Nghị định quy định chi tiết Luật")."""
    info = index.graph.documents.get(key)
    edges = {"outgoing": index.outgoing(key), "incoming": index.incoming(key)}
    groups = []
    for tab in TABS:
        chosen = [
            e for e in edges[tab.direction] if e.kind in tab.kinds and e.source.doc != e.target.doc
        ]
        if not chosen:
            continue
        other = {(e.source if tab.direction == "incoming" else e.target).doc for e in chosen}
        groups.append(
            RelationGroup(
                name=tab.name,
                label=tab.label,
                direction=tab.direction,
                documents=len(other),
                relations=[relation_out(index, e) for e in chosen],
            )
        )
    if through := [
        e for g in guides_of(index.graph, key, transitive=True) if g.via for e in g.edges
    ]:
        groups.insert(
            1 if groups and groups[0].name == "huong_dan" else 0,
            RelationGroup(
                name="huong_dan_tiep",
                label="Hướng dẫn văn bản hướng dẫn",
                direction="incoming",
                documents=len({e.source.doc for e in through}),
                relations=[relation_out(index, e) for e in through],
            ),
        )
    return RelationsOut(
        document=unit_out(index, Endpoint(key)), title=info.title if info else None, groups=groups
    )


def _relations(index: GraphIndex, edges: Iterable[Edge]) -> list[RelationOut]:
    return [relation_out(index, e) for e in dict.fromkeys(edges)]


def validity_out(
    index: GraphIndex, status: DocStatus | UnitStatus, own: bool = False
) -> ValidityOut:
    """A status with the evidence behind it, the changes applied and those to come; with
    ``own`` (a unit in a document's view) only the changes of the unit itself and of the
    units inside it, the containing ones being shown on their own node."""
    changes = [*status.ended_by, *status.partly_ended_by]
    pending = list(status.pending)
    if isinstance(status, UnitStatus):
        changes += [*status.inserted_by, *status.amended_by]
        evidence = [e.evidence for e in changes] or list(status.document.evidence)
        document = status.document
        if own:
            changes = [e for e in changes if status.unit.covers(e.target)]
            pending = [e for e in pending if status.unit.covers(e.target)]
            evidence = [e.evidence for e in changes]
    else:
        document = status
        evidence = list(status.evidence)
    return ValidityOut(
        as_of=status.as_of.isoformat(),
        state=status.state,
        label=status.label,
        description=describe(status, index.graph),
        effective_date=document.effective,
        evidence=[evidence_out(index, e) for e in dict.fromkeys(evidence)],
        changes=_relations(index, changes),
        pending=_relations(index, pending),
    )


def document_validity(index: GraphIndex, doc_id: str, as_of: date) -> ValidityOut | None:
    """The validity of a stored document on ``as_of`` (None outside the graph)."""
    status = index.document_status(doc_id, as_of)
    return validity_out(index, status) if status else None


def unit_validity(
    index: GraphIndex,
    doc_id: str,
    parts: tuple[str | None, ...],
    as_of: date,
    own: bool = False,
) -> ValidityOut | None:
    """The validity of (article, clause, point) of a stored document on ``as_of`` (``own``:
    see :func:`validity_out`)."""
    key = index.key_of(doc_id)
    if key is None:
        return None
    return validity_out(index, index.unit_status(Endpoint(key, *parts), as_of), own)


def references_out(
    index: GraphIndex, doc_id: str, at: tuple[str | None, ...], text: str
) -> list[ReferenceOut]:
    """The resolved references of ``text`` (sitting at ``at`` in ``doc_id``); "Luật này"
    alone, naming the document the text is in, is not one."""
    itself = (Endpoint(index.key_of(doc_id) or doc_id),)
    return [
        ReferenceOut(
            start=m.start,
            end=m.end,
            text=text[m.start : m.end],
            targets=[unit_out(index, t) for t in m.targets],
        )
        for m in index.references(doc_id, at, text)
        if m.targets != itself
    ]


def cited_by_out(index: GraphIndex, key: str, article: str | None = None) -> CitedByOut:
    """Who cites document ``key`` (or its Điều ``article``): one evidence per citing unit."""
    edges = index.cited_by(key, article)
    by_source = {e.source: e.evidence for e in edges}
    return CitedByOut(
        count=len(by_source), citations=[evidence_out(index, e) for e in by_source.values()]
    )
