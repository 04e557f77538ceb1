"""Over 200 generated hostile files beside two good laws, through the whole ingest path
(parse, structure, chunk, analyse, store): one clear failure record per bad file, every good
file indexed, nothing written outside the folder."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from hostile_corpus import write_hostile_corpus
from raw_data import raw

from indexer.models import ParseFailure
from indexer.store.sqlite import SqliteStore
from ingest.pipeline import Ingestor

pytestmark = pytest.mark.slow

GOOD = ("LUATCHUYENGIAOCONGNGHE.docx", "LUATKHOAHOCCONGNGHE.docx")
#: A reason that is only an exception's name and message says nothing to the user.
_BARE_EXCEPTION = re.compile(r"^[A-Z]\w*(Error|Exception)\b")


def _top_file(path: str, folder: Path) -> str:
    """The file of ``folder`` a record comes from (an archive member names its archive)."""
    return Path(path.split("#", 1)[0]).relative_to(folder).parts[0]


def test_hostile_files_fail_one_by_one_and_the_good_laws_are_indexed(tmp_path: Path) -> None:
    folder = tmp_path / "upload"
    folder.mkdir()
    expected = write_hostile_corpus(folder)
    assert len(expected) >= 200
    for name in GOOD:
        shutil.copy(raw("docs_original_formats/docx") / name, folder / name)
    store = SqliteStore(tmp_path / "store")

    summary = Ingestor(store, None).ingest([folder])

    failures: dict[str, list[ParseFailure]] = defaultdict(list)
    for failure in summary.failed:
        failures[_top_file(failure.path, folder)].append(failure)
    documents = defaultdict(list)
    for meta in store.list_documents():
        assert meta.provenance is not None
        documents[_top_file(meta.provenance.path, folder)].append(meta)
    for name, expectation in expected.items():
        reasons = [failure.reason for failure in failures[name]]
        assert reasons or (expectation.lenient and documents[name]), f"{name}: no record"
        assert not (reasons and documents[name]), f"{name}: both {reasons} and a document"
        for reason in reasons:
            assert reason.strip() and not _BARE_EXCEPTION.match(reason), (name, reason)
            assert "Traceback" not in reason, (name, reason)
        if not expectation.lenient:
            assert any(expectation.reason in reason for reason in reasons), (name, reasons)
    for name in GOOD:
        assert not failures[name], failures[name]
        (law,) = documents[name]
        assert store.chunk_hashes([law.id]), f"{name} has no chunks"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "upload"]
