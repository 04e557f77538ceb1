"""Admin endpoints (need ``X-API-Key``): upload and ingest files, delete a document."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, status
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from ingest.derived import refresh_derived
from ingest.pipeline import Ingestor, IngestSummary
from search_api.deps import AdminDep, RuntimeDep
from search_api.documents import DocId
from search_api.errors import ApiError, error_responses
from search_api.messages import multipart_message
from search_api.runtime import Runtime

router = APIRouter(tags=["Quản trị"])

COLLECTION_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
MAX_FILES = 50
MAX_FIELDS = 10
#: The upload route, under the API prefix; the body limit names it.
INGEST_PATH = "/ingest"
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")

_UPLOAD_SCHEMA: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Tệp văn bản (HTML, DOCX, PDF, …), tối đa 50 tệp.",
                        },
                        "collection": {
                            "type": "string",
                            "default": "default",
                            "pattern": COLLECTION_PATTERN,
                            "description": "Bộ sưu tập để nạp vào.",
                        },
                    },
                }
            }
        },
    }
}


class FailureOut(BaseModel):
    file: str
    reason: str


class IngestOut(BaseModel):
    """What an ingest did (chunk counts unless the name says documents)."""

    collection: str
    documents: int
    added: int
    updated: int
    unchanged: int
    deleted: int
    deleted_documents: int
    embedded: int
    failed: list[FailureOut]
    seconds: float


class DeleteOut(BaseModel):
    deleted: str


async def _read_form(request: Request) -> FormData:
    """The multipart form; its size is bounded by the app's body limit for this path
    (``KB_MAX_UPLOAD_MB``, :class:`search_api.middleware.BodyLimitMiddleware`)."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise ApiError(415, "unsupported_media_type", "Cần gửi multipart/form-data.")
    parser = MultiPartParser(
        request.headers, request.stream(), max_files=MAX_FILES, max_fields=MAX_FIELDS
    )
    try:
        return await parser.parse()
    except MultiPartException as error:
        message = multipart_message(error, MAX_FILES, MAX_FIELDS)
        raise ApiError(400, "bad_request", message) from error


def _collection(form: FormData) -> str:
    value = form.get("collection", "default")
    if not isinstance(value, str) or not re.match(COLLECTION_PATTERN, value):
        raise ApiError(
            422,
            "invalid_parameter",
            "collection: chỉ gồm chữ thường, chữ số, '-' và '_' (tối đa 64 ký tự)",
            field="collection",
        )
    return value


async def _save(files: list[UploadFile], folder: Path) -> dict[str, str]:
    """Write the uploads into ``folder`` under safe, distinct names; saved path → upload name."""
    saved: dict[str, str] = {}
    for position, upload in enumerate(files):
        original = upload.filename or f"upload-{position}"
        safe = _UNSAFE_NAME.sub("_", Path(original).name).lstrip(".") or f"upload-{position}"
        target = folder / f"{position:02d}-{safe}"
        target.write_bytes(await upload.read())
        saved[str(target)] = original
    return saved


def _ingest(runtime: Runtime, folder: Path, collection: str) -> IngestSummary:
    with runtime.write_lock:
        summary = Ingestor(runtime.store, runtime.ingest_embedder()).ingest(
            [folder], collection=collection
        )
        runtime.reload()
    return summary


@router.post(
    INGEST_PATH,
    summary="Nạp văn bản (quản trị)",
    response_model=IngestOut,
    responses=error_responses(400, 403, 413, 415, 422, 429, 503),
    openapi_extra=_UPLOAD_SCHEMA,
)
async def ingest(request: Request, _: AdminDep, runtime: RuntimeDep) -> IngestOut:
    """Tải lên tệp văn bản, phân tích, lập chỉ mục và trả về bản tóm tắt. Cần khóa API
    trong header `X-API-Key`. Dung lượng tối đa: `KB_MAX_UPLOAD_MB` (mặc định 20 MB)."""
    form = await _read_form(request)
    collection = _collection(form)
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    if not files:
        raise ApiError(422, "invalid_parameter", "files: cần ít nhất một tệp", field="files")
    with tempfile.TemporaryDirectory(prefix="kb-upload-") as tmp:
        folder = Path(tmp)
        saved = await _save(files, folder)
        await form.close()
        summary = await run_in_threadpool(_ingest, runtime, folder, collection)
    return IngestOut(
        collection=collection,
        documents=summary.documents,
        added=summary.added,
        updated=summary.updated,
        unchanged=summary.unchanged,
        deleted=summary.deleted,
        deleted_documents=summary.deleted_documents,
        embedded=summary.embedded,
        failed=[
            FailureOut(file=_upload_name(f.path, saved), reason=f.reason) for f in summary.failed
        ],
        seconds=round(summary.seconds, 3),
    )


def _upload_name(path: str, saved: dict[str, str]) -> str:
    """The uploaded name of a failed path ("…/00-a.zip#inner.docx" → "a.zip#inner.docx")."""
    base, _, member = path.partition("#")
    name = saved.get(base, Path(base).name)
    return f"{name}#{member}" if member else name


def _delete(runtime: Runtime, doc_id: str) -> int:
    with runtime.write_lock:
        deleted = runtime.store.delete_documents([doc_id])
        if deleted:
            refresh_derived(runtime.store)
            runtime.reload()
    return deleted


@router.delete(
    "/documents/{doc_id}",
    summary="Xóa văn bản (quản trị)",
    response_model=DeleteOut,
    status_code=status.HTTP_200_OK,
    responses=error_responses(403, 404, 422, 429, 503),
)
async def delete_document(doc_id: DocId, _: AdminDep, runtime: RuntimeDep) -> DeleteOut:
    """Xóa văn bản và mọi đoạn của nó khỏi chỉ mục. Cần khóa API trong header `X-API-Key`."""
    if not await run_in_threadpool(_delete, runtime, doc_id):
        raise ApiError(
            404, "document_not_found", f"Không có văn bản mã {doc_id!r}.", field="doc_id"
        )
    return DeleteOut(deleted=doc_id)
