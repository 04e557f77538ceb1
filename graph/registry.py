"""The documents of a corpus under their citation keys, with their dates and a key lookup.

A document's key is the key of its number ("127/2007/NĐ-CP" → "127_2007_nd_cp"), else of the
first number in its title, else its id. Its effective date is the one its own text states
("Thông tư này có hiệu lực thi hành kể từ ngày …"), else the pháp-điển note's date.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from graph.dates import own_effective_date
from graph.models import DocInfo, Endpoint, Evidence
from indexer.cite.find import doc_keys, find_doc_refs
from indexer.models import Node, ParsedDocument


@dataclass(frozen=True)
class Registry:
    """Documents by key, the key of each parsed document, and partial keys made whole."""

    documents: dict[str, DocInfo]
    keys: dict[str, str]  # document id → key
    partial: dict[str, str]  # "127_2007" → "127_2007_nd_cp" when only one document matches

    def lookup(self, key: str) -> str | None:
        """The full key for a key that may be partial; None when unknown or ambiguous."""
        return key if key in self.documents else self.partial.get(key)


def document_key(doc: ParsedDocument) -> str:
    """The citation key of a parsed document."""
    for text in (doc.meta.number, doc.meta.title):
        refs = find_doc_refs(text) if text else []
        if refs:
            return refs[0].key
    return doc.meta.id


def _display(doc: ParsedDocument, key: str) -> str:
    for text in (doc.meta.number, doc.meta.title):
        refs = find_doc_refs(text) if text else []
        if refs:
            return refs[0].display
    return doc.meta.number or doc.meta.title or key


def _lines(nodes: Iterable[Node]) -> Iterator[tuple[Node, str]]:
    for node in nodes:
        for sub in node.walk():
            for line in sub.text.split("\n"):
                yield sub, line


def _effective(doc: ParsedDocument, key: str) -> tuple[str | None, Evidence | None]:
    """The document's own statement of its effective date, else the pháp-điển note's."""
    for article in doc.articles():
        for _, line in _lines([article]):
            if date := own_effective_date(line, doc.meta.issued_date):
                return date, Evidence(Endpoint(key, article.number), "text", line)
    note = next((a for a in doc.articles() if a.note and doc.meta.effective_date), None)
    if note is not None and note.note:
        return doc.meta.effective_date, Evidence(Endpoint(key, note.number), "note", note.note)
    return doc.meta.effective_date, None


def doc_info(doc: ParsedDocument) -> DocInfo:
    """What the graph records of one parsed document."""
    key = document_key(doc)
    effective, evidence = _effective(doc, key)
    return DocInfo(
        key=key,
        display=_display(doc, key),
        title=doc.meta.title,
        type=doc.meta.type,
        doc_id=doc.meta.id,
        issued=doc.meta.issued_date,
        effective=effective,
        effective_evidence=evidence,
    )


def build_registry(docs: Iterable[ParsedDocument]) -> Registry:
    """The registry of ``docs``; the first document under a key wins."""
    documents: dict[str, DocInfo] = {}
    keys: dict[str, str] = {}
    for doc in docs:
        info = doc_info(doc)
        documents.setdefault(info.key, info)
        keys[doc.meta.id] = info.key
    return Registry(documents=documents, keys=keys, partial=partial_keys(documents.values()))


def partial_keys(documents: Iterable[DocInfo]) -> dict[str, str]:
    """Partial keys ("127_2007") made whole, where only one of ``documents`` matches."""
    candidates: dict[str, set[str]] = {}
    for info in documents:
        for short in doc_keys(info.display)[1:]:
            candidates.setdefault(short, set()).add(info.key)
    return {short: next(iter(full)) for short, full in candidates.items() if len(full) == 1}
