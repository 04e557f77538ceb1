"""`GET /api/v1/documents/{doc_id}`, `…/articles/{article}` and `…/relations`: structured
text by id, with validity on a date (``as_of``), and the relations of a document."""

from __future__ import annotations

from fastapi import APIRouter

from search_api.deps import ServiceDep, StoreDep
from search_api.documents import (
    ArticleDetail,
    ArticleNumber,
    AsOf,
    DocId,
    DocumentDetail,
    article_detail,
    document_detail,
    load_article,
    load_document,
)
from search_api.errors import ApiError, error_responses
from search_api.graph_schemas import RelationsOut
from search_api.graph_views import relations

router = APIRouter(prefix="/documents", tags=["Văn bản"])


@router.get(
    "/{doc_id}",
    summary="Toàn văn một văn bản",
    response_model=DocumentDetail,
    responses=error_responses(404, 422, 503),
)
def get_document(
    doc_id: DocId, store: StoreDep, service: ServiceDep, as_of: AsOf = None
) -> DocumentDetail:
    """Thông tin văn bản, mục lục (có neo liên kết) và toàn văn theo cấu trúc
    Phần/Chương/Mục/Điều/khoản/điểm; hiệu lực của văn bản và từng điều, khoản vào ngày
    `as_of` (mặc định hôm nay), với căn cứ; các viện dẫn trong văn bản đã xác định đích."""
    return document_detail(load_document(store, doc_id), service.graph, as_of)


@router.get(
    "/{doc_id}/articles/{article}",
    summary="Một điều của văn bản",
    response_model=ArticleDetail,
    responses=error_responses(404, 422, 503),
)
def get_article(
    doc_id: DocId, article: ArticleNumber, store: StoreDep, service: ServiceDep, as_of: AsOf = None
) -> ArticleDetail:
    """Một điều với các khoản, điểm và cách trích dẫn ("Điều 5 Luật 68/2006/QH11"), hiệu lực
    vào ngày `as_of`, các quan hệ (sửa đổi, bãi bỏ, hướng dẫn…) và các đơn vị viện dẫn điều
    này."""
    return article_detail(*load_article(store, doc_id, article), service.graph, as_of)


@router.get(
    "/{doc_id}/relations",
    summary="Văn bản liên quan",
    response_model=RelationsOut,
    responses=error_responses(404, 422, 503),
)
def get_relations(doc_id: DocId, service: ServiceDep) -> RelationsOut:
    """Các quan hệ của văn bản theo hai chiều: căn cứ, hướng dẫn / quy định chi tiết, sửa
    đổi / bổ sung, thay thế / bãi bỏ, viện dẫn; mỗi quan hệ có ngày và câu làm căn cứ.
    `doc_id` là mã văn bản, hoặc khóa trích dẫn ("39_2016_tt_bgtvt") của văn bản chưa có
    trong cơ sở dữ liệu mà các văn bản khác nhắc đến."""
    key = service.graph.resolve_key(doc_id)
    if key is None:
        raise ApiError(
            404,
            "document_not_found",
            f"Không có văn bản mã {doc_id!r} trong cơ sở dữ liệu và đồ thị pháp lý.",
            field="doc_id",
        )
    return relations(service.graph, key)
