"""The 301-file pháp-điển archive parses completely."""

from __future__ import annotations

import re
import tarfile
import time

import pytest
from parse_data import parse_all, raw

from indexer.chunk import chunk_document

# Article (pDieu) entries in the archive, as counted in the raw HTML (SOURCES.md: 62,323).
ENTRIES = 62_323
# Articles after merging entries that repeat the same original article of the same document.
ARTICLES = 62_301


@pytest.mark.slow
def test_archive_parses_completely() -> None:
    archive = raw("phapdien/phapdien_demuc_html_301.tar.xz")
    with tarfile.open(archive) as tar:
        members = [m for m in tar if m.isfile()]
        entries = sum(
            len(re.findall(rb"class='pDieu'", tar.extractfile(m).read()))  # type: ignore[union-attr]
            for m in members
        )
    assert (len(members), entries) == (301, ENTRIES)
    start = time.perf_counter()
    docs, failures = parse_all(archive)
    elapsed = time.perf_counter() - start
    articles = sum(len(d.articles()) for d in docs.values())
    print(
        f"301 archive: {articles} articles in {elapsed:.1f} s = {articles / elapsed:.0f} articles/s"
    )
    assert failures == []
    assert articles == ARTICLES
    assert all(d.meta.provenance and "#demuc/" in d.meta.provenance.path for d in docs.values())
    chunk_ids = [c.id for d in docs.values() for c in chunk_document(d)]
    assert len(chunk_ids) == len(set(chunk_ids))
    assert elapsed < 300
