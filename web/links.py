"""Where things live in the web UI: document, article, citation and standard URLs."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from search_api.anchors import citation_anchor
from search_api.schemas import CitationOut


def document_href(doc_id: str) -> str:
    """The page of a whole document."""
    return f"/van-ban/{quote(doc_id, safe='')}"


def citation_href(doc_id: str, citation: CitationOut) -> str:
    """Where a citation points: the article page at the clause or point, the document at a
    QCVN section, else the document."""
    document = document_href(doc_id)
    anchor = citation_anchor(citation)
    if citation.article:
        return f"{document}/dieu/{quote(citation.article, safe='')}#{anchor}"
    return f"{document}#{anchor}" if anchor else document


def unit_href(doc_id: str, article: str | None, anchor: str | None) -> str:
    """An article page at an anchor ("…/dieu/5#dieu-5-khoan-2"), or the document."""
    document = document_href(doc_id)
    if article is None:
        return document
    page = f"{document}/dieu/{quote(article, safe='')}"
    return f"{page}#{anchor}" if anchor else page


def missing_href(
    key: str, article: str | None = None, clause: str | None = None, point: str | None = None
) -> str:
    """The page of a document or unit the database does not hold, listing who cites it."""
    units = [("dieu", article), ("khoan", clause), ("diem", point)]
    query = urlencode([(name, value) for name, value in units if value])
    page = f"/van-ban-chua-co/{quote(key, safe='')}"
    return f"{page}?{query}" if query else page


def standard_href(record_id: str) -> str:
    """The page of a catalogue record."""
    return f"/tieu-chuan/{quote(record_id, safe='')}"


def standard_lookup_href(number: str) -> str:
    """The page of a number as written: its record, its candidates, or who cites it."""
    return f"/tieu-chuan/tra-cuu?so={quote(number, safe='')}"
