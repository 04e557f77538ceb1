"""The evidence gate's word coverage: a hit's title, heading and text read as separate
(cached) word sets count exactly what the three joined into one text count."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.store.base import Store
from search_api.evidence import query_words

SECTOR_SET = Path(__file__).resolve().parents[2] / "eval" / "sets" / "sector.jsonl"


def test_coverage_of_the_parts_equals_coverage_of_the_joined_text(
    field_lexical_store: Store,
) -> None:
    queries = [json.loads(line)["q"] for line in SECTOR_SET.read_text("utf-8").splitlines()]
    hits = list(field_lexical_store.scan())[::5]
    compared = 0
    for text in [*queries[:40], "<script>alert(1)</script>", "{{7*7}}", "ĐO LƯỜNG đo-lường"]:
        words = query_words([text], None)
        for hit in hits:
            parts = (hit.document.title, hit.chunk.heading, hit.chunk.text)
            assert abs(words.coverage(*parts) - words.coverage("\n".join(parts))) < 1e-12
            compared += words.coverage(*parts) > 0
    assert compared > 1000  # the queries do match: the equality is not all zeros
