"""The web UI: server-rendered pages (Jinja2) over the same service as the API, htmx partials.

``/`` is the search page (works without JavaScript); ``/ket-qua`` returns only the results
fragment for htmx and tells it which ``/?…`` URL to show; ``/van-ban/{id}`` is a whole
document with its table of contents; ``/van-ban/{id}/dieu/{n}`` is one article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from indexer.models import DocumentMeta
from search_api.deps import RuntimeDep, SettingsDep, StoreDep, rate_limit
from search_api.documents import (
    Anchors,
    AsOf,
    DocId,
    article_detail,
    document_detail,
    load_article,
    load_document,
)
from search_api.errors import ApiError, ErrorDetail
from search_api.graph_views import relations
from search_api.runtime import Runtime
from search_api.schemas import MAX_PAGE, MAX_QUERY_CHARS, SearchResponse
from standards.models import StandardRecord
from web import graph_pages, standards_pages
from web.links import citation_href
from web.search_view import PAGE_SIZE, SearchView, error_message, read_params
from web.search_view import to_request as page_request

WEB_DIR = Path(__file__).parent
FILTER_LABELS = {
    "type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "year": "Năm ban hành",
    "status": "Tình trạng",
    "collection": "Bộ sưu tập",
    "kind": "Loại kết quả",
    "agency": "Bộ ban hành tiêu chuẩn",
    "ics": "Nhóm ICS",
}
MODES = {"hybrid": "Kết hợp", "lexical": "Từ khóa", "semantic": "Ngữ nghĩa"}

router = APIRouter(include_in_schema=False)


def _templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


def _search_context(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> dict[str, Any]:
    """Run the search the URL describes (if any) and gather what the templates show."""
    params = read_params(_multi(request))
    view = SearchView(params)
    context: dict[str, Any] = {
        "view": view,
        "modes": MODES,
        "filter_labels": FILTER_LABELS,
        "max_query_chars": MAX_QUERY_CHARS,
        "response": None,
        "error": None,
        "status": 200,
        "pages": [],
    }
    if not view.value("q"):
        return context
    try:
        search = page_request(params)
    except ValidationError as error:
        context["error"], context["status"] = error_message(error), 422
        return context
    rate_limit(request, settings)
    try:
        response = runtime.search(search)
    except ApiError as error:
        if error.status != 422:
            raise
        context["error"] = f"Tham số không hợp lệ ({error.detail.field}): {error.detail.message}"
        context["status"] = 422
        return context
    context["response"] = response
    context["pages"] = _pages(response, search.page)
    return context


def _multi(request: Request) -> dict[str, list[str]]:
    return {key: request.query_params.getlist(key) for key in request.query_params}


def _pages(response: SearchResponse, current: int) -> list[int]:
    """Page numbers to offer: a window around the current page, within the bounds."""
    last = min(MAX_PAGE, max(1, -(-response.total // PAGE_SIZE)))
    return list(range(max(1, current - 3), min(last, current + 3) + 1))


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> Response:
    """The search page, results included when the URL has a query."""
    context = _search_context(request, runtime, settings)
    return _templates(request).TemplateResponse(
        request, "search.html", context, status_code=context["status"]
    )


@router.get("/ket-qua", response_class=HTMLResponse)
def results_fragment(request: Request, runtime: RuntimeDep, settings: SettingsDep) -> Response:
    """Only the results block, for htmx; ``HX-Push-Url`` names the equivalent page."""
    context = _search_context(request, runtime, settings)
    context["htmx"] = True
    response = _templates(request).TemplateResponse(
        request, "_results.html", context, status_code=context["status"]
    )
    response.headers["HX-Push-Url"] = context["view"].url("/")
    return response


@router.get("/van-ban/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request, doc_id: DocId, store: StoreDep, runtime: RuntimeDep, as_of: AsOf = None
) -> Response:
    """A whole document: metadata, validity on ``as_of`` with its evidence, related
    documents, table of contents, structured text with its references as links."""
    document = load_document(store, doc_id)
    graph = runtime.service().graph
    key = graph.key_of(doc_id)
    context = {
        "detail": document_detail(document, graph, as_of),
        "record": _record_of(request, document.meta),
        "relations": relations(graph, key) if key else None,
        "as_of": as_of.isoformat() if as_of else None,
    }
    return _templates(request).TemplateResponse(request, "document.html", context)


@router.get("/van-ban/{doc_id}/dieu/{article}", response_class=HTMLResponse)
def article_page(
    request: Request,
    doc_id: DocId,
    article: str,
    store: StoreDep,
    runtime: RuntimeDep,
    as_of: AsOf = None,
) -> Response:
    """One article with its clauses and points, its validity, relations and who cites it,
    and links to its neighbours."""
    document, node = load_article(store, doc_id, article)
    articles = document.articles()
    position = next(i for i, a in enumerate(articles) if a is node)
    context = {
        "detail": article_detail(document, node, runtime.service().graph, as_of),
        "previous": articles[position - 1].number if position > 0 else None,
        "next": articles[position + 1].number if position + 1 < len(articles) else None,
        "anchor": Anchors(document)[node],
        "record": _record_of(request, document.meta),
        "as_of": as_of.isoformat() if as_of else None,
    }
    return _templates(request).TemplateResponse(request, "article.html", context)


def _record_of(request: Request, meta: DocumentMeta) -> StandardRecord | None:
    """The catalogue record of a document (a full text or a record document), if any."""
    runtime: Runtime = request.app.state.runtime
    return runtime.service().standards.index.record_of(meta)


def vn_date(iso: str | None) -> str:
    """An ISO date as Vietnamese write it ("2006-11-21" → "21/11/2006")."""
    if iso and len(iso) == 10 and iso[4] == "-" and iso[7] == "-":
        return f"{iso[8:]}/{iso[5:7]}/{iso[:4]}"
    return iso or ""


def render_error(request: Request, status: int, detail: ErrorDetail) -> Response:
    """An error as a page (or, for htmx, as the results fragment)."""
    template = "_error.html" if request.headers.get("hx-request") else "error.html"
    return _templates(request).TemplateResponse(
        request, template, {"status": status, "detail": detail}, status_code=status
    )


def install_web(app: FastAPI) -> None:
    """Mount the UI on ``app``: pages, static files and HTML error pages."""
    templates = Jinja2Templates(directory=WEB_DIR / "templates")
    templates.env.globals["citation_href"] = citation_href
    templates.env.filters["vn_date"] = vn_date
    standards_pages.install_filters(app, templates)
    graph_pages.install_filters(app, templates)
    app.state.templates = templates
    app.state.html_errors = render_error
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    app.include_router(router)
    app.include_router(standards_pages.router)
    app.include_router(graph_pages.router)
