"""The standards catalogue of one store, ready for the API and the pages.

:class:`StandardsIndex` is loaded from what ingest derived (:mod:`ingest.catalogue_derived`):
the catalogue, its version graph (status with evidence on today's date), the applicability
index, the provisions that mention each number, the vbpl.vn list and the documents of the
corpus. It answers number lookups honestly: one record, the candidates of a partial
number, or "chưa có trong cơ sở dữ liệu" with the texts that cite it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from indexer.cite.find import find_doc_matches
from indexer.models import DocumentMeta
from indexer.records import document_keys
from indexer.store.base import Store
from ingest.catalogue_derived import (
    Mention,
    StoredCatalogue,
    load_catalogue,
    load_mentions,
    load_vbpl_links,
)
from standards.applicability import ApplicabilityIndex
from standards.chains import VersionGraph
from standards.documents import COLLECTION, ID_PREFIX, document_key
from standards.keys import record_keys
from standards.models import Catalogue, ProductRecord, StandardRecord
from standards.numbers import Lookup
from standards.status import Status

NOT_IN_DATABASE = "chưa có trong cơ sở dữ liệu"
ON_VBPL = "có trên vbpl.vn, chưa có trong cơ sở dữ liệu"
IN_CORPUS = "có trong cơ sở dữ liệu"


@dataclass(frozen=True)
class DocumentRef:
    """What is known of a document a record or a query names."""

    text: str
    key: str | None
    document_id: str | None
    vbpl_url: str | None

    @property
    def note(self) -> str:
        if self.document_id:
            return IN_CORPUS
        return ON_VBPL if self.vbpl_url else NOT_IN_DATABASE


class StandardsIndex:
    """Catalogue, version graph, applicability, mentions and links of one store."""

    def __init__(
        self,
        stored: StoredCatalogue,
        mentions: dict[str, list[Mention]],
        vbpl: dict[str, dict[str, str]],
        documents: list[DocumentMeta],
        today: date | None = None,
    ) -> None:
        self.catalogue: Catalogue = stored.catalogue
        self.full_texts = stored.full_texts
        self.graph = VersionGraph(self.catalogue, snapshot=today)
        self.mentions = mentions
        self.vbpl = vbpl
        texts = [m for m in documents if m.collection != COLLECTION]
        self.documents = {k: m.id for m in texts for k in document_keys(m)[:1]}
        self.text_collections = sorted({m.collection for m in texts})
        self._owners = self._mention_owners()

    @classmethod
    def load(cls, store: Store, today: date | None = None) -> StandardsIndex:
        """The index of what the last ingest into ``store`` derived."""
        return cls(
            load_catalogue(store),
            load_mentions(store),
            load_vbpl_links(store),
            store.list_documents(),
            today,
        )

    def __bool__(self) -> bool:
        return len(self.catalogue) > 0

    @cached_property
    def applicability(self) -> ApplicabilityIndex:
        return ApplicabilityIndex(self.catalogue, self.graph)

    def _mention_owners(self) -> dict[str, list[str]]:
        """Record key → the mention keys that name it (a text may write "QCVN 4:2009")."""
        owners: dict[str, list[str]] = defaultdict(list)
        for key, found in self.mentions.items():
            if not key.startswith(("qcvn_", "tcvn_")):
                continue
            looked = self.catalogue.lookup(found[0].display)
            if looked.record is not None:
                owners[looked.record.key].append(key)
        return owners

    # -- records ---------------------------------------------------------------------------

    def get(self, record_id: str) -> StandardRecord | None:
        """The record with this page id ("qcvn-4-2009-bkhcn") or key."""
        return self.catalogue.get(record_id)

    def status(self, record: StandardRecord) -> Status:
        """The status of ``record`` today, with its evidence."""
        return self.graph.status(record)

    def lookup(self, text: str) -> Lookup:
        """Forgiving number lookup over the catalogue."""
        return self.catalogue.lookup(text)

    def full_text(self, record: StandardRecord) -> str | None:
        """Id of the stored full text of ``record``, if the corpus has it."""
        return self.full_texts.get(record.key)

    def record_of(self, meta: DocumentMeta) -> StandardRecord | None:
        """The record of a stored document: itself for a record, its record for a full text."""
        if meta.collection == COLLECTION and meta.id.startswith(ID_PREFIX):
            return self.get(meta.id.removeprefix(ID_PREFIX))
        return self.catalogue.resolve(meta.number) if meta.number else None

    def products_of(self, record: StandardRecord) -> list[ProductRecord]:
        """The nhóm-2 rows that name ``record`` or another version of its line."""
        line = {v.record.key for v in self.graph.chain(record).versions if v.record}
        rows = []
        for product in self.catalogue.products:
            named = (self.catalogue.resolve(n) for n in product.qcvn)
            bases = {(self.catalogue.base_of(r) or r).key for r in named if r}
            if bases & line:
                rows.append(product)
        return rows

    # -- what the corpus says of a number ---------------------------------------------------

    def mentions_of(self, record: StandardRecord) -> list[Mention]:
        """The provisions that name ``record`` (by its full number or a spelling of it)."""
        keys = dict.fromkeys([record.key, *self._owners.get(record.key, [])])
        return [m for key in keys for m in self.mentions.get(key, [])]

    def mentions_of_key(self, key: str) -> list[Mention]:
        """The provisions that name the document number with this key."""
        return self.mentions.get(key, [])

    def document_ref(self, text: str) -> DocumentRef:
        """Whether a document named in ``text`` is in the corpus, on vbpl.vn, or neither."""
        key = document_key(text)
        link = self.vbpl.get(key) if key else None
        return DocumentRef(text, key, self.documents.get(key or ""), link["url"] if link else None)

    def legal_refs(self, text: str) -> list[DocumentRef]:
        """The legal documents (not standards) a query names, with what is known of each."""
        found = []
        for match in find_doc_matches(text):
            if match.ref.kind not in ("qcvn", "tcvn"):
                key = match.ref.key
                link = self.vbpl.get(key)
                url = link["url"] if link else None
                title = link["title"] if link else match.ref.display
                found.append(DocumentRef(title, key, self.documents.get(key), url))
        return found

    def key_of(self, number: str) -> str:
        """The catalogue key of a number as written."""
        return record_keys(number).key
