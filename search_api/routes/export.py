"""`GET /api/v1/export`: open data as streamed JSON Lines, document by document.

Each document is one line ``{"type": "document", "meta": …, "nodes": […]}`` followed by
one line per chunk ``{"type": "chunk", "id": …, "text": …, "citation": …}``. Local file
paths of the provenance are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from indexer.codec import to_dict
from indexer.models import DocumentMeta, ParsedDocument
from indexer.store.base import Filters, Store
from search_api.deps import StoreDep
from search_api.errors import error_responses

router = APIRouter(prefix="/export", tags=["Dữ liệu mở"])

MEDIA_TYPE = "application/x-ndjson"


class JSONLinesResponse(StreamingResponse):
    media_type = MEDIA_TYPE


def document_record(document: ParsedDocument) -> dict[str, Any]:
    """The export line of a document, without the local path of its source file."""
    record = {"type": "document", **to_dict(document)}
    provenance = record["meta"].get("provenance")
    if provenance is not None:
        provenance.pop("path", None)
    return record


def export_lines(store: Store, documents: list[DocumentMeta]) -> Iterator[bytes]:
    """Each document followed by its chunks, as JSON lines."""
    for meta in documents:
        document = store.get_document(meta.id)
        if document is None:
            continue
        yield _line(document_record(document))
        for hit in store.scan(Filters(doc_ids=[meta.id])):
            yield _line({"type": "chunk", **to_dict(hit.chunk)})


def _line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


@router.get(
    "",
    summary="Xuất dữ liệu mở (JSON Lines)",
    response_class=JSONLinesResponse,
    responses={
        200: {
            "description": "Mỗi dòng một bản ghi JSON: văn bản rồi đến các đoạn của nó.",
            "content": {MEDIA_TYPE: {"schema": {"type": "string"}}},
        },
        **error_responses(422, 503),
    },
)
def export(
    store: StoreDep,
    collection: Annotated[
        list[str] | None,
        Query(description="Chỉ các bộ sưu tập này (mặc định: tất cả)", examples=[["default"]]),
    ] = None,
) -> JSONLinesResponse:
    """Toàn bộ văn bản (thông tin và cấu trúc) và các đoạn đã lập chỉ mục, truyền dần
    theo từng dòng, để tái sử dụng như dữ liệu mở."""
    # Listed before the first byte is sent, so an unreachable store is still a 503.
    documents = store.list_documents(Filters(collections=collection or []))
    return JSONLinesResponse(export_lines(store, documents))
