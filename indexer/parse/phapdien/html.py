"""Events from a Bộ pháp điển HTML file (one đề mục), read with lxml by CSS class."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

from indexer.parse.phapdien.articles import Event
from indexer.structure.blocks import table_block
from indexer.structure.text import clean_line, clean_lines

_ATTACHMENT = re.compile(r"/hobj/|\.(?:docx?|pdf|xlsx?|zip|rar)$", re.IGNORECASE)
_HEADING_MARKERS = {"pChuong", "pDieu", "pGhiChu", "pChiDan"}
_BLOCK_TAGS = {"p", "div", "table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6"}


def is_phapdien_html(data: bytes) -> bool:
    """True for the pháp-điển offline package's đề mục pages (they use the pDieu class)."""
    head = data[:400_000]
    return b"class='pDieu'" in head or b'class="pDieu"' in head


def html_events(data: bytes) -> Iterator[Event]:
    """Walk the page in order and name each paragraph's role from its class."""
    root = lxml.html.document_fromstring(data.decode("utf-8-sig", errors="replace"))
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for link in list(root.iter("a")):
        if _ATTACHMENT.search(link.get("href") or ""):
            link.drop_tree()  # attachment names written without diacritics, not content
    for h3 in root.iter("h3"):
        lines = clean_lines(h3.text_content())
        if lines and lines[0].startswith("Đề mục"):
            yield ("demuc", " ".join([lines[0].removeprefix("Đề mục ").strip(), *lines[1:]]), None)
            break
    # Broken markup closes the "_content" div early in some pages: walk the whole body.
    scope = root.body
    markers = [e for e in scope.iter() if (e.get("class") or "") in _HEADING_MARKERS]
    holders = {a for m in markers for a in m.iterancestors()}  # keeps the proxies alive
    yield from _walk(scope, holders)


def _walk(parent: lxml.html.HtmlElement, holders: set[lxml.html.HtmlElement]) -> Iterator[Event]:
    """Events of ``parent``'s children; broken markup can nest entries inside other tags."""
    for element in parent.iterchildren():
        if not isinstance(element.tag, str):
            continue
        css = element.get("class") or ""
        if css == "pChuong":
            anchor = element.find("a")
            named = anchor is not None and anchor.get("name")
            yield (
                "heading" if named else "heading_title",
                clean_line(element.text_content()),
                None,
            )
        elif css == "pDieu":
            heading, *rest = clean_lines(element.text_content()) or [""]
            yield ("article", heading, None)
            yield from (("body", line, None) for line in rest)
        elif css == "pGhiChu":
            link = element.find(".//a")
            url = link.get("href") if link is not None else None
            yield ("note", " ".join(clean_lines(element.text_content())), url)
        elif css == "pChiDan":
            yield ("related", clean_line(element.text_content()), None)
        elif element in holders:
            if element.text and element.text.strip():
                yield from (("body", line, None) for line in clean_lines(element.text))
            yield from _walk(element, holders)
        else:
            yield from (("body", line, None) for line in _lines(element))
        if element.tail and element.tail.strip():
            yield from (("body", line, None) for line in clean_lines(element.tail))


def _lines(element: lxml.html.HtmlElement) -> Iterator[str]:
    """Text lines of one body element; tables become " | "-joined rows."""
    if element.tag == "table":
        rows = [[c.text_content() for c in tr.xpath("./td|./th")] for tr in element.iter("tr")]
        block = table_block(rows)
        if block is not None:
            yield from block.text.split("\n")
        return
    if any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
        if element.text and element.text.strip():
            yield from clean_lines(element.text)
        for child in element.iterchildren():
            if isinstance(child.tag, str):
                yield from _lines(child)
            if child.tail and child.tail.strip():
                yield from clean_lines(child.tail)
        return
    yield from clean_lines(element.text_content())
