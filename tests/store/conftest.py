"""Real records for the store contract: the first documents of the Pháp điển 19.8 page."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from field_corpus import field_corpus_dir

from indexer.analysis import Analyzer
from indexer.chunk import chunk_document
from indexer.embed.cache import CachedEmbedder
from indexer.models import ParsedDocument
from indexer.parse import parse_paths
from indexer.store.base import IndexRecord
from indexer.store.opensearch.store import OpenSearchStore
from ingest.pipeline import content_hash, index_records

#: Luật 68/2006/QH11 plus a decree and a circular of the same đề mục (mixed types and years).
DOCUMENTS = ("68-2006-qh11", "127-2007-nd-cp", "28-2012-tt-bkhcn")
CHUNKS_PER_DOCUMENT = 12


@pytest.fixture(scope="session")
def documents() -> list[ParsedDocument]:
    page = next(field_corpus_dir().glob("19.8_*.html"))
    parsed = {d.meta.id: d for d in parse_paths([page]) if isinstance(d, ParsedDocument)}
    return [parsed[doc_id] for doc_id in DOCUMENTS]


@pytest.fixture(scope="session")
def records(documents: list[ParsedDocument], embedder: CachedEmbedder) -> list[IndexRecord]:
    items = [
        (chunk, doc.meta, content_hash(chunk, doc.meta, embedder.model_id))
        for doc in documents
        for chunk in chunk_document(doc)[:CHUNKS_PER_DOCUMENT]
    ]
    return index_records(items, Analyzer(), embedder)


@pytest.fixture
def opensearch_store(opensearch_url: str) -> Iterator[OpenSearchStore]:
    """A store of its own on the node (a fresh index prefix), dropped afterwards."""
    store = OpenSearchStore(opensearch_url, prefix=f"test-{uuid.uuid4().hex[:12]}")
    yield store
    store.drop()
    store.close()
