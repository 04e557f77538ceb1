"""Derived artefacts follow the chunk set: a run interrupted between writing chunks and
rebuilding the accent model and glossary is repaired by the next run."""

from __future__ import annotations

from pathlib import Path

from raw_data import raw

from indexer.artifacts import ACCENTS, GLOSSARY, build_accents, build_glossary, load_artifacts
from indexer.store.sqlite import SqliteStore
from ingest.derived import DEFAULT_DERIVED
from ingest.pipeline import Ingestor

#: The đề mục "Đo lường", then "Tiêu chuẩn và quy chuẩn kỹ thuật" (Luật 68/2006/QH11 defines
#: "tiêu chuẩn" in khoản 1 Điều 3).
FIRST = "phapdien/demuc_selected/19.4_do-luong__41685e38-e7ab-4c85-a35e-fb1557319a78.html"
SECOND = (
    "phapdien/demuc_selected/"
    "19.8_tieu-chuan-va-quy-chuan-ky-thuat__f48e34a3-d808-406e-911d-c5b9fd05e693.html"
)


def test_a_crash_before_the_artefacts_are_rebuilt_is_repaired_by_the_rerun(
    tmp_path: Path,
) -> None:
    """Defect 4: after a crash between writing chunks and rebuilding the accent model and
    glossary, the rerun said "1536 unchanged" and kept the stale models."""
    first, second = raw(FIRST), raw(SECOND)
    store = SqliteStore(tmp_path / "store")
    Ingestor(store, None).ingest([first])
    stale = load_artifacts(store).glossary
    assert stale is not None
    assert [term.doc_id for term in stale.lookup("tiêu chuẩn")] == ["02-2019-tt-bqp"]

    # the crash: the second law's chunks are written, the artefacts are not rebuilt
    crashed = Ingestor(store, None, derived=()).ingest([first, second])
    assert crashed.added > 0 and crashed.rebuilt == []

    rerun = Ingestor(store, None).ingest([first, second])
    assert (rerun.added, rerun.updated, rerun.deleted) == (0, 0, 0)
    assert rerun.unchanged == store.count()
    assert rerun.rebuilt == [part.name for part in DEFAULT_DERIVED]  # every artefact, stale
    assert rerun.rebuilt[:2] == [ACCENTS, GLOSSARY]
    assert store.get_artifact(ACCENTS) == build_accents(store)
    assert store.get_artifact(GLOSSARY) == build_glossary(store)
    glossary = load_artifacts(store).glossary
    assert glossary is not None
    best = glossary.lookup("tiêu chuẩn")[0]
    assert (best.doc_id, best.article, best.clause) == ("68-2006-qh11", "3", "1")
    assert Ingestor(store, None).ingest([first, second]).rebuilt == []
