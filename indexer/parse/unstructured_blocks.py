"""Blocks from ``unstructured`` elements (DOCX and generic HTML)."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from typing import Any

import lxml.etree
import lxml.html

from indexer.parse.limits import RejectedFile
from indexer.parse.offline import use_local_spacy_model
from indexer.structure.blocks import Block, table_block
from indexer.structure.text import clean_lines

_SKIPPED = {"PageBreak", "Image", "Header", "Footer", "PageNumber"}


def elements_to_blocks(elements: Iterable[Any]) -> list[Block]:
    """One block per element line; tables rendered row by row from their HTML."""
    blocks: list[Block] = []
    for element in elements:
        category = getattr(element, "category", type(element).__name__)
        if category in _SKIPPED:
            continue
        if category == "Table":
            block = _table(element)
            if block is not None:
                blocks.append(block)
            continue
        blocks.extend(Block(line) for line in clean_lines(element.text or ""))
    return blocks


def _table(element: Any) -> Block | None:
    html = getattr(element.metadata, "text_as_html", None)
    if not html:
        lines = clean_lines(element.text or "")
        return Block("\n".join(lines), table=True) if lines else None
    root = lxml.html.fromstring(html)
    rows = [[cell.text_content() for cell in tr.xpath("./td|./th")] for tr in root.iter("tr")]
    return table_block(rows)


def docx_blocks(data: bytes) -> list[Block]:
    """Blocks of a DOCX file, read with ``unstructured.partition.docx``."""
    use_local_spacy_model()
    from unstructured.partition.docx import partition_docx

    try:
        elements = partition_docx(file=BytesIO(data), infer_table_structure=True)
    except (KeyError, AttributeError, ValueError, TypeError, lxml.etree.LxmlError) as exc:
        # a zip whose Word parts are missing or malformed (e.g. a crafted document.xml)
        raise RejectedFile(
            f"not a valid DOCX: its package is malformed ({type(exc).__name__}: {exc})"
        ) from exc
    return elements_to_blocks(elements)


def check_html_depth(data: bytes) -> None:
    """Refuse HTML nested deeper than libxml2 reads (256 levels): everything below that depth
    would be dropped without a word, and a page made only of it would seem to hold no text."""
    parser = lxml.html.HTMLParser()
    lxml.etree.HTML(data, parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise RejectedFile(
            "HTML nested too deeply: elements more than 256 levels deep cannot be read"
        )


def html_blocks(data: bytes) -> list[Block]:
    """Blocks of a generic HTML page (scripts and styles are not content)."""
    check_html_depth(data)
    use_local_spacy_model()
    from unstructured.partition.html import partition_html

    text = data.decode("utf-8", errors="replace")
    return elements_to_blocks(partition_html(text=text, languages=["vie"]))
