"""Table tests for document numbers and article references, from real documents' numbers."""

from __future__ import annotations

import lxml.html
import pytest
from raw_data import raw

from indexer.cite.find import (
    doc_keys,
    find_article_match,
    find_article_ref,
    find_doc_matches,
    find_doc_refs,
)
from indexer.cite.models import ArticleRef, DocRef


def doc(key: str, display: str, kind: str) -> DocRef:
    return DocRef(key=key, display=display, kind=kind)


def art(article: str, clause: str | None = None, point: str | None = None) -> ArticleRef:
    return ArticleRef(article=article, clause=clause, point=point)


LUAT_68 = doc("68_2006_qh11", "68/2006/QH11", "luat")

# fmt: off
DOC_CASES = [
    ("Luật số 68/2006/QH11", [LUAT_68]),
    ("luat 68/2006/qh11", [LUAT_68]),
    ("68/2006/QH11 và 05/2007/QH12", [LUAT_68, doc("5_2007_qh12", "05/2007/QH12", "luat")]),
    ("theo Quyết định số 19/2014/QĐ-TTg", [doc("19_2014_qd_ttg", "19/2014/QĐ-TTg", "quyet_dinh")]),
    ("19/2014/qd-ttg", [doc("19_2014_qd_ttg", "19/2014/QĐ-TTg", "quyet_dinh")]),
    ("06/2013/TTLT-BKHCN-BCT-BCA-BGTVT",
     [doc("6_2013_ttlt_bkhcn_bct_bca_bgtvt", "06/2013/TTLT-BKHCN-BCT-BCA-BGTVT", "ttlt")]),
    ("Nghị định 127/2007/NĐ-CP", [doc("127_2007_nd_cp", "127/2007/NĐ-CP", "nghi_dinh")]),
    ("127/2007/nd-cp", [doc("127_2007_nd_cp", "127/2007/NĐ-CP", "nghi_dinh")]),
    ("QCVN 01:2019/BKHCN", [doc("qcvn_1_2019_bkhcn", "QCVN 01:2019/BKHCN", "qcvn")]),
    ("qcvn01:2019/bkhcn", [doc("qcvn_1_2019_bkhcn", "QCVN 01:2019/BKHCN", "qcvn")]),
    ("QCVN 1:2019/BKHCN", [doc("qcvn_1_2019_bkhcn", "QCVN 1:2019/BKHCN", "qcvn")]),
    ("TCVN 5945:2005", [doc("tcvn_5945_2005", "TCVN 5945:2005", "tcvn")]),
    ("tcvn 5945-2005", [doc("tcvn_5945_2005", "TCVN 5945-2005", "tcvn")]),
    ("TCVN 13937-1:2024", [doc("tcvn_13937_1_2024", "TCVN 13937-1:2024", "tcvn")]),
    ("luật 68/2006", [doc("68_2006", "68/2006", "luat")]),
    ("68/2006", [doc("68_2006", "68/2006", "van_ban")]),
    ("Pháp lệnh Đo lường số 16/1999/PL-UBTVQH10",
     [doc("16_1999_pl_ubtvqh10", "16/1999/PL-UBTVQH10", "van_ban")]),
    ("(Điều 1 Luật số 68/2006/QH11 ngày 29/06/2006 của Quốc hội, có hiệu lực thi hành kể từ "
     "ngày 01/01/2007)", [LUAT_68]),
    ("hiệu lực từ tháng 7/2007, ngày 01/7/2026", []),
    ("Điều 19.8.LQ.1. Phạm vi điều chỉnh", []),
]

ARTICLE_CASES = [
    ("điều 23", art("23")),
    ("Điều 5 khoản 2", art("5", "2")),
    ("khoản 2 điều 5", art("5", "2")),
    ("điểm a khoản 1 điều 3", art("3", "1", "a")),
    ("dieu 23 luat 68/2006", art("23")),
    ("khoan 2 dieu 5", art("5", "2")),
    ("Điều 5, khoản 2, điểm b", art("5", "2", "b")),
    ("điểm đ) khoản 1 Điều 4a Nghị định 127/2007/NĐ-CP", art("4a", "1", "đ")),
    ("khoản 3 của Điều 12", art("12", "3")),
    ("Điều 19.8.LQ.1. Phạm vi điều chỉnh", None),
    ("điều kiện kinh doanh", None),
    ("Điều này", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), DOC_CASES)
def test_find_doc_refs(text: str, expected: list[DocRef]) -> None:
    assert find_doc_refs(text) == expected


@pytest.mark.parametrize(("text", "expected"), ARTICLE_CASES)
def test_find_article_ref(text: str, expected: ArticleRef | None) -> None:
    assert find_article_ref(text) == expected


def test_variants_of_one_number_share_the_key() -> None:
    groups = [
        ["68/2006/QH11", "68/2006/qh11", "Luật số 68/2006/QH11"],
        ["QCVN 01:2019/BKHCN", "qcvn01:2019/bkhcn", "QCVN 1:2019/BKHCN", "QCVN 01 : 2019/BKHCN"],
        ["TCVN 5945:2005", "tcvn 5945-2005", "TCVN5945:2005"],
    ]
    for variants in groups:
        keys = {find_doc_refs(v)[0].key for v in variants}
        assert len(keys) == 1, variants


def test_partial_keys_let_a_partly_typed_number_match_the_full_one() -> None:
    assert doc_keys("Luật số 68/2006/QH11") == ["68_2006_qh11", "68_2006"]
    assert doc_keys("luật 68/2006") == ["68_2006"]
    assert doc_keys("QCVN 01:2019/BKHCN") == ["qcvn_1_2019_bkhcn", "qcvn_1_2019", "qcvn_1"]
    assert doc_keys("QCVN 01:2019")[0] in doc_keys("QCVN 1:2019/BKHCN")
    assert doc_keys("TCVN 5945") == doc_keys("TCVN 5945:2005")[1:]


def test_keys_are_single_fts_tokens() -> None:
    texts = [text for text, _ in DOC_CASES]
    for key in doc_keys(" ; ".join(texts)):
        assert key.replace("_", "").isalnum() and key.isascii() and key == key.lower(), key


def test_spans_point_at_the_number_in_the_nfc_text() -> None:
    text = "Căn cứ Luật số 68/2006/QH11 và Điều 5 khoản 2"
    (match,) = find_doc_matches(text)
    assert text[match.start : match.end] == "68/2006/QH11"
    article = find_article_match(text)
    assert article is not None
    assert text[article.start : article.end] == "Điều 5 khoản 2"


def test_every_phapdien_source_note_names_a_document_and_an_article() -> None:
    """The 1,052 source notes of the three field đề mục ("(Điều 1 Luật số 68/2006/QH11 …)")."""
    notes = []
    for path in sorted(raw("phapdien/demuc_selected").glob("*.html")):
        tree = lxml.html.parse(str(path))
        notes += [p.text_content() for p in tree.xpath("//p[@class='pGhiChu']")]
    assert len(notes) == 1052
    missing = [n for n in notes if not find_doc_refs(n) or find_article_ref(n) is None]
    assert missing == []
    keys = {find_doc_refs(n)[0].key for n in notes}
    assert {"68_2006_qh11", "5_2007_qh12", "4_2011_qh13", "127_2007_nd_cp"} <= keys
