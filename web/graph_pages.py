"""The legal graph in the web UI: validity badges, references in a text as links, and the
page of a document (or article) the database does not hold, listing who cites it
(``/van-ban-chua-co/{key}``).

A reference links to the cited article at its clause or point anchor when the database has
it, to the document when only the document is named, and otherwise to the "not in the
database" page; QCVN/TCVN numbers keep their catalogue links (:mod:`web.standards_pages`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from graph.models import Endpoint
from search_api.errors import ApiError
from search_api.graph_index import GraphIndex
from search_api.graph_schemas import ReferenceOut, RelationOut, UnitOut
from search_api.graph_views import cited_by_out, relations, unit_out
from search_api.standards import StandardsIndex
from web.links import missing_href, unit_href
from web.standards_pages import link_numbers

router = APIRouter(include_in_schema=False)

#: The CSS class of a badge by state: in force, amended, partly or wholly ended, not yet.
STATE_CLASSES = {
    "con_hieu_luc": "in-force",
    "chua_sua_doi": "in-force",
    "da_sua_doi_bo_sung": "amended",
    "het_hieu_luc_mot_phan": "partly",
    "het_hieu_luc": "out-of-force",
    "chua_co_hieu_luc": "not-yet",
    "khong_ro": "unknown",
}
_STANDARD_KEYS = ("qcvn_", "tcvn_")


def _index(request: Request) -> GraphIndex:
    index: GraphIndex = request.app.state.runtime.service().graph
    return index


def state_class(state: str | None) -> str:
    """The CSS class of a validity badge."""
    return STATE_CLASSES.get(state or "", "unknown")


def target_href(target: UnitOut) -> str:
    """Where a reference's target is read: its article (at the anchor), its document, or
    the page saying the database does not hold it."""
    if target.in_database and target.document_id:
        return unit_href(target.document_id, target.article, target.anchor)
    return missing_href(target.key, target.article, target.clause, target.point)


def linked_text(index: StandardsIndex, text: str, references: Sequence[ReferenceOut]) -> Markup:
    """``text`` escaped, each resolved reference a link (to its first target; the title
    names them all), each QCVN/TCVN number outside them a catalogue link."""
    text = unicodedata.normalize("NFC", text)
    parts: list[str] = []
    last = 0
    for ref in sorted(references, key=lambda r: r.start):
        if ref.start < last or not ref.targets or ref.targets[0].key.startswith(_STANDARD_KEYS):
            continue
        target = ref.targets[0]
        title = "; ".join(t.label + ("" if t.in_database else " (chưa có)") for t in ref.targets)
        kind = "ref" if target.in_database else "ref missing"
        parts += [str(link_numbers(index, text[last : ref.start]))]
        parts += [
            f'<a class="{kind}" href="{escape(target_href(target))}" title="{escape(title)}">'
        ]
        parts += [str(escape(text[ref.start : ref.end])), "</a>"]
        last = ref.end
    parts.append(str(link_numbers(index, text[last:])))
    return Markup("".join(parts))


def distinct(relations: Sequence[RelationOut]) -> list[RelationOut]:
    """One relation per (kind, acting unit, affected unit), in first-read order, with the
    best evidence: what the acting document says of itself (its title first) before what
    a third document says of it."""

    def rank(r: RelationOut) -> tuple[bool, bool]:
        return (r.evidence.at.key != r.source.key, r.evidence.source != "title")

    best: dict[tuple[str, str, str], RelationOut] = {}
    for r in relations:
        key = (r.kind, r.source.label, r.target.label)
        if key not in best or rank(r) < rank(best[key]):
            best[key] = r
    return list(best.values())


@router.get("/van-ban-chua-co/{key}", response_class=HTMLResponse)
def missing_page(
    request: Request,
    key: Annotated[str, Path(max_length=120)],
    dieu: Annotated[str | None, Query(max_length=20)] = None,
    khoan: Annotated[str | None, Query(max_length=20)] = None,
    diem: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """A document (or unit) the database does not hold: what the graph knows of it and the
    units that cite it."""
    index = _index(request)
    if key not in index.graph.documents:
        raise ApiError(404, "document_not_found", f"Không có văn bản nào được viện dẫn là {key!r}.")
    unit = Endpoint(key, dieu, khoan if dieu else None, diem if dieu and khoan else None)
    context = {
        "unit": unit_out(index, unit),
        "document": unit_out(index, Endpoint(key)),
        "relations": relations(index, key),
        "cited": cited_by_out(index, key, dieu),
    }
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "missing.html", context)


def install_filters(app: FastAPI, templates: Jinja2Templates) -> None:
    """The template helpers of the graph (links resolve through ``app``'s catalogue)."""

    def linked(text: str, references: Sequence[ReferenceOut] = ()) -> Markup:
        return linked_text(app.state.runtime.service().standards.index, text, references)

    templates.env.filters["linked"] = linked
    templates.env.filters["state_class"] = state_class
    templates.env.filters["distinct"] = distinct
    templates.env.globals["target_href"] = target_href
