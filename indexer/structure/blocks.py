"""The common intermediate form: every format parser turns a file into a list of blocks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from indexer.structure.text import clean_line, clean_lines


@dataclass(frozen=True)
class Block:
    """One paragraph (or one rendered table) of a document, in reading order.

    Tables are never read as headings: ``table`` keeps them out of the structure parser's way.
    """

    text: str
    table: bool = False


def text_blocks(lines: Iterable[str]) -> list[Block]:
    """Blocks from raw lines: each non-empty line, cleaned, becomes one block."""
    return [Block(line) for raw in lines for line in clean_lines(raw)]


def table_block(rows: Sequence[Sequence[str]]) -> Block | None:
    """Render table rows as readable text: one row per line, cells joined by " | "."""
    lines = []
    for row in rows:
        cells = [clean_line(" ".join(cell.split())) for cell in row]
        cells = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]
        if cells:
            lines.append(" | ".join(cells))
    return Block("\n".join(lines), table=True) if lines else None


def join_continuations(blocks: list[Block], starts_unit: re.Pattern[str]) -> list[Block]:
    """Re-join paragraphs broken by a stray blank line: a block that starts in lower case
    (and not with a unit marker such as "a)") continues an unfinished previous block."""
    joined: list[Block] = []
    for block in blocks:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and not block.table
            and not prev.table
            and block.text[:1].islower()
            and not starts_unit.match(block.text)
            and not prev.text.endswith((".", ":", ";", "!", "?"))
        ):
            joined[-1] = Block(f"{prev.text} {block.text}")
        else:
            joined.append(block)
    return joined
