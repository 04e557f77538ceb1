"""The manifest of sources, provenance and the evaluation questions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpora.loaders import data_root, get_source, law_doc_id, load_source, source_for_path, sources
from corpora.questions import corpus_source, load_questions
from indexer.models import ParsedDocument


@pytest.fixture(scope="module")
def root() -> Path:
    path = data_root()
    if not (path / "SOURCES.md").exists():
        message = f"data root missing: {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def test_every_source_exists(root: Path) -> None:
    assert len(sources()) >= 10
    for source in sources().values():
        for path in source.inputs():
            assert path.exists(), (source.name, path)
            assert root in path.resolve().parents


def test_data_root_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KB_DATA_ROOT", str(tmp_path))
    assert data_root() == tmp_path
    assert get_source("docx-laws").location() == tmp_path / "docs_original_formats/docx"


def test_source_for_path(root: Path) -> None:
    member = f"{root}/phapdien/phapdien_demuc_html_301.tar.xz#demuc/x.html"
    assert source_for_path(member).name == "phapdien-301"  # type: ignore[union-attr]
    assert source_for_path(root / "alqac2024/law.json.gz").name == "alqac2024-law"  # type: ignore[union-attr]
    assert source_for_path(root / "alqac2024/train.json").name == "alqac-questions"  # type: ignore[union-attr]
    assert source_for_path("/elsewhere/file.pdf") is None


def test_load_source_sets_collection_and_provenance(root: Path) -> None:
    docs = list(load_source("alqac2024-law", collection="alqac"))
    assert len(docs) == 17
    for doc in docs:
        assert isinstance(doc, ParsedDocument)
        assert doc.meta.collection == "alqac"
        assert doc.meta.provenance is not None
        assert doc.meta.provenance.source == "alqac2024-law"
        assert doc.meta.provenance.path == str(root / "alqac2024/law.json.gz")
        assert len(doc.meta.provenance.sha256) == 64
    with pytest.raises(ValueError, match="questions"):
        list(load_source("alqac-questions"))


def test_alqac_questions_resolve_in_the_corpus(root: Path) -> None:
    questions = load_questions("alqac-questions")
    assert len(questions) == 731
    assert corpus_source("alqac-questions") == "alqac2024-law"
    docs = {d.meta.id: d for d in load_source("alqac2024-law") if isinstance(d, ParsedDocument)}
    articles = {(d.meta.title, a.number) for d in docs.values() for a in d.articles()}
    gold = [ref for q in questions for ref in q.relevant]
    missing = [ref for ref in gold if ref not in articles]
    assert missing == [("Luật Trồng trọt", "64")]  # SOURCES.md: the one unresolved reference
    assert all(law_doc_id(law) in docs for law, _ in gold)


def test_vlsp_statements(root: Path) -> None:
    statements = load_questions("vlsp-questions")
    assert len(statements) == 216
    assert all(s.relevant for s in statements)
    assert corpus_source("vlsp-questions") == "vlsp2023-law"
