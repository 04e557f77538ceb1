"""The shared language layer: normalisation, folding, pyvi segmentation, tokens for FTS5."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from raw_data import raw

from indexer.analysis import (
    Analyzer,
    diacritic_ratio,
    fold,
    normalize,
    segment,
    with_syllables,
)


@pytest.fixture(scope="module")
def alqac_texts() -> list[str]:
    with gzip.open(raw("alqac2024/law.json.gz"), "rt", encoding="utf-8") as f:
        return [a["text"] for law in json.load(f) for a in law["articles"]]


def test_fold_removes_diacritics_and_maps_d_bar() -> None:
    assert (
        fold("Đo lường, chất lượng sản phẩm, hàng hóa") == "Do luong, chat luong san pham, hang hoa"
    )
    assert fold("ĐỊNH NGHĨA đđ") == "DINH NGHIA dd"
    decomposed = unicodedata.normalize("NFD", "Tiêu chuẩn")
    assert fold(decomposed) == "Tieu chuan"


def test_fold_keeps_the_length_of_nfc_vietnamese() -> None:
    text = normalize("Quy chuẩn kỹ thuật quốc gia về đường sắt đô thị – loại hình metro")
    assert len(fold(text)) == len(text)


def test_normalize_nfc_lookalikes_invisible_and_whitespace() -> None:
    assert normalize(unicodedata.normalize("NFD", "  Luật\u00a0Đo\n\tlường ")) == "Luật Đo lường"
    assert normalize("điểm \u0430) và điểm \u0441)") == "điểm a) và điểm c)"
    assert normalize("tiêu\u00adchuẩn\ufeff") == "tiêuchuẩn"


def test_normalize_puts_the_tone_on_one_vowel() -> None:
    text = "Hàng hoá, HOÁ, khoẻ, thuỷ, Uỷ ban, toà án, thoả thuận"
    assert normalize(text) == "Hàng hóa, HÓA, khỏe, thủy, Ủy ban, tòa án, thỏa thuận"
    kept = "quý, quỹ, hoàn thành, ngoài, hoặc, khuya, thuyết"
    assert normalize(kept) == kept
    assert Analyzer().run("hàng hoá").tokens == Analyzer().run("hàng hóa").tokens


def test_diacritic_ratio() -> None:
    assert diacritic_ratio("hop chuan la gi") == 0.0
    assert diacritic_ratio("hợp chuẩn là gì") == 1.0
    assert diacritic_ratio("hợp chuan la gi") == 0.25
    assert diacritic_ratio("68/2006/QH11") == pytest.approx(0.0)
    assert diacritic_ratio("") == 0.0


def test_segment_is_pyvi(alqac_texts: list[str]) -> None:
    """Our feature code reproduces pyvi's segmentation exactly (sample of real articles)."""
    from pyvi import ViTokenizer

    for text in alqac_texts[::25]:
        assert segment(text) == ViTokenizer.tokenize(text).split()


def test_tokens_words_then_compound_syllables() -> None:
    result = Analyzer().run("Quy chuẩn kỹ thuật quốc gia về đo lường.")
    words = ["quy_chuẩn", "kỹ_thuật", "quốc_gia", "về", "đo_lường"]
    assert result.tokens == [*words, "quy", "chuẩn", "kỹ", "thuật", "quốc", "gia", "đo", "lường"]
    assert result.folded == [fold(t) for t in result.tokens]
    assert result.folded[:5] == ["quy_chuan", "ky_thuat", "quoc_gia", "ve", "do_luong"]


def test_with_syllables_keeps_words_adjacent() -> None:
    assert with_syllables(["hợp_chuẩn", "là", "gì"]) == ["hợp_chuẩn", "là", "gì", "hợp", "chuẩn"]


def test_doc_numbers_are_keys_with_partial_keys() -> None:
    result = Analyzer().run("Căn cứ Luật số 68/2006/QH11 và QCVN 01:2019/BKHCN;")
    assert result.doc_numbers == [
        "68_2006_qh11",
        "68_2006",
        "qcvn_1_2019_bkhcn",
        "qcvn_1_2019",
        "qcvn_1",
    ]
    assert "68" in result.tokens and "qh11" in result.tokens


def test_tokens_survive_fts5_unchanged(alqac_texts: list[str]) -> None:
    """FTS5 (unicode61, tokenchars '_', no diacritic removal) re-tokenises into the same tokens."""
    analyzer = Analyzer()
    sample = [analyzer.run(t) for t in alqac_texts[::40]]
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE t USING fts5(a, b, "
        "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
    )
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    for i, result in enumerate(sample):
        db.execute(
            "INSERT INTO t(rowid, a, b) VALUES (?, ?, ?)",
            (i, " ".join(result.tokens), " ".join(result.folded)),
        )
    for i, result in enumerate(sample):
        for col, expected in (("a", result.tokens), ("b", result.folded)):
            rows = db.execute(
                "SELECT term FROM v WHERE doc = ? AND col = ? ORDER BY offset", (i, col)
            ).fetchall()
            assert [r[0] for r in rows] == expected
    for result in sample:
        assert all(t == t.lower() and t.replace("_", "").isalnum() for t in result.tokens)
        assert all(t.isascii() for t in result.folded)


def test_pyvi_is_not_loaded_at_import() -> None:
    code = "import sys, indexer.analysis; assert 'pyvi' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


@pytest.mark.slow
def test_throughput_is_indexing_grade(alqac_texts: list[str]) -> None:
    """All 2,249 ALQAC articles (≈414k words); ≈120k words/s on one core when idle."""
    analyzer = Analyzer()
    analyzer.run("khởi động")
    start = time.perf_counter()
    words = sum(len(t.split()) for t in alqac_texts)
    for text in alqac_texts:
        analyzer.run(text)
    assert words / (time.perf_counter() - start) > 30_000
