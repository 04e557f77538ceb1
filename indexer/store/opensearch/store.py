"""The OpenSearch store: BM25 over the analysed fields and Lucene HNSW k-NN, via opensearch-py."""

from __future__ import annotations

import base64
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
from opensearchpy import helpers
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import NotFoundError, TransportError

from indexer.codec import document_from_dict, meta_from_dict
from indexer.models import DocumentMeta, ParsedDocument
from indexer.store.base import Filters, Hit, IndexRecord, LexicalQuery, StoreUnavailableError
from indexer.store.deadline import call_timeout
from indexer.store.opensearch.actions import (
    HIT_FIELD,
    chunk_action,
    document_action,
    has_stored_hit,
    hit_from_raw,
    vector_action,
)
from indexer.store.opensearch.client import make_client
from indexer.store.opensearch.filters import filter_query
from indexer.store.opensearch.indices import (
    HIT_MAPPING,
    IndexNames,
    artifacts_index_body,
    chunks_index_body,
    documents_index_body,
)
from indexer.store.opensearch.query import (
    browse_body,
    dense_body,
    lexical_body,
    lucene_cosine_to_cosine,
)
from indexer.store.opensearch.retry import retry_unavailable

_PAGE = 1000
#: The chunks of a lexical-only ingest, still waiting for their vector.
_WITHOUT_VECTOR = {"bool": {"must_not": [{"exists": {"field": "vector"}}]}}


class OpenSearchStore:
    """A store on an OpenSearch cluster; every index name starts with ``prefix``.

    Reads wait at most ``timeout`` seconds each (less inside a
    :func:`~indexer.store.deadline.store_deadline`) and a timed-out read is not retried, so a
    hanging node costs a search seconds, not minutes; writes (bulk loads with a refresh) have
    the longer ``write_timeout``. Every call but a search is retried after each of
    ``retry_delays`` (none by default; an ingest waits out a restart with
    :data:`~indexer.store.opensearch.retry.RETRY_DELAYS`) while the cluster refuses connections
    or is not ready, then raises :class:`StoreUnavailableError`; :meth:`ping` has its own
    ``ping_timeout``.
    """

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "kb",
        dim: int = 384,
        timeout: float = 3.0,
        write_timeout: float = 120.0,
        ping_timeout: float = 0.5,
        retry_delays: Sequence[float] = (),
    ) -> None:
        self.client = make_client(url, timeout)
        self.timeout = timeout
        self.write_timeout = write_timeout
        self.ping_timeout = ping_timeout
        self.retry_delays = retry_delays
        self.names = IndexNames(prefix)
        self.dim = dim
        self._known_collections: set[str] = set()

    # -- index management ----------------------------------------------------------------

    def _ensure_index(self, name: str, body: dict[str, Any]) -> None:
        if not self.client.indices.exists(index=name):
            try:
                self.client.indices.create(
                    index=name, body=body, request_timeout=self.write_timeout
                )
            except TransportError as error:
                if error.error != "resource_already_exists_exception":
                    raise

    def _ensure_collection(self, collection: str) -> str:
        alias = self.names.chunks_alias(collection)
        if collection not in self._known_collections:
            if not self.client.indices.exists_alias(name=alias):
                concrete = self.names.chunks_concrete(collection)
                body = chunks_index_body(self.dim)
                body["aliases"] = {alias: {}, self.names.chunks_read: {}}
                self.client.indices.create(
                    index=concrete, body=body, request_timeout=self.write_timeout
                )
            else:  # an index made before the "hit" field existed takes it (a no-op after)
                self.client.indices.put_mapping(
                    index=alias,
                    body={"properties": {HIT_FIELD: HIT_MAPPING}},
                    request_timeout=self.write_timeout,
                )
            self._known_collections.add(collection)
        return alias

    def reindex(self, collection: str) -> str:
        """Copy a collection into a fresh index (current mapping) and swap both aliases
        to it in one atomic step; the old index is deleted. Returns the new index name.

        Interrupted before the swap, the old index keeps serving; the half-built copy it
        leaves behind no alias points to, and the next reindex deletes it first."""
        alias = self.names.chunks_alias(collection)
        old = list(self.client.indices.get_alias(name=alias))
        timeout = self.write_timeout
        self._delete_unaliased_copies(collection, old)
        new = self.names.chunks_concrete(collection)
        self.client.indices.create(
            index=new, body=chunks_index_body(self.dim), request_timeout=timeout
        )
        helpers.reindex(
            self.client,
            source_index=alias,
            target_index=new,
            scan_kwargs={"request_timeout": timeout},
            bulk_kwargs={"request_timeout": timeout},
        )
        self.client.indices.refresh(index=new, request_timeout=timeout)
        actions: list[dict[str, Any]] = [
            {"remove": {"index": index, "alias": name}}
            for index in old
            for name in (alias, self.names.chunks_read)
        ]
        actions += [
            {"add": {"index": new, "alias": name}} for name in (alias, self.names.chunks_read)
        ]
        self.client.indices.update_aliases(body={"actions": actions}, request_timeout=timeout)
        for index in old:
            self.client.indices.delete(index=index, request_timeout=timeout)
        return new

    def _delete_unaliased_copies(self, collection: str, serving: list[str]) -> None:
        """Delete the collection's stamped indices that no alias points to (left by an
        interrupted reindex)."""
        pattern = f"{self.names.chunks_alias(collection)}-*"
        stale = [
            index
            for index in self.client.indices.get(index=pattern, ignore_unavailable=True)
            if self.names.is_chunks_concrete(collection, index) and index not in serving
        ]
        if stale:
            self.client.indices.delete(index=",".join(stale), request_timeout=self.write_timeout)

    def drop(self) -> None:
        """Delete every index of this store (tests and benchmarks); names are resolved
        first, since clusters may refuse wildcard deletes."""
        patterns = f"{self.names.chunks_read}-*,{self.names.documents},{self.names.artifacts}"
        names = list(self.client.indices.get(index=patterns, ignore_unavailable=True))
        if names:
            self.client.indices.delete(index=",".join(names), request_timeout=self.write_timeout)
        self._known_collections.clear()

    # -- writing -------------------------------------------------------------------------

    @retry_unavailable
    def write(self, records: Sequence[IndexRecord]) -> int:
        if not records:
            return 0
        actions = [chunk_action(self._ensure_collection(r.document.collection), r) for r in records]
        written, _ = helpers.bulk(
            self.client,
            actions,
            refresh="wait_for",
            max_retries=3,
            request_timeout=self.write_timeout,
        )
        return int(written)

    @retry_unavailable
    def delete_chunks(self, chunk_ids: Sequence[str]) -> int:
        if not chunk_ids:
            return 0
        return self._delete_by_query({"ids": {"values": list(chunk_ids)}})

    def _delete_by_query(self, query: dict[str, Any], index: str | None = None) -> int:
        """Delete the matching documents with scan + bulk (the Maven integ-test
        distribution has no reindex module, hence no `_delete_by_query`)."""
        try:
            matches = list(
                helpers.scan(
                    self.client,
                    index=index or self.names.chunks_read,
                    query={"query": query, "_source": False},
                    size=_PAGE,
                    request_timeout=self.write_timeout,
                )
            )
        except NotFoundError:
            return 0
        actions = ({"_op_type": "delete", "_index": m["_index"], "_id": m["_id"]} for m in matches)
        deleted, _ = helpers.bulk(
            self.client,
            actions,
            refresh="wait_for",
            raise_on_error=False,
            request_timeout=self.write_timeout,
        )
        return int(deleted)

    @retry_unavailable
    def put_documents(self, documents: Sequence[ParsedDocument]) -> None:
        if not documents:
            return
        self._ensure_index(self.names.documents, documents_index_body())
        actions = (document_action(self.names.documents, doc) for doc in documents)
        helpers.bulk(
            self.client,
            actions,
            refresh="wait_for",
            max_retries=3,
            request_timeout=self.write_timeout,
        )

    @retry_unavailable
    def delete_documents(self, doc_ids: Sequence[str]) -> int:
        if not doc_ids:
            return 0
        self._delete_by_query({"terms": {"doc_id": list(doc_ids)}})
        return self._delete_by_query({"ids": {"values": list(doc_ids)}}, self.names.documents)

    @retry_unavailable
    def put_artifact(self, name: str, data: bytes) -> None:
        self._ensure_index(self.names.artifacts, artifacts_index_body())
        self.client.index(
            index=self.names.artifacts,
            id=name,
            body={"data": base64.b64encode(data).decode("ascii")},
            refresh="wait_for",
            request_timeout=self.write_timeout,
        )

    # -- reading -------------------------------------------------------------------------

    @retry_unavailable
    def get_artifact(self, name: str) -> bytes | None:
        try:
            found = self.client.get(
                index=self.names.artifacts, id=name, request_timeout=self._read_timeout()
            )
        except NotFoundError:
            return None
        return base64.b64decode(found["_source"]["data"])

    @retry_unavailable
    def get_document(self, doc_id: str) -> ParsedDocument | None:
        try:
            found = self.client.get(
                index=self.names.documents,
                id=doc_id,
                _source=["body"],
                request_timeout=self._read_timeout(),
            )
        except NotFoundError:
            return None
        return document_from_dict(found["_source"]["body"])

    @retry_unavailable
    def list_documents(self, filters: Filters | None = None) -> list[DocumentMeta]:
        query = filter_query(filters.document_level() if filters else None)
        try:
            rows = helpers.scan(
                self.client,
                index=self.names.documents,
                query={"query": query, "_source": ["meta"]},
                size=_PAGE,
                request_timeout=self._read_timeout(),
            )
            metas = [meta_from_dict(row["_source"]["meta"]) for row in rows]
        except NotFoundError:
            return []
        return sorted(metas, key=lambda m: m.id)

    @retry_unavailable
    def chunk_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        if not doc_ids:
            return {}
        try:
            rows = helpers.scan(
                self.client,
                index=self.names.chunks_read,
                query={
                    "query": {"terms": {"doc_id": list(doc_ids)}},
                    "_source": ["id", "content_hash"],
                },
                size=_PAGE,
                request_timeout=self._read_timeout(),
            )
            return {row["_source"]["id"]: row["_source"]["content_hash"] for row in rows}
        except NotFoundError:
            return {}

    @retry_unavailable
    def count(self, filters: Filters | None = None) -> int:
        try:
            result = self.client.count(
                index=self.names.chunks_read,
                body={"query": filter_query(filters)},
                request_timeout=self._read_timeout(),
            )
        except NotFoundError:
            return 0
        return int(result["count"])

    def lexical(self, query: LexicalQuery, filters: Filters | None, k: int) -> list[Hit]:
        if query.is_empty():
            return []
        return [
            hit_from_raw(raw, float(raw["_score"]))
            for raw in self._search(lexical_body(query, filters, k))
        ]

    def dense(self, vector: np.ndarray, filters: Filters | None, k: int) -> list[Hit]:
        raws = self._search(dense_body(vector, filters, k))
        return [hit_from_raw(raw, lucene_cosine_to_cosine(float(raw["_score"]))) for raw in raws]

    def browse(self, filters: Filters, k: int) -> list[Hit]:
        return [hit_from_raw(raw, 0.0) for raw in self._search(browse_body(filters, k))]

    def missing_vectors(self, k: int) -> list[Hit]:
        body = browse_body(None, k)
        body["query"] = _WITHOUT_VECTOR
        return [hit_from_raw(raw, 0.0) for raw in self._search(body)]

    @retry_unavailable
    def count_missing_vectors(self) -> int:
        try:
            result = self.client.count(
                index=self.names.chunks_read,
                body={"query": _WITHOUT_VECTOR},
                request_timeout=self._read_timeout(),
            )
        except NotFoundError:
            return 0
        return int(result["count"])

    @retry_unavailable
    def put_vectors(self, items: Sequence[tuple[Hit, np.ndarray]]) -> int:
        if not items:
            return 0
        actions = (
            vector_action(self._ensure_collection(h.document.collection), h, vector)
            for h, vector in items
        )
        updated, _ = helpers.bulk(
            self.client,
            actions,
            refresh="wait_for",
            raise_on_error=False,  # a chunk deleted meanwhile is not an error
            request_timeout=self.write_timeout,
        )
        return int(updated)

    def scan(self, filters: Filters | None = None) -> Iterator[Hit]:
        after: list[Any] | None = None
        while True:
            page = self._search(browse_body(filters, _PAGE, after))
            yield from (hit_from_raw(raw, 0.0) for raw in page)
            if len(page) < _PAGE:
                return
            after = page[-1]["sort"]

    def _search(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            result = self.client.search(
                index=self.names.chunks_read, body=body, request_timeout=self._read_timeout()
            )
        except NotFoundError:
            return []
        except OSConnectionError as error:
            raise StoreUnavailableError(f"OpenSearch is unreachable: {error}") from error
        hits: list[dict[str, Any]] = result["hits"]["hits"]
        self._read_old_payloads([raw for raw in hits if not has_stored_hit(raw)])
        return hits

    def _read_old_payloads(self, raws: list[dict[str, Any]]) -> None:
        """Give chunks written before the ``hit`` field their ``_source`` payload."""
        if not raws:
            return
        found = self.client.mget(
            body={"docs": [{"_index": raw["_index"], "_id": raw["_id"]} for raw in raws]},
            _source_includes=["chunk", "document"],
            request_timeout=self._read_timeout(),
        )
        for raw, doc in zip(raws, found["docs"], strict=True):
            raw["_source"] = doc["_source"]

    def _read_timeout(self) -> float:
        return call_timeout(self.timeout)

    def ping(self) -> bool:
        try:
            return bool(self.client.ping(request_timeout=self.ping_timeout))
        except (OSConnectionError, TransportError):
            return False

    def close(self) -> None:
        self.client.close()
