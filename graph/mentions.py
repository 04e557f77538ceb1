"""A sentence's mentions: its references grouped by span and resolved in context, and the
edges that need no cue (references, legal bases)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graph.models import Edge, Endpoint, Evidence
from graph.passages import Passage
from indexer.cite.reference_models import RefContext
from indexer.cite.reference_resolve import Lookup, resolve_references
from indexer.cite.references import find_references


@dataclass
class Mention:
    """One reference in a sentence: its span, resolved targets, and the role a cue gave it."""

    start: int
    end: int
    targets: tuple[Endpoint, ...]
    this: bool = False
    role: str | None = None


@dataclass(frozen=True)
class Setting:
    """What reading a sentence needs besides its text: where it is, how to resolve, dates."""

    passage: Passage
    context: RefContext
    lookup: Lookup | None = None
    effective: Callable[[str], str | None] = lambda key: None


@dataclass
class Reading:
    """A sentence's mentions, the edges read from them, and the mentions that start a clause
    and that no cue took (its heads)."""

    mentions: list[Mention]
    edges: list[Edge] = field(default_factory=list)
    heads: list[Mention] = field(default_factory=list)


def mentions(setting: Setting) -> list[Mention]:
    """The references of the sentence grouped by span, resolved in its context."""
    found = find_references(setting.passage.text)
    refs = resolve_references(found, setting.context, setting.lookup)
    by_span: dict[tuple[int, int], Mention] = {}
    for ref in refs:
        mention = by_span.setdefault(ref.span, Mention(ref.start, ref.end, ()))
        if ref.target_doc_key is None:
            continue
        target = Endpoint(ref.target_doc_key, ref.article, ref.clause, ref.point)
        mention.targets += (target,)
        mention.this = ref.doc_source == "this" and ref.inherit == "document"
    return [m for m in by_span.values() if m.targets]


def basis_edges(passage: Passage, reading: Reading) -> list[Edge]:
    """can_cu edges from a "Căn cứ …" line's document to each basis it names; documents
    named inside a basis's title ("… sửa đổi, bổ sung … của Nghị định X") are not bases."""
    evidence = Evidence(passage.at, passage.source, passage.text)
    return [
        Edge("can_cu", passage.at, target, evidence)
        for m in reading.mentions
        if m.role in (None, "subject", "target", "agent")
        for target in m.targets
    ]


def reference_edges(passage: Passage, reading: Reading) -> list[Edge]:
    """dan_chieu edges from the sentence's unit to every unit it cites, itself excluded."""
    evidence = Evidence(passage.at, passage.source, passage.text)
    return [
        Edge("dan_chieu", passage.at, target, evidence)
        for m in reading.mentions
        for target in m.targets
        if not target.covers(passage.at)
    ]
