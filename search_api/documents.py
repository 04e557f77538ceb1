"""Document views shared by the API and the web UI: lookup, headings, anchors
(:mod:`search_api.anchors`), TOC, and what the legal graph adds on a date
(:mod:`search_api.document_graph`): validity, resolved references, who cites each article,
the relations of an article, and the clauses a consolidated text skips because they were
repealed (kept as numbered placeholders).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query
from pydantic import BaseModel, Field

from indexer.chunk import document_label, node_heading
from indexer.models import DocumentMeta, Node, ParsedDocument
from indexer.store.base import Store
from indexer.structure.body import split_number
from search_api.anchors import Anchors
from search_api.document_graph import Annotator, Position, position
from search_api.errors import ApiError
from search_api.graph_index import GraphIndex
from search_api.graph_schemas import CitedByOut, ReferenceOut, RelationOut, ValidityOut
from search_api.schemas import DocumentOut

DocId = Annotated[
    str,
    Path(max_length=200, description="Mã văn bản", examples=["68-2006-qh11"]),
]
ArticleNumber = Annotated[
    str,
    Path(max_length=20, description='Số điều ("5", "2a")', examples=["5"]),
]
AsOf = Annotated[
    date | None,
    Query(
        ge=date(1900, 1, 1),
        le=date(2100, 12, 31),
        description="Hiệu lực tính vào ngày này (YYYY-MM-DD); mặc định: hôm nay.",
        examples=["2018-07-01"],
    ),
]

# Shown in the table of contents (sections only down to "1.1").
_TOC_KINDS = frozenset({"phan", "chuong", "muc", "tieu_muc", "dieu", "section", "phu_luc"})


def heading(node: Node) -> str:
    """The heading a reader expects: "Điều 5. Giải thích từ ngữ", "Chương II. …", "1.1 …",
    "2." for a clause and "a)" for a point."""
    if node.kind == "khoan":
        return f"{node.number}."
    if node.kind == "diem":
        return f"{node.number})"
    return node_heading(node)


def find_article(document: ParsedDocument, article: str) -> Node | None:
    """The first Điều numbered ``article`` (case-insensitive: "2a" = "2A")."""
    wanted = article.strip().lower()
    return next((n for n in document.articles() if n.number.lower() == wanted), None)


def load_document(store: Store, doc_id: str) -> ParsedDocument:
    """The stored document ``doc_id``; 404 when there is none."""
    document = store.get_document(doc_id)
    if document is None:
        raise ApiError(
            404, "document_not_found", f"Không có văn bản mã {doc_id!r}.", field="doc_id"
        )
    return document


def load_article(store: Store, doc_id: str, article: str) -> tuple[ParsedDocument, Node]:
    """The stored document ``doc_id`` and its Điều ``article``; 404 when either is missing."""
    document = load_document(store, doc_id)
    node = find_article(document, article)
    if node is None:
        raise ApiError(
            404,
            "article_not_found",
            f"Văn bản {doc_id!r} không có Điều {article}.",
            field="article",
        )
    return document, node


def article_label(meta: DocumentMeta, article: str) -> str:
    """How to cite an article: "Điều 5 Luật 68/2006/QH11" (as chunk citations do)."""
    return f"Điều {article} {document_label(meta)}"


# -- JSON models -----------------------------------------------------------------------------


class NodeOut(BaseModel):
    """One unit of structure with its own text and its children."""

    kind: str = Field(examples=["dieu"])
    number: str = Field(examples=["5"])
    title: str = Field(examples=["Giải thích từ ngữ"])
    heading: str = Field(examples=["Điều 5. Giải thích từ ngữ"])
    anchor: str = Field(examples=["dieu-5"])
    text: str
    code: str | None = Field(default=None, description='Mã pháp điển ("19.8.LQ.5").')
    note: str | None = None
    url: str | None = None
    children: list[NodeOut] = Field(default_factory=list)
    validity: ValidityOut | None = Field(
        default=None, description="Hiệu lực của điều, khoản, điểm vào ngày as_of."
    )
    references: list[ReferenceOut] = Field(
        default_factory=list, description="Các viện dẫn trong `text`, đã xác định đích."
    )
    note_references: list[ReferenceOut] = Field(
        default_factory=list, description="Các viện dẫn trong ghi chú pháp điển `note`."
    )
    cited_by: int = Field(default=0, description="Số đơn vị khác viện dẫn điều này.")
    repealed: bool = Field(
        default=False,
        description="Khoản không còn trong văn bản hợp nhất (số thứ tự được giữ).",
    )


class TocEntry(BaseModel):
    kind: str
    number: str
    heading: str = Field(examples=["Chương I. Những quy định chung"])
    anchor: str
    children: list[TocEntry] = Field(default_factory=list)


class DocumentInfo(DocumentOut):
    """Document metadata with its source link and collection."""

    url: str | None = None
    collection: str
    legal_bases: list[str] = Field(default_factory=list)
    validity: ValidityOut | None = Field(
        default=None, description="Hiệu lực vào ngày as_of, với căn cứ (None: ngoài đồ thị)."
    )

    @classmethod
    def of_meta(cls, meta: DocumentMeta, validity: ValidityOut | None = None) -> DocumentInfo:
        fields = DocumentOut.of(meta).model_dump()
        if validity is not None:
            fields["status"] = validity.label
        return cls(
            **fields,
            url=meta.url,
            collection=meta.collection,
            legal_bases=meta.legal_bases,
            validity=validity,
        )


class DocumentDetail(BaseModel):
    """A whole document: metadata, table of contents and structured text."""

    document: DocumentInfo
    toc: list[TocEntry]
    nodes: list[NodeOut]


class ArticleDetail(BaseModel):
    """One article (Điều) with its clauses and points, and how to cite it."""

    document: DocumentInfo
    citation: str = Field(examples=["Điều 5 Luật 68/2006/QH11"])
    article: NodeOut
    relations: list[RelationOut] = Field(
        default_factory=list,
        description="Quan hệ tác động đến điều này hoặc do điều này tác động (sửa đổi, bãi bỏ…).",
    )
    cited_by: CitedByOut | None = Field(default=None, description="Được viện dẫn bởi.")


def node_out(
    node: Node, anchors: Anchors, graph: Annotator | None = None, at: Position = ()
) -> NodeOut:
    """One node and its children, with the graph's fields when ``graph`` is given."""
    here = position(node, at)
    children = [node_out(child, anchors, graph, here) for child in node.children]
    if graph is not None and node.kind == "dieu":
        children = _with_skipped(children, graph, node, anchors[node])
    return NodeOut(
        kind=node.kind,
        number=node.number,
        title=node.title,
        heading=heading(node),
        anchor=anchors[node],
        text=node.text,
        code=node.code,
        note=node.note,
        url=node.url,
        children=children,
        **(graph.fields(node, here) if graph is not None else {}),
    )


def _with_skipped(
    children: list[NodeOut], graph: Annotator, article: Node, anchor: str
) -> list[NodeOut]:
    """The clauses of an article with a numbered placeholder for each one it skips."""
    placeholders = [
        NodeOut(
            kind="khoan",
            number=number,
            title="",
            heading=f"{number}.",
            anchor=f"{anchor}-khoan-{number}",
            text="",
            validity=validity,
            repealed=True,
        )
        for number, validity in graph.skipped_clauses(article)
    ]
    merged: list[NodeOut] = []
    for child in children:
        while child.kind == "khoan" and placeholders and _before(placeholders[0], child):
            merged.append(placeholders.pop(0))
        merged.append(child)
    return merged + placeholders


def _before(placeholder: NodeOut, clause: NodeOut) -> bool:
    return int(placeholder.number) < split_number(clause.number)[0]


def toc(nodes: list[Node], anchors: Anchors) -> list[TocEntry]:
    """Containers, articles, appendices and sections down to two levels, nested."""
    entries = []
    for node in nodes:
        if node.kind not in _TOC_KINDS or (node.kind == "section" and node.number.count(".") > 1):
            continue
        entries.append(
            TocEntry(
                kind=node.kind,
                number=node.number,
                heading=heading(node),
                anchor=anchors[node],
                children=toc(node.children, anchors),
            )
        )
    return entries


def _annotator(
    document: ParsedDocument, graph: GraphIndex | None, as_of: date | None
) -> Annotator | None:
    if graph is None or graph.key_of(document.meta.id) is None:
        return None
    return Annotator(graph, document.meta.id, as_of or date.today())


def document_detail(
    document: ParsedDocument, graph: GraphIndex | None = None, as_of: date | None = None
) -> DocumentDetail:
    """A whole document; with ``graph``, its validity and its nodes' on ``as_of`` (today)."""
    anchors = Anchors(document)
    annotate = _annotator(document, graph, as_of)
    validity = annotate.document_validity() if annotate else None
    return DocumentDetail(
        document=DocumentInfo.of_meta(document.meta, validity),
        toc=toc(document.nodes, anchors),
        nodes=[node_out(node, anchors, annotate) for node in document.nodes],
    )


def article_detail(
    document: ParsedDocument,
    article: Node,
    graph: GraphIndex | None = None,
    as_of: date | None = None,
) -> ArticleDetail:
    """One article; with ``graph``, its validity, relations and who cites it on ``as_of``."""
    annotate = _annotator(document, graph, as_of)
    validity = annotate.document_validity() if annotate else None
    return ArticleDetail(
        document=DocumentInfo.of_meta(document.meta, validity),
        citation=article_label(document.meta, article.number),
        article=node_out(article, Anchors(document), annotate),
        relations=annotate.article_relations(article.number) if annotate else [],
        cited_by=annotate.cited_by(article.number) if annotate else None,
    )
