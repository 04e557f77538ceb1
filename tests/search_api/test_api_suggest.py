"""The suggest prefix index: number and title prefixes, with and without diacritics."""

from __future__ import annotations

import time

import pytest

from indexer.models import DocumentMeta
from search_api.suggest import SuggestIndex, normalize_key

DOCS = [
    DocumentMeta(
        id="68-2006-qh11",
        title="Luật Tiêu chuẩn và Quy chuẩn kỹ thuật",
        number="68/2006/QH11",
        type="Luật",
    ),
    DocumentMeta(id="04-2011-qh13", title="Luật Đo lường", number="04/2011/QH13", type="Luật"),
    DocumentMeta(
        id="qcvn-01-2019-bkhcn",
        title="Quy chuẩn kỹ thuật quốc gia về xăng, nhiên liệu điêzen",
        number="QCVN 01:2019/BKHCN",
        type="QCVN",
    ),
    DocumentMeta(
        id="86-2012-nd-cp",
        title="Nghị định quy định chi tiết một số điều của Luật Đo lường",
        number="86/2012/NĐ-CP",
        type="Nghị định",
    ),
]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("QCVN 01:2019/BKHCN", "qcvn 1 2019 bkhcn"),
        ("68/2006", "68 2006"),
        ("Luật Đo lường", "luat do luong"),
        ("86/2012/NĐ-CP", "86 2012 nd cp"),
        ("  ", ""),
    ],
)
def test_normalize_key(text: str, key: str) -> None:
    assert normalize_key(text) == key


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("68/2006", "68-2006-qh11"),
        ("68/2006/QH11", "68-2006-qh11"),
        ("luật 68", "68-2006-qh11"),
        ("qcvn 01", "qcvn-01-2019-bkhcn"),
        ("QCVN 01:2019", "qcvn-01-2019-bkhcn"),
        ("luat do luong", "04-2011-qh13"),
        ("Luật Đo lư", "04-2011-qh13"),
        ("86/2012/nd", "86-2012-nd-cp"),
        ("xang", "qcvn-01-2019-bkhcn"),
    ],
)
def test_suggest_finds_the_document(query: str, first: str) -> None:
    assert SuggestIndex(DOCS).suggest(query)[0].id == first


def test_title_start_ranks_before_a_word_inside_a_title() -> None:
    ids = [s.id for s in SuggestIndex(DOCS).suggest("luat do luong")]
    assert ids == ["04-2011-qh13", "86-2012-nd-cp"]


def test_nothing_for_unknown_or_empty_prefixes() -> None:
    index = SuggestIndex(DOCS)
    assert index.suggest("zzz") == []
    assert index.suggest("   ") == []
    assert index.suggest("///") == []


def test_limit_is_respected() -> None:
    assert len(SuggestIndex(DOCS).suggest("l", limit=1)) == 1


def test_lookup_is_fast_on_thousands_of_documents() -> None:
    many = [
        DocumentMeta(
            id=f"d{i}", title=f"Thông tư quy định về đo lường số {i}", number=f"{i}/2020/TT-BKHCN"
        )
        for i in range(5000)
    ]
    index = SuggestIndex(many)
    started = time.perf_counter()
    for query in ("123/2020", "thong tu quy dinh", "do luong so 49"):
        assert index.suggest(query)
    assert (time.perf_counter() - started) / 3 < 0.02
