"""Markdown legal texts: docs.diepxuan.com pages (metadata table, summary, full text) and
plain Markdown transcriptions (a QCVN whose headings are its structure).

A diepxuan page starts with YAML front matter; its h1/h2 headings are the page's own frame.
Two kinds exist: full texts of one document ("## VĂN BẢN" after a metadata table and a
"TÓM TẮT" summary, which is skipped), and renderings of a pháp-điển đề mục ("Điều 19.8.LQ.1."
headings with source notes), which are read like the pháp-điển HTML. Without front matter,
the first h1 is the title and every other heading is text ("# PHẦN 1 – …", "## 1.1 …").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from indexer.parse.phapdien.articles import Event
from indexer.structure import MetaFields
from indexer.structure import patterns as p
from indexer.structure.blocks import Block, join_continuations, table_block
from indexer.structure.ids import STANDARD_PATTERN, normalize_number
from indexer.structure.meta import find_date
from indexer.structure.patterns import PARAGRAPH_START
from indexer.structure.text import clean_line

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:\s*\"?(.*?)\"?\s*$", re.MULTILINE)
_SKIPPED_SECTIONS = ("TÓM TẮT", "THÔNG TIN VĂN BẢN")
_CODE_HEADING = re.compile(r"^Điều\s+\d+\.\d+\.[A-ZĐ]+\.")
_UNKNOWN = {"đang cập nhật", "không xác định", ""}
# "QCVN 06:2022/BXD – An toàn cháy …": a title that starts with the document's number.
_TITLE_NUMBER = re.compile(rf"^({STANDARD_PATTERN})\s*[–—:.-]?\s*")


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return clean_line("".join(parts))


@dataclass(frozen=True)
class MarkdownPage:
    """A Markdown page: text blocks, metadata table (label → value), title, and whether the
    page is framed by front matter (a diepxuan page) or is a plain transcription."""

    blocks: list[Block]
    table: dict[str, str]
    title: str | None
    framed: bool

    def known(self) -> MetaFields:
        """What the page states outright: its metadata table, or for a plain transcription
        the number and title of its h1 ("QCVN 06:2022/BXD – An toàn cháy …")."""
        known = known_meta(self.table)
        if not self.framed and self.title and (number := _TITLE_NUMBER.match(self.title)):
            known.number = known.number or normalize_number(number.group(1))
            known.title = known.title or self.title[number.end() :].strip() or None
        return known


def markdown_page(text: str) -> MarkdownPage:
    """The blocks, metadata table and title of a Markdown page."""
    front = _FRONT_MATTER.match(text)
    title_match = _FRONT_TITLE.search(front.group()) if front else None
    title = title_match.group(1) if title_match else None
    tokens = MarkdownIt("commonmark").enable("table").parse(text[front.end() if front else 0 :])
    blocks: list[Block] = []
    table: dict[str, str] = {}
    skipping, in_meta = False, False
    rows: list[list[str]] | None = None
    heading_level = 0
    for token in tokens:
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "inline" and heading_level:
            content = _inline_text(token)
            if front is None and heading_level == 1 and title is None and not blocks:
                title = content  # the page title of a plain transcription
            elif front is None:
                blocks.append(Block(content))  # headings are the document's own structure
            else:
                if heading_level <= 2:
                    skipping = content.upper().startswith(_SKIPPED_SECTIONS)
                    in_meta = content.upper().startswith("THÔNG TIN VĂN BẢN")
                if not skipping and heading_level > 2:  # h1/h2 are the page's own frame
                    blocks.append(Block(content))
            heading_level = 0
        elif token.type == "table_open":
            rows = []
        elif token.type == "tr_open" and rows is not None:
            rows.append([])
        elif token.type == "inline" and rows is not None and rows:
            rows[-1].append(_inline_text(token))
        elif token.type == "table_close" and rows is not None:
            if in_meta:
                table.update({r[0]: r[1] for r in rows if len(r) >= 2})
            elif not skipping and (block := table_block(rows)):
                blocks.append(block)
            rows = None
        elif token.type == "inline" and not skipping:
            blocks.append(Block(_inline_text(token)))
    blocks = [b for b in blocks if b.text]
    return MarkdownPage(
        join_continuations(blocks, PARAGRAPH_START), table, title, framed=front is not None
    )


def known_meta(table: dict[str, str]) -> MetaFields:
    """Metadata stated by the page's "THÔNG TIN VĂN BẢN" table."""

    def value(label: str) -> str | None:
        raw = table.get(label, "").strip()
        return None if raw.lower() in _UNKNOWN else raw

    number = value("Số hiệu")
    bases = value("Căn cứ pháp lý")
    return MetaFields(
        number=normalize_number(number) if number else None,
        type=value("Loại văn bản"),
        issuer=value("Nơi ban hành"),
        issued_date=find_date(f"ngày {value('Ngày ban hành') or ''}"),
        effective_date=find_date(f"ngày {value('Ngày hiệu lực') or ''}"),
        legal_bases=[b.strip() for b in bases.split(";") if b.strip()] if bases else [],
    )


def is_phapdien_rendering(blocks: list[Block]) -> bool:
    """True when the page renders a pháp-điển đề mục ("Điều 19.8.LQ.1." headings)."""
    return sum(1 for b in blocks[:400] if _CODE_HEADING.match(b.text)) >= 2


def phapdien_events(blocks: list[Block], demuc: str) -> Iterator[Event]:
    """The same events as the pháp-điển HTML reader, from a Markdown rendering."""
    yield ("demuc", demuc, None)
    previous = ""
    for block in blocks:
        text = block.text
        if not block.table and any(rx.match(text) for rx in (p.CHUONG, p.MUC, p.TIEU_MUC, p.PHAN)):
            role = "heading"
        elif previous == "heading" and text == text.upper() and not _CODE_HEADING.match(text):
            role = "heading_title"
        elif _CODE_HEADING.match(text):
            role = "article"
        elif previous == "article" and text.startswith("("):
            role = "note"
        elif text.startswith("(Điều này có nội dung liên quan"):
            role = "related"
        else:
            role = "body"
        if role == "body":
            yield from (("body", line, None) for line in text.split("\n"))
        else:
            yield (role, text, None)
        previous = role
