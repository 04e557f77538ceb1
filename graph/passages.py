"""The sentences of a document with the unit each sits in: what relations are read from.

A sentence ending with ":" carries the list items that follow it ("Các Thông tư sau hết hiệu
lực …: a) Thông tư số …; b) …"), because the items complete it. Sentences end at "." before a
capital letter, never at ";", which also separates the parts of one reference ("khoản 2 Điều 3;
khoản 4 Điều 12 Thông tư …").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.models import Endpoint, EvidenceSource
from indexer.models import Node

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐ(])")
_LINE_END = re.compile(r"[.;:!?…)\]]\s*$")


@dataclass(frozen=True)
class Passage:
    """One sentence, where it sits, what kind of text it is, and the items it announces."""

    at: Endpoint
    text: str
    source: EvidenceSource = "text"
    items: tuple[Passage, ...] = ()


def sentences(text: str) -> list[str]:
    """The sentences of a node's text; hard-wrapped lines are joined first."""
    joined: list[str] = []
    for line in (part.strip() for part in text.split("\n")):
        if not line:
            continue
        if joined and not _LINE_END.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return [s for line in joined for s in _SENTENCE_END.split(line) if s]


def _child_at(at: Endpoint, child: Node) -> Endpoint:
    if child.kind == "khoan":
        return Endpoint(at.doc, at.article, child.number)
    if child.kind == "diem" and at.clause is not None:
        return Endpoint(at.doc, at.article, at.clause, child.number)
    return at


def node_passages(node: Node, at: Endpoint) -> Iterator[Passage]:
    """The sentences of ``node`` (sitting at ``at``) and of the nodes below it."""
    children = [(child, _child_at(at, child)) for child in node.children]
    own = sentences(node.text)
    for i, sentence in enumerate(own):
        items: tuple[Passage, ...] = ()
        if i == len(own) - 1 and sentence.endswith(":"):
            items = tuple(p for c, c_at in children for p in node_passages(c, c_at))
        yield Passage(at, sentence, "text", items)
    for child, child_at in children:
        yield from node_passages(child, child_at)
