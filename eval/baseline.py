"""The baseline to beat: plain OpenSearch BM25, `standard` analyzer, raw article text.

This is what a default Elasticsearch/OpenSearch index gives: no word segmentation, no
diacritic handling, no document-number logic, no vectors. Articles are read straight from
the ALQAC/VLSP JSON (title + body), and each question is one `match` query.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from opensearchpy import OpenSearch, helpers

from eval.datasets import gold_key


def _articles(corpus: Path) -> Iterator[tuple[str, str]]:
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as handle:
        for law in json.load(handle):
            for article in law["articles"]:
                yield gold_key(law["id"], str(article["id"])), article["text"]


def build_baseline_index(client: OpenSearch, index: str, corpus: Path) -> int:
    """(Re)create ``index`` with one document per article; returns the article count."""
    client.indices.delete(index=index, ignore_unavailable=True)
    client.indices.create(
        index=index,
        body={
            "settings": {"index.number_of_shards": 1, "index.number_of_replicas": 0},
            "mappings": {"properties": {"text": {"type": "text", "analyzer": "standard"}}},
        },
    )
    actions: Iterator[dict[str, Any]] = (
        {"_index": index, "_id": key, "_source": {"text": text}} for key, text in _articles(corpus)
    )
    written, _ = helpers.bulk(client, actions, refresh="wait_for")
    return int(written)


def baseline_rankings(
    client: OpenSearch, index: str, texts: Sequence[str], depth: int = 10
) -> list[list[str]]:
    """Top unit keys for each query text, as given."""
    return [
        [
            hit["_id"]
            for hit in client.search(
                index=index,
                body={"size": depth, "_source": False, "query": {"match": {"text": text}}},
            )["hits"]["hits"]
        ]
        for text in texts
    ]
