"""Amendment markers in a consolidated text: "[SĐ1]" after a clause amended by Sửa đổi 1.

A transcription that merges an amendment into the base text marks the amended clauses
("1.1.2 Quy chuẩn này áp dụng … [SĐ1]") and says once, usually in its header, what the
marker stands for ("Các điều khoản đánh dấu [SĐ1] đã được sửa đổi/bổ sung theo Thông tư
09/2023/TT-BXD"). The marker is taken out of the text and kept as the clause's status in
:attr:`~indexer.models.Node.note`: "sửa đổi bởi Sửa đổi 1:2023 (Thông tư 09/2023/TT-BXD)".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.models import Node
from indexer.structure.ids import NUMBER_PATTERN, normalize_number

MARKER = re.compile(r"\s*\[\s*SĐ\s*(\d{1,2})\s*\]")
_LEGEND = re.compile(
    r"\[\s*SĐ\s*(\d{1,2})\s*\][^\n\[]*?\b(?:theo|bởi|tại)\s+"
    rf"(Thông tư liên tịch|Thông tư|Quyết định|Nghị định)\s+(?:số\s+)?({NUMBER_PATTERN})"
)
_YEAR = re.compile(r"/((?:19|20)\d{2})/")


def legends(lines: Iterable[str]) -> dict[str, str]:
    """Marker number → the clause status it stands for, from lines that explain markers."""
    found: dict[str, str] = {}
    for line in lines:
        for m in _LEGEND.finditer(line):
            number = normalize_number(m.group(3))
            year = _YEAR.search(number)
            amendment = f"Sửa đổi {m.group(1)}" + (f":{year.group(1)}" if year else "")
            found.setdefault(m.group(1), f"sửa đổi bởi {amendment} ({m.group(2)} {number})")
    return found


def _take_markers(text: str) -> tuple[str, list[str]]:
    numbers = MARKER.findall(text)
    return (MARKER.sub("", text).rstrip(), numbers) if numbers else (text, [])


def mark_amended(nodes: Iterable[Node], legend: dict[str, str]) -> int:
    """Move every marker out of the titles and texts of ``nodes`` (and their descendants)
    into the node's note; returns how many nodes were marked."""
    marked = 0
    for top in nodes:
        for node in top.walk():
            node.title, in_title = _take_markers(node.title)
            node.text, in_text = _take_markers(node.text)
            numbers = list(dict.fromkeys(in_title + in_text))
            if not numbers:
                continue
            notes = [legend.get(n, f"sửa đổi bởi Sửa đổi {n}") for n in numbers]
            node.note = "; ".join(filter(None, [node.note, *notes]))
            marked += 1
    return marked
