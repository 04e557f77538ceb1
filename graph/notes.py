"""Amendment edges from pháp-điển source notes.

"(Điều 12 Thông tư số 28/2012/TT-BKHCN, có hiệu lực thi hành kể từ ngày 27/01/2013, có nội
dung được sửa đổi, có nội dung được bổ sung, có nội dung bị bãi bỏ bởi Điều 1 Thông tư số
02/2017/TT-BKHCN có hiệu lực thi hành kể từ ngày 15/05/2017; Điều 19 Thông tư số 06/2020/TT-BKHCN
có hiệu lực thi hành kể từ ngày 15/01/2020)": the first reference is the article, the flags
before "bởi" say what happened to it, each ";"-part after "bởi" names an amending article and
the date it took effect. With several acts and several kinds of change the note does not say
which act did what: those edges are marked uncertain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.dates import date_after
from graph.models import DateBasis, Edge, Effect, Endpoint, Evidence, RelationKind
from indexer.cite.reference_models import RefContext
from indexer.cite.reference_resolve import Lookup, resolve_references
from indexer.cite.references import find_references

_FLAG = re.compile(
    r"(?P<part>có\s+nội\s+dung\s+)?(?:được|bị|được/bị)\s+"
    r"(?P<verb>sửa\s+đổi(?:\s*,\s*bổ\s+sung)?|bổ\s+sung|bãi\s+bỏ|hủy\s+bỏ|ngưng\s+hiệu\s+lực)"
)
_BY = re.compile(r"\s+bởi\s+")
_KINDS: dict[str, RelationKind | None] = {
    "sửa đổi": "sua_doi_bo_sung",
    "bổ sung": "sua_doi_bo_sung",
    "bãi bỏ": "bai_bo",
    "hủy bỏ": "bai_bo",
    "ngưng hiệu lực": None,  # suspension: not a relation this graph models
}


def _flags(text: str) -> dict[RelationKind, Effect]:
    """What the note says happened, by kind: in part ("có nội dung …"), inserted ("được bổ
    sung" for a whole article) or to the whole article."""
    flags: dict[RelationKind, Effect] = {}
    for m in _FLAG.finditer(text):
        verb = " ".join(m.group("verb").split()).split(",")[0].strip()
        kind = _KINDS[verb]
        if kind is None:
            continue
        effect: Effect = "part" if m.group("part") else "insert" if verb == "bổ sung" else "whole"
        if kind not in flags or effect == "part":
            flags[kind] = effect
    return flags


def _amenders(text: str, lookup: Lookup | None) -> Iterator[tuple[Endpoint, str | None]]:
    """(amending unit, date in force) for each ";"-part after "bởi"."""
    for part in text.split(";"):
        refs = [r for r in resolve_references(find_references(part), RefContext(), lookup)]
        ref = next((r for r in refs if r.target_doc_key), None)
        if ref is None or ref.target_doc_key is None:
            continue
        stated = date_after(part)
        source = Endpoint(ref.target_doc_key, ref.article, ref.clause, ref.point)
        yield source, stated.iso if stated else None


def note_edges(note: str, article: Endpoint, lookup: Lookup | None = None) -> list[Edge]:
    """The amendment edges a source note gives for ``article`` (its document and number)."""
    by = _BY.search(note)
    if by is None:
        return []
    flags = _flags(note[: by.start()])
    amenders = list(_amenders(note[by.end() :], lookup))
    certain = len(amenders) == 1 or len(flags) == 1
    evidence = Evidence(article, "note", note)
    return [
        Edge(kind, source, article, evidence, date, _basis(date), effect, certain)
        for source, date in amenders
        for kind, effect in flags.items()
    ]


def _basis(date: str | None) -> DateBasis:
    return "stated" if date else "unknown"
