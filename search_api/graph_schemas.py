"""The JSON contract of the legal graph: units, relations with their evidence, validity on a
date, and the references of a text."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from graph.models import DateBasis, Effect, EvidenceSource, RelationKind

Direction = Literal["outgoing", "incoming"]


class UnitOut(BaseModel):
    """A document or one of its units, and where the database holds it."""

    key: str = Field(description="Khóa trích dẫn của văn bản.", examples=["127_2007_nd_cp"])
    document: str = Field(description="Văn bản như được viết.", examples=["127/2007/NĐ-CP"])
    document_id: str | None = Field(
        default=None, description="Mã văn bản trong cơ sở dữ liệu (None khi chưa có)."
    )
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    label: str = Field(examples=["khoản 1 Điều 5 Nghị định 127/2007/NĐ-CP"])
    anchor: str | None = Field(
        default=None, description='Neo của đơn vị sâu nhất có trong văn bản ("dieu-5-khoan-1").'
    )
    in_database: bool = Field(
        description="True khi cơ sở dữ liệu có văn bản và đơn vị được nêu (điều, khoản, điểm)."
    )


class EvidenceOut(BaseModel):
    """The sentence, note, title or legal-basis line a relation or a date was read from."""

    text: str
    source: EvidenceSource
    at: UnitOut


class RelationOut(BaseModel):
    """``source`` <kind> ``target``, from ``date`` on, read from ``evidence``."""

    kind: RelationKind
    label: str = Field(examples=["sửa đổi, bổ sung"])
    source: UnitOut
    target: UnitOut
    date: str | None = Field(default=None, examples=["2018-07-01"])
    date_basis: DateBasis = Field(
        description='"stated": ngày ghi trong câu; "source_in_force": ngày văn bản tác động '
        'có hiệu lực; "unknown": không rõ.'
    )
    effect: Effect = Field(
        description='"whole": toàn bộ; "part": một phần nội dung; "insert": được bổ sung mới.'
    )
    certain: bool = Field(
        description="False khi ghi chú liệt kê nhiều văn bản và nhiều loại thay đổi mà không "
        "nói văn bản nào thay đổi gì."
    )
    evidence: EvidenceOut


class RelationGroup(BaseModel):
    """Relations of one tab: one direction, a family of kinds."""

    name: str = Field(examples=["duoc_sua_doi"])
    label: str = Field(examples=["Được sửa đổi, bổ sung bởi"])
    direction: Direction
    documents: int = Field(description="Số văn bản khác nhau ở đầu kia của các quan hệ.")
    relations: list[RelationOut]


class RelationsOut(BaseModel):
    """Every relation of a document, in both directions, grouped as the tabs show them."""

    document: UnitOut
    title: str | None = None
    groups: list[RelationGroup]


class ValidityOut(BaseModel):
    """A document's or a unit's status on ``as_of``, with the evidence behind it."""

    as_of: str = Field(examples=["2019-01-01"])
    state: str = Field(examples=["het_hieu_luc_mot_phan"])
    label: str = Field(examples=["hết hiệu lực một phần"])
    description: str = Field(
        examples=["hết hiệu lực một phần; bãi bỏ bởi Điều 17 35/2018/QH14 (2019-01-01)"]
    )
    effective_date: str | None = None
    evidence: list[EvidenceOut] = Field(
        default_factory=list, description="Câu nêu ngày hiệu lực, hoặc câu chấm dứt hiệu lực."
    )
    changes: list[RelationOut] = Field(
        default_factory=list, description="Thay đổi đã áp dụng vào ngày as_of."
    )
    pending: list[RelationOut] = Field(
        default_factory=list,
        description="Thay đổi chưa áp dụng (sau ngày as_of hoặc không rõ ngày).",
    )


class ReferenceOut(BaseModel):
    """A reference in a text: its span (NFC characters) and every unit it names."""

    start: int
    end: int
    text: str = Field(examples=["khoản 2 Điều 5 Nghị định số 127/2007/NĐ-CP"])
    targets: list[UnitOut]


class CitedByOut(BaseModel):
    """The units that cite an article, and the sentence each does it in."""

    count: int = Field(description="Số đơn vị (điều, khoản) khác viện dẫn.")
    citations: list[EvidenceOut]
