"""Build the structure tree of a document from its blocks.

Two grammars: legal documents (Phần › Chương › Mục › Tiểu mục › Điều › Khoản › Điểm, then
Phụ lục) and technical regulations/standards (numbered clauses "1", "1.1", "2.3.4", then
Phụ lục). Text before the first heading is the header (metadata); the passing formula and
signature block after the last article are the tail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from indexer.models import Node, NodeKind
from indexer.structure import patterns as p
from indexer.structure.amendments import MARKER
from indexer.structure.blocks import Block
from indexer.structure.body import parse_body, split_number
from indexer.structure.text import word_count

Mode = Literal["legal", "sections", "flat"]
_CONTAINERS: list[tuple[NodeKind, re.Pattern[str]]] = [
    ("phan", p.PHAN),
    ("chuong", p.CHUONG),
    ("muc", p.MUC),
    ("tieu_muc", p.TIEU_MUC),
]
_LEVEL = {"phan": 0, "chuong": 1, "muc": 2, "tieu_muc": 3}
_TITLE_MAX_WORDS = 40


@dataclass
class Layout:
    """The parts of a document: header blocks, structure nodes, tail blocks."""

    header: list[Block] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    tail: list[Block] = field(default_factory=list)


def detect_mode(blocks: list[Block]) -> Mode:
    """Legal grammar when articles exist, numbered clauses when several "x.y" lines exist."""
    texts = [b.text for b in blocks if not b.table]
    if any(re.match(r"^Điều\s*1(?:\s*[.:]|\s)", t) for t in texts):
        return "legal"
    if sum(1 for t in texts if (m := p.SECTION.match(t)) and "." in m.group(1)) >= 3:
        return "sections"
    return "flat"


def build(blocks: list[Block], mode: Mode) -> Layout:
    """Build the layout of ``blocks`` with the grammar ``mode``."""
    if mode == "legal":
        return _LegalBuilder().run(blocks)
    if mode == "sections":
        return _SectionBuilder().run(blocks)
    text = "\n".join(b.text for b in blocks)
    return Layout(header=blocks[:12], nodes=[Node(kind="section", text=text)] if text else [])


def _article_follows(number: str, previous: str | None) -> bool:
    """Articles go up by one (a few may be missing from a copy) or insert "5a" after "5"."""
    if previous is None:
        return True
    value, suffix = split_number(number)
    prev_value, prev_suffix = split_number(previous)
    if not suffix and 1 <= value - prev_value <= 3:
        return True
    return value == prev_value and suffix > prev_suffix


def _is_appendix_heading(text: str, *, strict: bool) -> re.Match[str] | None:
    match = p.PHU_LUC.match(text)
    if not match or word_count(match.group(2)) > _TITLE_MAX_WORDS:
        return None
    capitals = text.startswith("PHỤ LỤC")
    if (strict and not capitals) or not (capitals or match.group(1)):
        return None  # "Phụ lục này …" is prose
    return match


class _Builder:
    """Shared bookkeeping: the open unit, its pending lines, headings waiting for a title."""

    def __init__(self) -> None:
        self.layout = Layout()
        self.unit: Node | None = None
        self.lines: list[str] = []
        self.awaiting: Node | None = None
        self.appendix: Node | None = None

    def add_text(self, text: str) -> None:
        if self.unit is not None:
            self.lines.append(text)
        elif self.appendix is not None:
            self.appendix.text = f"{self.appendix.text}\n{text}".strip()
        else:
            self.orphan(text)

    def orphan(self, text: str) -> None:
        self.layout.header.append(Block(text))

    def take_title(self, text: str) -> bool:
        node, self.awaiting = self.awaiting, None
        if node is None or word_count(text) > _TITLE_MAX_WORDS or self.is_heading(text):
            return False
        node.title = text
        return True

    def is_heading(self, text: str) -> bool:
        raise NotImplementedError

    def close_unit(self) -> None:
        raise NotImplementedError

    def open_appendix(self, match: re.Match[str]) -> None:
        current = self.appendix
        if current is not None and match.group(1) and match.group(1) == current.number:
            current.text = f"{current.text}\n{match.group(0)}".strip()  # a form of the same Phụ lục
            return
        self.close_unit()
        self.appendix = Node(kind="phu_luc", number=match.group(1) or "", title=match.group(2))
        self.layout.nodes.append(self.appendix)
        self.awaiting = self.appendix if not match.group(2) else None


class _LegalBuilder(_Builder):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[Node] = []
        self.phase: Literal["header", "body", "tail"] = "header"
        self.last_article: str | None = None

    def run(self, blocks: list[Block]) -> Layout:
        for block in blocks:
            self.feed(block)
        self.close_unit()
        return self.layout

    def is_heading(self, text: str) -> bool:
        return bool(p.DIEU.match(text) or any(rx.match(text) for _, rx in _CONTAINERS))

    def orphan(self, text: str) -> None:
        if self.stack:
            top = self.stack[-1]
            top.text = f"{top.text}\n{text}".strip()
        else:
            super().orphan(text)

    def feed(self, block: Block) -> None:
        text = block.text
        if self.phase == "header":
            if block.table or not self.is_heading(text):
                self.layout.header.append(block)
                return
            self.phase = "body"
        first_line = text.split("\n", 1)[0]
        appendix = None if block.table else _is_appendix_heading(text, strict=self.phase == "body")
        if appendix:
            self.phase = "tail"
            self.open_appendix(appendix)
        elif self.appendix is not None:
            if not self.take_title(text):
                self.add_text(text)
        elif self.phase == "tail" or p.TAIL.match(first_line):
            self.close_unit()
            self.phase = "tail"
            self.layout.tail.append(block)
        elif block.table:
            self.add_text(text)
        else:
            self.feed_line(text)

    def feed_line(self, text: str) -> None:
        for kind, rx in _CONTAINERS:
            if match := rx.match(text):
                self.open_container(kind, match)
                return
        article = p.DIEU.match(text)
        if article and _article_follows(article.group(1), self.last_article):
            self.close_unit()
            self.awaiting = None
            self.unit = Node(kind="dieu", number=article.group(1), title=article.group(2))
            self.last_article = article.group(1)
            (self.stack[-1].children if self.stack else self.layout.nodes).append(self.unit)
            return
        if not self.take_title(text):
            self.add_text(text)

    def open_container(self, kind: NodeKind, match: re.Match[str]) -> None:
        self.close_unit()
        number = p.phan_number(match.group(1)) if kind == "phan" else match.group(1)
        node = Node(kind=kind, number=number, title=match.group(2))
        while self.stack and _LEVEL[self.stack[-1].kind] >= _LEVEL[kind]:
            self.stack.pop()
        (self.stack[-1].children if self.stack else self.layout.nodes).append(node)
        self.stack.append(node)
        self.awaiting = None if node.title else node

    def close_unit(self) -> None:
        if self.unit is not None:
            self.unit.text, children = parse_body(self.lines)
            self.unit.children.extend(children)
        self.unit, self.lines = None, []


def _path(number: str) -> list[int]:
    """The numbers of a section: "2.3.4" → [2, 3, 4]; "A.1.2" (in Phụ lục A) → [1, 2]."""
    return [int(part) for part in number.split(".") if part.isdigit()]


def _section_follows(new: list[int], current: list[int] | None, first: int = 1) -> bool:
    """Whether section ``new`` can follow section ``current`` (None: the first one, whose
    leading number is ``first``: 1, or n in Phần n)."""
    if current is None:
        return len(new) <= 2 and new[0] == first and all(x == 1 for x in new[1:])
    if len(new) == len(current) + 1 and new[:-1] == current and new[-1] == 1:
        return True
    k = len(new)
    return k <= len(current) and new[:-1] == current[: k - 1] and 1 <= new[-1] - current[k - 1] <= 2


def _next_label(label: str) -> str | None:
    """The label of the next Phụ lục: "A" → "B", "2" → "3"; None for others (roman …)."""
    if label.isdigit():
        return str(int(label) + 1)
    if len(label) == 1 and "A" <= label < "Z":
        return chr(ord(label) + 1)
    return None


class _SectionBuilder(_Builder):
    """Numbered clauses, optionally grouped in PHẦN 1, 2 … (QCVN 06:2022/BXD), then Phụ lục
    whose own clauses are lettered ("A.1", "A.1.1" in Phụ lục A)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[Node] = []
        self.part: Node | None = None

    def run(self, blocks: list[Block]) -> Layout:
        for block in blocks:
            if block.table:
                self.add_text(block.text)
            elif not p.TOC_LINE.search(block.text):
                self.feed_line(block.text)
        self.close_unit()
        return self.layout

    def is_heading(self, text: str) -> bool:
        return bool(p.SECTION.match(text) or p.PHU_LUC.match(text))

    def feed_line(self, text: str) -> None:
        if self.appendix is not None:
            self.feed_appendix_line(text)
            return
        part = p.PHAN.match(text) if text.startswith("PHẦN") else None
        if part and p.phan_number(part.group(1)) == str(self.next_part()):
            self.open_part(part)
            return
        section = p.SECTION.match(text)
        current = _path(self.unit.number) if self.unit is not None else None
        first = int(self.part.number) if self.part is not None else 1
        if section and _section_follows(_path(section.group(1)), current, first):
            self.open_section(section.group(1), section.group(2))
            return
        appendix = _is_appendix_heading(text, strict=False)
        if appendix and self.unit is not None:
            self.open_appendix(appendix)
            return
        if not self.take_title(text):
            self.add_text(text)

    def feed_appendix_line(self, text: str) -> None:
        """A line inside a Phụ lục: a lettered clause of it, another Phụ lục, or text."""
        assert self.appendix is not None
        section = p.APPENDIX_SECTION.match(text)
        current = _path(self.unit.number) if self.unit is not None else None
        if (
            section
            and section.group(1).split(".")[0] == self.appendix.number
            and _section_follows(_path(section.group(1)), current)
        ):
            self.open_section(section.group(1), section.group(2))
            return
        appendix = _is_appendix_heading(text, strict=False)
        if appendix and (
            _is_appendix_heading(text, strict=True)
            or _next_label(self.appendix.number) == appendix.group(1)
        ):
            self.open_appendix(appendix)
        elif not self.take_title(text):
            self.add_text(text)

    def next_part(self) -> int:
        return int(self.part.number) + 1 if self.part is not None else 1

    def open_part(self, match: re.Match[str]) -> None:
        self.close_unit()
        self.part = Node(kind="phan", number=p.phan_number(match.group(1)), title=match.group(2))
        self.layout.nodes.append(self.part)
        self.stack = []
        self.awaiting = None if self.part.title else self.part

    def open_appendix(self, match: re.Match[str]) -> None:
        current = self.appendix
        super().open_appendix(match)
        if self.appendix is not current:
            self.stack = []

    def open_section(self, number: str, rest: str) -> None:
        self.close_unit()
        node = Node(kind="section", number=number)
        bare = MARKER.sub("", rest).rstrip()  # an amendment marker does not make a title
        if word_count(bare) <= 25 and not bare.endswith((".", ";", ":")):
            node.title = rest
        else:
            self.lines.append(rest)
        depth = number.count(".") + 1
        while self.stack and self.stack[-1].number.count(".") + 1 >= depth:
            self.stack.pop()
        holder = self.stack[-1] if self.stack else (self.appendix or self.part)
        (holder.children if holder else self.layout.nodes).append(node)
        self.stack.append(node)
        self.unit = node

    def close_unit(self) -> None:
        if self.unit is not None:
            text, points = parse_body(self.lines, clauses=False)
            self.unit.text = text
            self.unit.children.extend(points)
        self.unit, self.lines = None, []
