"""The hand-judged reference set: real corpus sentences, and the extractor's scores on them."""

from __future__ import annotations

import json
import tarfile
import unicodedata

import lxml.html
import pytest
from raw_data import raw

from eval.references_eval import DEFAULT_SET, evaluate_references, to_markdown

ROWS = [json.loads(line) for line in DEFAULT_SET.read_text(encoding="utf-8").splitlines()]


def _plain(html: bytes) -> str:
    """The page's text, NFC (some paragraphs are stored decomposed), spaces collapsed."""
    root = lxml.html.document_fromstring(html.decode("utf-8", errors="replace"))
    return unicodedata.normalize("NFC", " ".join(root.text_content().split()))


def _missing(rows: list[dict[str, str]], corpus: str) -> list[str]:
    return [row["id"] for row in rows if " ".join(row["text"].split()) not in corpus]


def test_the_set_has_at_least_150_cases_with_context_and_targets() -> None:
    assert len(ROWS) >= 150
    assert len({row["id"] for row in ROWS}) == len(ROWS)
    for row in ROWS:
        assert row["context"]["doc"] and isinstance(row["targets"], list), row["id"]
        assert all(len(target) == 4 for target in row["targets"]), row["id"]
        assert unicodedata.is_normalized("NFC", row["text"]), row["id"]
    assert sum(1 for row in ROWS if not row["targets"]) >= 10  # sentences without references


def test_every_field_sentence_is_copied_from_the_field_corpus() -> None:
    files = sorted(raw("phapdien/demuc_selected").glob("*.html"))
    corpus = " ".join(_plain(path.read_bytes()) for path in files)
    field = [row for row in ROWS if row["source"] == "phapdien 19.x"]
    assert len(field) >= 140
    assert _missing(field, corpus) == []


@pytest.mark.slow
def test_every_archive_sentence_is_copied_from_the_phapdien_archive() -> None:
    texts = []
    with tarfile.open(raw("phapdien/phapdien_demuc_html_301.tar.xz")) as archive:
        for member in archive:
            handle = archive.extractfile(member) if member.isfile() else None
            if handle is not None:
                texts.append(_plain(handle.read()))
    archive_rows = [row for row in ROWS if row["source"] == "phapdien archive"]
    assert archive_rows and _missing(archive_rows, " ".join(texts)) == []


def test_precision_and_recall_are_at_least_095() -> None:
    report = evaluate_references()
    assert report.precision >= 0.95, to_markdown(report)
    assert report.recall >= 0.95, to_markdown(report)
    markdown = to_markdown(report)
    assert markdown.startswith("| set | cases |") and "| all | " in markdown
