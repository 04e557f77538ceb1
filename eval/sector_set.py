"""The sector evaluation set: queries a business or an official of the standards, metrology and
quality (TĐC) field would type, judged at article level against the field corpus.

``eval/sets/sector.jsonl`` holds one object per line::

    {"id": "s001", "q": "...", "kind": "question", "split": "tune", "note": "...",
     "relevant": [{"doc": "05/2007/QH12", "article": "34"}, ...]}

``doc`` is the document number as the parser gives it (``DocumentMeta.number``, the document
named by the pháp-điển source note) and ``article`` the article number as a string ("4a").
``relevant`` lists every article that answers the query, the best first. Relevance was judged
only among the field documents (Pháp điển đề mục 19.1, 19.4, 19.8), also when the queries are
run against the whole Pháp điển. The ``split`` is fixed in the file: half of each kind tunes,
the other half is reported.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from indexer.models import ParsedDocument
from indexer.structure.ids import document_id

Kind = Literal["question", "keyword", "unaccented", "definition", "citation"]
Split = Literal["tune", "report"]
KINDS: tuple[Kind, ...] = get_args(Kind)
SPLITS: tuple[Split, ...] = get_args(Split)
DEFAULT_PATH = Path(__file__).resolve().parent / "sets" / "sector.jsonl"
_FIELDS = {"id", "q", "kind", "relevant", "split", "note"}


class SectorSetError(ValueError):
    """A malformed line of the set, or a judged article the corpus does not have."""


@dataclass(frozen=True)
class ArticleRef:
    """One judged article: the original document's number and the article number."""

    doc: str
    article: str


@dataclass(frozen=True)
class SectorQuery:
    """A query of the sector set with its relevant articles (best first)."""

    id: str
    text: str
    kind: Kind
    relevant: tuple[ArticleRef, ...]
    split: Split
    note: str

    @property
    def tuning(self) -> bool:
        """True for the half used to tune; the other half is reported."""
        return self.split == "tune"

    def gold(self, doc_ids: Mapping[str, str] | None = None) -> frozenset[str]:
        """The relevant unit keys ``"<doc id>#<article>"`` (:func:`search_api.fuse.unit_key`).

        Document ids come from ``doc_ids`` (number → id, see :func:`corpus_doc_ids`) when
        given, else from the number itself as the indexer derives them.
        """
        return frozenset(f"{_doc_id(ref.doc, doc_ids)}#{ref.article}" for ref in self.relevant)


def _doc_id(number: str, doc_ids: Mapping[str, str] | None) -> str:
    if doc_ids is not None and number in doc_ids:
        return doc_ids[number]
    return document_id(number, number)


def load_sector_set(
    path: str | Path | None = None, *, corpus: Iterable[ParsedDocument] | None = None
) -> list[SectorQuery]:
    """The queries of ``path`` (default ``eval/sets/sector.jsonl``), checked line by line.

    With ``corpus`` (the parsed field documents), every judged article must exist in it.
    Raises :class:`SectorSetError` on the first malformed line or on missing articles.
    """
    source = Path(path) if path is not None else DEFAULT_PATH
    queries: list[SectorQuery] = []
    ids: set[str] = set()
    texts: dict[str, str] = {}
    with source.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{source.name}:{line_no}"
            query = _query(_json_object(line, where), where)
            if query.id in ids:
                raise SectorSetError(f"{where}: duplicate id {query.id}")
            key = " ".join(query.text.lower().split())
            if key in texts:
                raise SectorSetError(f"{where}: same query as {texts[key]}")
            ids.add(query.id)
            texts[key] = query.id
            queries.append(query)
    if corpus is not None:
        missing = missing_articles(queries, corpus)
        if missing:
            shown = ", ".join(f"{qid}: {ref.doc} Điều {ref.article}" for qid, ref in missing)
            raise SectorSetError(f"judged articles not in the corpus: {shown}")
    return queries


def _json_object(line: str, where: str) -> dict[str, Any]:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SectorSetError(f"{where}: not JSON ({exc.msg})") from None
    if not isinstance(raw, dict):
        raise SectorSetError(f"{where}: not a JSON object")
    if set(raw) != _FIELDS:
        raise SectorSetError(f"{where}: fields must be {sorted(_FIELDS)}, got {sorted(raw)}")
    return raw


def _text(raw: dict[str, Any], name: str, where: str) -> str:
    value = raw[name]
    if not isinstance(value, str) or not value.strip():
        raise SectorSetError(f"{where}: {name} must be a non-empty string")
    return unicodedata.normalize("NFC", value.strip())


def _query(raw: dict[str, Any], where: str) -> SectorQuery:
    kind, split = raw["kind"], raw["split"]
    if kind not in KINDS:
        raise SectorSetError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if split not in SPLITS:
        raise SectorSetError(f"{where}: split {split!r} is not one of {', '.join(SPLITS)}")
    relevant = raw["relevant"]
    if not isinstance(relevant, list) or not relevant:
        raise SectorSetError(f"{where}: relevant must be a non-empty list")
    refs: list[ArticleRef] = []
    for item in relevant:
        if not isinstance(item, dict) or set(item) != {"doc", "article"}:
            raise SectorSetError(f"{where}: each relevant item needs exactly doc and article")
        ref = ArticleRef(doc=_text(item, "doc", where), article=_text(item, "article", where))
        if ref in refs:
            raise SectorSetError(f"{where}: {ref.doc} Điều {ref.article} judged twice")
        refs.append(ref)
    return SectorQuery(
        id=_text(raw, "id", where),
        text=_text(raw, "q", where),
        kind=kind,
        relevant=tuple(refs),
        split=split,
        note=_text(raw, "note", where),
    )


def corpus_doc_ids(corpus: Iterable[ParsedDocument]) -> dict[str, str]:
    """Document number → document id, for the documents that have a number."""
    return {doc.meta.number: doc.meta.id for doc in corpus if doc.meta.number}


def missing_articles(
    queries: Sequence[SectorQuery], corpus: Iterable[ParsedDocument]
) -> list[tuple[str, ArticleRef]]:
    """(query id, article) for every judged article that the corpus does not contain."""
    present = {
        ArticleRef(doc.meta.number, node.number)
        for doc in corpus
        if doc.meta.number
        for node in doc.articles()
    }
    return [(q.id, ref) for q in queries for ref in q.relevant if ref not in present]
