"""Every node of a document gets a stable, unique HTML anchor: "dieu-5", "dieu-5-khoan-2",
"dieu-5-khoan-2-diem-a" ("diem-dd" for point đ), "chuong-ii", "muc-1-1" (a QCVN section
"1.1"), so the table of contents, the article page, citations and references can all link
into the full text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from indexer.models import Node, ParsedDocument
from search_api.schema_parts import CitationOut

_ANCHOR_PREFIX = {"section": "muc", "tieu_muc": "tieu-muc", "phu_luc": "phu-luc"}
# Nested under their parent's anchor; the other kinds are named on their own.
_NESTED = frozenset({"khoan", "diem", "muc", "tieu_muc"})


def _slug(text: str) -> str:
    """ "II" → "ii", "1.1" → "1-1", "đ" → "dd" (point đ) so that it differs from point d."""
    return re.sub(r"[^0-9a-z]+", "-", text.lower().replace("đ", "dd")).strip("-")


class Anchors:
    """Assigns each node of one document a unique anchor, in document order."""

    def __init__(self, document: ParsedDocument) -> None:
        self._by_node: dict[int, str] = {}
        used: set[str] = set()
        for node, parent in _walk_with_parent(document.nodes, None):
            base = f"{_ANCHOR_PREFIX.get(node.kind, node.kind)}-{_slug(node.number) or 'x'}"
            if node.kind in _NESTED and parent is not None:
                base = f"{self._by_node[id(parent)]}-{base}"
            anchor, n = base, 1
            while anchor in used:
                n += 1
                anchor = f"{base}-{n}"
            used.add(anchor)
            self._by_node[id(node)] = anchor

    def __getitem__(self, node: Node) -> str:
        return self._by_node[id(node)]


def _walk_with_parent(nodes: list[Node], parent: Node | None) -> Iterator[tuple[Node, Node | None]]:
    for node in nodes:
        yield node, parent
        yield from _walk_with_parent(node.children, node)


def unit_anchor(article: str, clause: str | None = None, point: str | None = None) -> str:
    """The anchor of an article, clause or point ("dieu-5-khoan-2-diem-a"); a range or list
    of clauses or points ("1-2", "a-c", "1, 2") opens at its first one."""
    anchor = f"dieu-{_slug(article)}"
    if clause:
        anchor += f"-khoan-{_slug(_first(clause))}"
        if point:
            anchor += f"-diem-{_slug(_first(point))}"
    return anchor


def _first(numbers: str) -> str:
    return re.split(r"\s*[-,–]\s*|\s+(?:và|đến)\s+", numbers.strip(), maxsplit=1)[0]


def citation_anchor(citation: CitationOut) -> str | None:
    """The anchor of the clause or point a citation names ("dieu-5-khoan-2"), or of its
    QCVN section ("muc-1-1"); None when it names only a document."""
    if citation.article:
        return unit_anchor(citation.article, citation.clause, citation.point)
    if citation.section:
        return f"muc-{_slug(citation.section)}"
    return None
