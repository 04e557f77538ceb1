"""Where things live in the web UI: document, article, citation and standard URLs."""

from __future__ import annotations

from urllib.parse import quote

from search_api.documents import citation_anchor
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


def standard_href(record_id: str) -> str:
    """The page of a catalogue record."""
    return f"/tieu-chuan/{quote(record_id, safe='')}"


def standard_lookup_href(number: str) -> str:
    """The page of a number as written: its record, its candidates, or who cites it."""
    return f"/tieu-chuan/tra-cuu?so={quote(number, safe='')}"
