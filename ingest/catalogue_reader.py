"""Readers of the standards catalogue (qcvn/tcvn/nhom2 JSONL, agency CSV) and of the vbpl.vn
list of documents, and the readers every ingest uses (:data:`DEFAULT_READERS`).

Catalogue files are recognised by content (:func:`standards.loaders.sniff`), whatever their
name. All catalogue files of one ingest are read together: records with the same number are
merged (the file read later wins), amendments attached to their base, and each record is
stored with the status the version graph gives it on the day of the ingest. A line or row
that cannot be read is one failure naming its line; the rest loads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from indexer.models import ParseFailure, Provenance
from indexer.parse.batch import OriginLookup
from ingest.catalogue_derived import VBPL_LINKS
from ingest.readers import Reader, ReaderItem, SourceArtifact, file_provenance, head
from standards.chains import VersionGraph
from standards.documents import COLLECTION, product_document, record_document, vbpl_links
from standards.loaders import load_file, sniff
from standards.models import Catalogue


class CatalogueReader:
    """QCVN, TCVN and nhóm-2 records into the ``catalogue`` collection, one document each."""

    name = "catalogue"
    collection = COLLECTION

    def claims(self, path: Path) -> bool:
        data = head(path, 4096)
        return bool(data) and b"\x00" not in data and sniff(path) is not None

    def read(self, paths: Sequence[Path], origin: OriginLookup | None) -> Iterator[ReaderItem]:
        parts: list[Catalogue] = []
        records: dict[str, Provenance] = {}
        products: list[Provenance] = []
        for path in paths:
            try:
                part = load_file(path)
            except (OSError, UnicodeDecodeError, ValueError) as error:
                yield ParseFailure(str(path), f"không đọc được danh mục: {error}")
                continue
            where = file_provenance(path, origin)
            records.update({r.key: where for r in part.records})
            products += [where] * len(part.products)
            yield from (ParseFailure(e.path, f"dòng {e.line}: {e.reason}") for e in part.errors)
            parts.append(part)
        catalogue = Catalogue.build(parts)
        graph = VersionGraph(catalogue)
        for record in catalogue:
            doc = record_document(record, graph.status(record))
            doc.meta.provenance = records.get(record.key)
            yield doc
        for position, (product, where) in enumerate(zip(catalogue.products, products, strict=True)):
            doc = product_document(product, position)
            doc.meta.provenance = where
            yield doc


class VbplReader:
    """The vbpl.vn list of documents (``bkhcn_documents.json``) as a source artefact: which
    document numbers exist on vbpl.vn, with their page."""

    name = "vbpl"
    collection = COLLECTION

    def claims(self, path: Path) -> bool:
        data = head(path, 4096)
        return path.suffix.lower() == ".json" and b'"document_url"' in data and b'"Page_' in data

    def read(self, paths: Sequence[Path], origin: OriginLookup | None) -> Iterator[ReaderItem]:
        links: dict[str, dict[str, str]] = {}
        for path in paths:
            try:
                found = vbpl_links(path)
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
                yield ParseFailure(str(path), f"không đọc được danh sách vbpl.vn: {error!r}")
                continue
            for key, link in found.items():
                links.setdefault(key, {"url": link.url, "title": link.title})
        if links:
            data = json.dumps(links, ensure_ascii=False, sort_keys=True).encode("utf-8")
            yield SourceArtifact(VBPL_LINKS, data, ", ".join(map(str, paths)))


#: The readers of every ingest (kb ingest, the admin API, kb eval), before the parsers.
DEFAULT_READERS: tuple[Reader, ...] = (CatalogueReader(), VbplReader())
