"""`GET /api/v1/documents/{doc_id}` and `…/articles/{article}`: structured text by id."""

from __future__ import annotations

from fastapi import APIRouter

from search_api.deps import StoreDep
from search_api.documents import (
    ArticleDetail,
    ArticleNumber,
    DocId,
    DocumentDetail,
    article_detail,
    document_detail,
    load_article,
    load_document,
)
from search_api.errors import error_responses

router = APIRouter(prefix="/documents", tags=["Văn bản"])


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
    return article_detail(*load_article(store, doc_id, article))
