"""Pages of the standards catalogue: a record (``/tieu-chuan/{id}``), a number as typed
(``/tieu-chuan/tra-cuu?so=…``: the record, its candidates, or an honest "chưa có trong cơ sở
dữ liệu" listing who cites it), the list (``/tieu-chuan``), and links from every standard
number in a text to its page."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from indexer.cite.find import find_doc_matches
from search_api.errors import ApiError
from search_api.standards import StandardsIndex
from search_api.standards_views import detail, listing, lookup
from web.links import standard_href, standard_lookup_href

router = APIRouter(include_in_schema=False)

STATUS_CLASSES = {
    "còn hiệu lực": "in-force",
    "hết hiệu lực": "out-of-force",
    "chưa có hiệu lực": "not-yet",
    "không rõ": "unknown",
}
KIND_LABELS = {
    "text": "Văn bản",
    "standard": "Tiêu chuẩn, quy chuẩn",
    "product": "Sản phẩm nhóm 2",
    "amendment": "Sửa đổi",
}
LIST_SIZE = 20


def _index(request: Request) -> StandardsIndex:
    runtime = request.app.state.runtime
    index: StandardsIndex = runtime.service().standards.index
    return index


def _render(request: Request, template: str, context: dict[str, Any]) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    response: Response = templates.TemplateResponse(request, template, context)
    return response


@router.get("/tieu-chuan", response_class=HTMLResponse)
def standards_page(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    page: Annotated[int, Query(ge=1, le=50)] = 1,
) -> Response:
    """The catalogue, newest first, filtered by words of the number, title or scope."""
    found = listing(_index(request), q, page, LIST_SIZE)
    return _render(request, "standards.html", {"listing": found, "q": q, "page": page})


@router.get("/tieu-chuan/tra-cuu", response_class=HTMLResponse)
def lookup_page(
    request: Request, so: Annotated[str, Query(min_length=1, max_length=200)]
) -> Response:
    """A number as typed: its record page, or the candidates, or who cites it."""
    found = lookup(_index(request), so)
    if found.record is not None:
        return RedirectResponse(standard_href(found.record.id), status_code=303)
    return _render(request, "standard_lookup.html", {"lookup": found})


@router.get("/tieu-chuan/{record_id}", response_class=HTMLResponse)
def standard_page(request: Request, record_id: Annotated[str, Path(max_length=200)]) -> Response:
    """A record: status with evidence, chain, amendments, facts, full text, citing texts."""
    index = _index(request)
    record = index.get(record_id)
    if record is None:
        raise ApiError(
            404, "standard_not_found", f"Không có tiêu chuẩn, quy chuẩn mã {record_id!r}."
        )
    return _render(request, "standard.html", {"record": detail(index, record)})


def link_numbers(index: StandardsIndex, text: str) -> Markup:
    """``text`` escaped, each QCVN/TCVN number in it a link to its record page (or to the
    lookup page when the catalogue has no single record for it)."""
    text = unicodedata.normalize("NFC", text)
    parts: list[str] = []
    last = 0
    for match in find_doc_matches(text):
        if match.ref.kind not in ("qcvn", "tcvn"):
            continue
        start, end = match.number_span
        shown = text[start:end]
        found = index.lookup(shown).record
        href = standard_href(found.id) if found else standard_lookup_href(shown)
        parts += [str(escape(text[last:start])), f'<a class="std" href="{escape(href)}">']
        parts += [str(escape(shown)), "</a>"]
        last = end
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))


def status_class(value: str | None) -> str:
    """The CSS class of a status badge."""
    return STATUS_CLASSES.get(value or "", "unknown")


def install_filters(app: FastAPI, templates: Jinja2Templates) -> None:
    """The template helpers of the standards pages (numbers link through ``app``'s index)."""

    def linked(text: str) -> Markup:
        return link_numbers(app.state.runtime.service().standards.index, text)

    templates.env.filters["link_numbers"] = linked
    templates.env.filters["status_class"] = status_class
    templates.env.globals["standard_href"] = standard_href
    templates.env.globals["standard_lookup_href"] = standard_lookup_href
    templates.env.globals["kind_labels"] = KIND_LABELS
