"""Document views shared by the API and the web UI: lookup, headings, anchors, TOC.

Every node of a document gets a stable, unique HTML anchor: "dieu-5", "dieu-5-khoan-2",
"dieu-5-khoan-2-diem-a", "chuong-ii", "muc-1-1" (a QCVN section "1.1"), so the table of
contents, the article page and citations can all link into the full text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated

from fastapi import Path
from pydantic import BaseModel, Field

from indexer.chunk import document_label, node_heading
from indexer.models import DocumentMeta, Node, ParsedDocument
from indexer.store.base import Store
from search_api.errors import ApiError
from search_api.schemas import CitationOut, DocumentOut

DocId = Annotated[
    str,
    Path(max_length=200, description="Mã văn bản", examples=["68-2006-qh11"]),
]
ArticleNumber = Annotated[
    str,
    Path(max_length=20, description='Số điều ("5", "2a")', examples=["5"]),
]

_ANCHOR_PREFIX = {"section": "muc", "tieu_muc": "tieu-muc", "phu_luc": "phu-luc"}
# Nested under their parent's anchor; the other kinds are named on their own.
_NESTED = frozenset({"khoan", "diem", "muc", "tieu_muc"})
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


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower().replace("đ", "d")).strip("-")


class Anchors:
    """Assigns each node of one document a unique anchor, in document order."""

    def __init__(self, document: ParsedDocument) -> None:
        self._by_node: dict[int, str] = {}
        used: set[str] = set()
        for node, parent in _walk_with_parent(document.nodes, None):
            base = f"{_ANCHOR_PREFIX.get(node.kind, node.kind)}-{_slug(node.number) or 'x'}"
            if node.kind in _NESTED and parent is not None:
                base = f"{self._by_node[id(parent)]}-{base}"
            anchor, n = base, 1
            while anchor in used:
                n += 1
                anchor = f"{base}-{n}"
            used.add(anchor)
            self._by_node[id(node)] = anchor

    def __getitem__(self, node: Node) -> str:
        return self._by_node[id(node)]


def _walk_with_parent(nodes: list[Node], parent: Node | None) -> Iterator[tuple[Node, Node | None]]:
    for node in nodes:
        yield node, parent
        yield from _walk_with_parent(node.children, node)


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


def citation_anchor(citation: CitationOut) -> str | None:
    """The anchor of the clause or point a citation names ("dieu-5-khoan-2"), or of its
    QCVN section ("muc-1-1"); None when it names only a document."""
    if citation.article:
        anchor = f"dieu-{_slug(citation.article)}"
        if citation.clause:
            anchor += f"-khoan-{_slug(citation.clause)}"
            if citation.point:
                anchor += f"-diem-{_slug(citation.point)}"
        return anchor
    if citation.section:
        return f"muc-{_slug(citation.section)}"
    return None


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

    @classmethod
    def of_meta(cls, meta: DocumentMeta) -> DocumentInfo:
        return cls(
            **DocumentOut.of(meta).model_dump(),
            url=meta.url,
            collection=meta.collection,
            legal_bases=meta.legal_bases,
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


def node_out(node: Node, anchors: Anchors) -> NodeOut:
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
        children=[node_out(child, anchors) for child in node.children],
    )


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


def document_detail(document: ParsedDocument) -> DocumentDetail:
    anchors = Anchors(document)
    return DocumentDetail(
        document=DocumentInfo.of_meta(document.meta),
        toc=toc(document.nodes, anchors),
        nodes=[node_out(node, anchors) for node in document.nodes],
    )


def article_detail(document: ParsedDocument, article: Node) -> ArticleDetail:
    return ArticleDetail(
        document=DocumentInfo.of_meta(document.meta),
        citation=article_label(document.meta, article.number),
        article=node_out(article, Anchors(document)),
    )
