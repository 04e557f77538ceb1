"""`GET /api/v1/documents/{doc_id}` and `…/articles/{article}`: structured text by id."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from indexer.models import ParsedDocument
from indexer.store.base import Store
from search_api.deps import StoreDep
from search_api.documents import (
    ArticleDetail,
    DocumentDetail,
    article_detail,
    document_detail,
    find_article,
)
from search_api.errors import ApiError, error_responses

router = APIRouter(prefix="/documents", tags=["Văn bản"])

DocId = Annotated[
    str,
    Path(max_length=200, description="Mã văn bản", examples=["68-2006-qh11"]),
]
ArticleNumber = Annotated[
    str,
    Path(max_length=20, description='Số điều ("5", "2a")', examples=["5"]),
]


def load_document(store: Store, doc_id: str) -> ParsedDocument:
    """The stored document ``doc_id``; 404 when there is none."""
    document = store.get_document(doc_id)
    if document is None:
        raise ApiError(
            404, "document_not_found", f"Không có văn bản mã {doc_id!r}.", field="doc_id"
        )
    return document


@router.get(
    "/{doc_id}",
    summary="Toàn văn một văn bản",
    response_model=DocumentDetail,
    responses=error_responses(404, 422, 503),
)
def get_document(doc_id: DocId, store: StoreDep) -> DocumentDetail:
    """Thông tin văn bản, mục lục (có neo liên kết) và toàn văn theo cấu trúc
    Phần/Chương/Mục/Điều/khoản/điểm."""
    return document_detail(load_document(store, doc_id))


@router.get(
    "/{doc_id}/articles/{article}",
    summary="Một điều của văn bản",
    response_model=ArticleDetail,
    responses=error_responses(404, 422, 503),
)
def get_article(doc_id: DocId, article: ArticleNumber, store: StoreDep) -> ArticleDetail:
    """Một điều với các khoản, điểm và cách trích dẫn ("Điều 5 Luật 68/2006/QH11")."""
    document = load_document(store, doc_id)
    node = find_article(document, article)
    if node is None:
        raise ApiError(
            404,
            "article_not_found",
            f"Văn bản {doc_id!r} không có Điều {article}.",
            field="article",
        )
    return article_detail(document, node)
