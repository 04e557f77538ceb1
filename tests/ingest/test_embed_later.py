"""`kb ingest --no-embed` indexes for keyword search only; `kb embed` adds the vectors later,
resumably, and a later `kb ingest` finds nothing left to do."""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from field_corpus import kb_test_home
from typer.testing import CliRunner

from corpora.manifest import data_root
from indexer.embed.cache import CachedEmbedder
from indexer.settings import get_settings
from indexer.store.base import Store
from indexer.store.opensearch.store import OpenSearchStore
from indexer.store.sqlite import SqliteStore
from ingest.embedding import EmbedProgress, embed_missing
from ingest.pipeline import Ingestor
from kb.cli import app

LAW = "LUATTRITUENHANTAO.docx"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """One real law (DOCX) in a folder of its own."""
    target = tmp_path / "corpus"
    target.mkdir()
    shutil.copy(data_root() / "docs_original_formats" / "docx" / LAW, target / LAW)
    return target


@pytest.fixture(params=["sqlite", pytest.param("opensearch", marks=pytest.mark.opensearch)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        sqlite = SqliteStore(tmp_path / "store")
        yield sqlite
        sqlite.close()
        return
    url = request.getfixturevalue("opensearch_url")
    opensearch = OpenSearchStore(url, prefix=f"test-embed-{uuid.uuid4().hex[:8]}")
    yield opensearch
    opensearch.drop()
    opensearch.close()


def test_an_interrupted_embedding_run_goes_on_where_it_stopped(
    store: Store, folder: Path, embedder: CachedEmbedder
) -> None:
    Ingestor(store, None, model_id=embedder.model_id).ingest([folder])
    total = store.count()
    assert total > 30 and store.count_missing_vectors() == total
    assert store.dense(embedder.embed_query("trí tuệ nhân tạo"), None, 5) == []

    stop = threading.Event()
    seen: list[EmbedProgress] = []

    def stop_after_one_batch(progress: EmbedProgress) -> None:
        seen.append(EmbedProgress(**vars(progress)))
        if progress.done:
            stop.set()

    first = embed_missing(
        store, embedder, batch_size=8, on_progress=stop_after_one_batch, stop=stop
    )
    assert (first.total, first.missing, first.done) == (total, total, 8)
    assert [p.done for p in seen] == [0, 8]
    assert store.count_missing_vectors() == total - 8

    second = embed_missing(store, embedder, batch_size=16)
    assert (second.missing, second.done, second.share_ready) == (total - 8, total - 8, 1.0)
    assert store.count_missing_vectors() == 0
    # each chunk got the vector of its own passage
    hit = store.missing_vectors(1) or list(store.scan())[10:11]
    own = embedder.embed_passages([hit[0].chunk.embedding_text()])[0]
    assert store.dense(own, None, 1)[0].chunk.id == hit[0].chunk.id

    # an ingest that embeds finds every chunk unchanged: the hashes named the model already
    again = Ingestor(store, embedder).ingest([folder])
    assert (again.added, again.updated, again.unchanged) == (0, 0, total)


def test_kb_ingest_no_embed_then_kb_embed(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KB_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KB_STORE", "embedded")
    monkeypatch.setenv("KB_EMBEDDING_CACHE", str(kb_test_home() / "embeddings.sqlite"))
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        lexical = runner.invoke(app, ["ingest", "--no-embed", str(folder)])
        assert lexical.exit_code == 0, lexical.output
        store = SqliteStore(get_settings().embedded_store_dir)
        total = store.count()
        assert store.count_missing_vectors() == total > 30
        assert f"{total} chunks have no vector yet: run `kb embed`" in lexical.output

        embedded = runner.invoke(app, ["embed", "--batch-size", "32"])
        assert embedded.exit_code == 0, embedded.output
        assert store.count_missing_vectors() == 0
        # not a terminal: plain progress lines, then the totals
        assert "vectors 0/" in embedded.output
        assert f"of the {total} chunks have a vector" in embedded.output
        assert "100.0%" in embedded.output

        done = runner.invoke(app, ["embed"])
        assert f"Every one of the {total} chunks has its vector" in done.output
        store.close()
    finally:
        get_settings.cache_clear()


def test_share_ready_counts_what_was_there_before() -> None:
    progress = EmbedProgress(total=100, missing=60, done=20)
    assert progress.share_ready == pytest.approx(0.6)
    assert EmbedProgress(total=0, missing=0).share_ready == 1.0
    assert np.isclose(EmbedProgress(total=10, missing=10, done=5, seconds=2.0).rate, 2.5)
