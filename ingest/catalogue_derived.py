"""What the standards catalogue derives from the store: the catalogue itself, and which
chunks mention which document number. Both are rebuilt by the one rule of
:mod:`ingest.derived`; the vbpl.vn list is a source artefact (:data:`VBPL_LINKS`).

* :data:`CATALOGUE`: every record stored in the ``catalogue`` collection (its full data is in
  ``DocumentMeta.record``), plus a record for each stored QCVN/TCVN full text the catalogue
  lacks and for each amendment its clauses name (:mod:`standards.full_texts`), and which
  stored document is the full text of which number.
* :data:`MENTIONS`: for every document number the citation finder sees in a chunk of a text
  (not of a record), the chunks that name it, with their citation and a snippet.

Artefacts are zlib-compressed JSON.
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from indexer.cite.find import find_doc_matches
from indexer.models import DocumentMeta
from indexer.records import document_keys
from indexer.store.base import Hit, Store
from standards.documents import COLLECTION
from standards.full_texts import amendment_records, is_standard_number, text_record
from standards.keys import record_keys
from standards.models import Catalogue
from standards.serial import catalogue_from_records, record_to_dict

CATALOGUE = "catalogue"
MENTIONS = "mentions"
VBPL_LINKS = "vbpl-links"
SNIPPET_CHARS = 90
_STANDARD_KINDS = ("qcvn", "tcvn")


def pack(value: Any) -> bytes:
    """JSON, compressed."""
    return zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def unpack(data: bytes | None) -> Any:
    """The value of :func:`pack` (None for a missing artefact)."""
    return json.loads(zlib.decompress(data).decode("utf-8")) if data else None


def _full_texts(store: Store, metas: list[DocumentMeta], catalogue: Catalogue) -> dict[str, Any]:
    """Stored full texts by record key, and the records they add to the catalogue."""
    texts: dict[str, str] = {}
    added: list[dict[str, Any]] = []
    for meta in metas:
        if meta.collection == COLLECTION or not is_standard_number(meta.number):
            continue
        assert meta.number is not None
        texts.setdefault(record_keys(meta.number).key, meta.id)
        record = text_record(meta)
        if record is not None and catalogue.resolve(record.number) is None:
            added.append(record_to_dict(record))
        document = store.get_document(meta.id)
        for amendment in amendment_records(meta, document.nodes if document else []):
            if catalogue.resolve(amendment.number) is None:
                added.append(record_to_dict(amendment))
    return {"full_texts": texts, "added": added}


def build_catalogue(store: Store) -> bytes:
    """The catalogue artefact (see the module docstring)."""
    metas = store.list_documents()
    records = [m.record for m in metas if m.collection == COLLECTION and m.record]
    found = _full_texts(store, metas, catalogue_from_records(records))
    return pack({"records": records + found["added"], "full_texts": found["full_texts"]})


@dataclass(frozen=True)
class StoredCatalogue:
    """The catalogue as stored, and the document id of each full text by record key."""

    catalogue: Catalogue
    full_texts: dict[str, str]


def load_catalogue(store: Store) -> StoredCatalogue:
    """The catalogue artefact of ``store`` (empty when none was built)."""
    payload = unpack(store.get_artifact(CATALOGUE)) or {}
    return StoredCatalogue(
        catalogue_from_records(payload.get("records", [])), payload.get("full_texts", {})
    )


@dataclass(frozen=True)
class Mention:
    """A chunk that names a document number: where it is and what it says around it."""

    key: str
    display: str
    chunk: str
    doc: str
    label: str
    title: str
    number: str | None
    article: str | None
    clause: str | None
    section: str | None
    snippet: str


def _kept(kind: str, key: str) -> bool:
    """Standard numbers, and legal numbers with their issuer ("68_2006_qh11", not "68_2006")."""
    return kind in _STANDARD_KINDS or key.count("_") >= 2


def _snippet(text: str, start: int, end: int) -> str:
    left, right = max(0, start - SNIPPET_CHARS), min(len(text), end + SNIPPET_CHARS)
    return f"{'…' if left else ''}{text[left:right].strip()}{'…' if right < len(text) else ''}"


def chunk_mentions(hit: Hit) -> list[Mention]:
    """The document numbers a chunk names (once each), its own document's number left out."""
    own = set(document_keys(hit.document))
    chunk, citation, found = hit.chunk, hit.chunk.citation, {}
    for m in find_doc_matches(chunk.text):
        key = m.ref.key
        if key in own or key in found or not _kept(m.ref.kind, key):
            continue
        found[key] = Mention(
            key, m.ref.display, chunk.id, chunk.doc_id, citation.label, hit.document.title,
            hit.document.number, citation.article, citation.clause, citation.section,
            _snippet(chunk.text, m.start, m.end),
        )  # fmt: skip
    return list(found.values())


def build_mentions(store: Store) -> bytes:
    """The mentions artefact: {document key: [mention, …]} over every chunk of a text."""
    index: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for hit in store.scan():
        if hit.document.collection != COLLECTION:
            for mention in chunk_mentions(hit):
                index[mention.key].append(asdict(mention))
    return pack(index)


def load_mentions(store: Store) -> dict[str, list[Mention]]:
    """The mentions artefact of ``store`` by document key (empty when none was built)."""
    payload = unpack(store.get_artifact(MENTIONS)) or {}
    return {key: [Mention(**m) for m in found] for key, found in payload.items()}


def load_vbpl_links(store: Store) -> dict[str, dict[str, str]]:
    """{document key: {"url", "title"}} of the vbpl.vn list stored at ingest (or empty)."""
    data = store.get_artifact(VBPL_LINKS)
    return json.loads(data.decode("utf-8")) if data else {}
