"""Resolve references against their context: a pure step, like eyecite's ``resolve``.

* relative references take the document (and the article, clause or point their ``inherit``
  names) from the :class:`RefContext`; when the context lacks it they stay unresolved;
* laws cited by name pick the entry of the ``laws`` table in force at the context's date; a
  name used before any entry, or with two candidates and no date, stays unresolved;
* partial keys ("127_2007" from "Nghị định 127/2007") become full keys through an injectable
  ``lookup`` (the documents a caller knows); without one they stay partial.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from indexer.cite.reference_models import ContextLevel, RefContext, Reference
from indexer.cite.reference_spec import doc_key, law_candidates

Lookup = Callable[[str], str | None]
_DEPTH: dict[ContextLevel, int] = {"document": 0, "article": 1, "clause": 2, "point": 3}


def resolve_references(
    refs: Iterable[Reference], context: RefContext, lookup: Lookup | None = None
) -> list[Reference]:
    """Each reference with its target filled in where the context and the tables allow."""
    return [resolve_reference(ref, context, lookup) for ref in refs]


def resolve_reference(
    ref: Reference, context: RefContext, lookup: Lookup | None = None
) -> Reference:
    """One reference resolved (see the module docstring); unresolvable ones keep None."""
    if ref.relative:
        return _from_context(ref, context)
    if ref.doc_source == "name" and ref.target_doc_display:
        return replace(ref, target_doc_key=_law_key(ref.target_doc_display, context.date))
    if ref.doc_source == "number" and ref.target_doc_key and lookup is not None:
        return replace(ref, target_doc_key=lookup(ref.target_doc_key) or ref.target_doc_key)
    return ref


def _from_context(ref: Reference, context: RefContext) -> Reference:
    depth = _DEPTH[ref.inherit or "document"]
    inherited = (context.article, context.clause, context.point)[:depth]
    own = (ref.article, ref.clause, ref.point)
    if context.doc_key is None or None in inherited:
        return replace(ref, target_doc_key=None)
    article, clause, point = (*inherited, *own[depth:])
    return replace(
        ref,
        target_doc_key=context.doc_key,
        target_doc_display=context.doc_display,
        article=article,
        clause=clause,
        point=point,
    )


def _law_key(display: str, date: str | None) -> str | None:
    """The key of the law ``display`` names ("Luật Đo lường", "… năm 2006") as of ``date``."""
    name, _, year = display.partition(" năm ")
    candidates = law_candidates(name, year or None)
    if date is not None:
        candidates = tuple(law for law in candidates if law.since <= date)
        if candidates:
            return doc_key(max(candidates, key=lambda law: law.since).number)
        return None
    return doc_key(candidates[0].number) if len(candidates) == 1 else None
