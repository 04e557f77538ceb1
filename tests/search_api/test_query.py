"""Query understanding with an accent model and a glossary built from the real field corpus."""

from __future__ import annotations

import pytest
from raw_data import raw

from indexer.accents import AccentModel, corpus_model
from indexer.cite.models import ArticleRef, DocRef
from indexer.glossary import Glossary, extract_terms
from indexer.models import ParsedDocument
from search_api.query import MIN_DIACRITIC_RATIO, understand


@pytest.fixture(scope="module")
def field_docs() -> list[ParsedDocument]:
    from indexer.parse import parse_paths

    docs = [
        d for d in parse_paths([raw("phapdien/demuc_selected")]) if isinstance(d, ParsedDocument)
    ]
    assert len(docs) > 50
    return docs


@pytest.fixture(scope="module")
def accents(field_docs: list[ParsedDocument]) -> AccentModel:
    return corpus_model(a.full_text() for d in field_docs for a in d.articles())


@pytest.fixture(scope="module")
def glossary(field_docs: list[ParsedDocument]) -> Glossary:
    return Glossary(t for d in field_docs for t in extract_terms(d))


LUAT_68 = DocRef(key="68_2006_qh11", display="68/2006/QH11", kind="luat")

# fmt: off
DEFINITIONS = [
    ("hợp chuẩn là gì", "hợp chuẩn"),
    ("hop chuan la gi", "hợp chuẩn"),
    ("Hợp chuẩn là gì?", "hợp chuẩn"),
    ("thế nào là quy chuẩn kỹ thuật", "quy chuẩn kỹ thuật"),
    ("the nao la quy chuan ky thuat", "quy chuẩn kỹ thuật"),
    ("định nghĩa đo lường", "đo lường"),
    ("dinh nghia do luong", "đo lường"),
    ("khái niệm chuẩn đo lường", "chuẩn đo lường"),
    ("chứng nhận hợp quy nghĩa là gì", "chứng nhận hợp quy"),
    ("hiệu chuẩn được hiểu là gì", "hiệu chuẩn"),
    ("SI là gì", "SI"),
    ("hợp chuẩn là gì theo luật 68/2006", "hợp chuẩn"),
    ("giải thích từ ngữ hợp chuẩn", "hợp chuẩn"),
    ("giai thich tu ngu hop chuan", "hợp chuẩn"),
    ("giải thích thuật ngữ chuẩn quốc gia", "chuẩn quốc gia"),
    ("giải thích từ ngữ trong luật đo lường", None),
    ("giải thích từ ngữ luật 68/2006/QH11", None),
    ("giải thích từ ngữ", None),
    ("kiểm định phương tiện đo", None),
    ("thủ tục công bố hợp quy", None),
]
# fmt: on


@pytest.mark.parametrize(("query", "term"), DEFINITIONS)
def test_definition_term(
    query: str, term: str | None, accents: AccentModel, glossary: Glossary
) -> None:
    assert understand(query, accents=accents, glossary=glossary).definition_term == term


def test_unaccented_definition_without_accent_model_uses_the_glossary_spelling(
    glossary: Glossary,
) -> None:
    assert understand("hop chuan la gi", glossary=glossary).definition_term == "hợp chuẩn"
    assert understand("hop chuan la gi").definition_term == "hop chuan"


def test_query_with_diacritics_is_never_rewritten(accents: AccentModel) -> None:
    for query in ["hợp chuẩn là gì", "công bố hop quy", "tiêu chuẩn TCVN ISO 9001"]:
        plan = understand(query, accents=accents)
        assert plan.has_diacritics and plan.restored is None and plan.restored_residual is None


def test_document_number_only_is_never_rewritten(accents: AccentModel) -> None:
    for query in ["68/2006/qh11", "qcvn 01:2019/bkhcn", "tcvn 5945-2005", "luat 68/2006"]:
        plan = understand(query, accents=accents)
        assert plan.restored is None and plan.doc_refs and plan.residual == ""


# fmt: off
QUESTIONS = [
    ("hop chuan la gi", "hợp chuẩn là gì"),
    ("kiem dinh la gi", "kiểm định là gì"),
    ("thu tuc cong bo hop quy nhu the nao", "thủ tục công bố hợp quy như thế nào"),
    ("the nao la hop chuan", "thế nào là hợp chuẩn"),
    ("ho so cong bo hop quy gom nhung gi", "hồ sơ công bố hợp quy gồm những gì"),
    ("thoi han giay chung nhan la bao lau", "thời hạn giấy chứng nhận là bao lâu"),
    ("muc phat vi pham ve do luong la bao nhieu", "mức phạt vi phạm về đo lường là bao nhiêu"),
    ("co quan nao cap giay chung nhan", "cơ quan nào cấp giấy chứng nhận"),
]
# fmt: on


@pytest.mark.parametrize(("typed", "restored"), QUESTIONS)
def test_question_words_and_terms_are_restored(
    typed: str, restored: str, accents: AccentModel, glossary: Glossary
) -> None:
    """Legal texts rarely ask anything: without the question patterns "la gi" stayed "là
    gi" and "nhu the nao" became "như thể não"."""
    plan = understand(typed, accents=accents, glossary=glossary)
    assert plan.restored == restored


def test_a_restored_definition_question_asks_for_the_term(
    accents: AccentModel, glossary: Glossary
) -> None:
    plan = understand("hop chuan la gi", accents=accents, glossary=glossary)
    assert plan.definition_term == "hợp chuẩn" and plan.restored_residual == "hợp chuẩn"


def test_unaccented_query_is_restored(accents: AccentModel) -> None:
    plan = understand("thu tuc cong bo hop quy", accents=accents)
    assert not plan.has_diacritics
    assert plan.restored == "thủ tục công bố hợp quy"
    assert plan.residual == "thu tuc cong bo hop quy"
    assert plan.restored_residual == "thủ tục công bố hợp quy"
    almost = understand("hop chuan la gì", accents=accents)
    assert almost.restored == "hợp chuẩn là gì"  # 1 of 4 syllables accented: below the ratio
    assert MIN_DIACRITIC_RATIO > 0.25


def test_document_and_article() -> None:
    plan = understand("68/2006/QH11 điều 23")
    assert plan.doc_refs == [LUAT_68]
    assert plan.article == ArticleRef("23")
    assert plan.residual == ""


def test_unaccented_article_and_partial_number(accents: AccentModel) -> None:
    plan = understand("dieu 23 luat 68/2006", accents=accents)
    assert plan.article == ArticleRef("23")
    assert [ref.key for ref in plan.doc_refs] == ["68_2006"]
    assert plan.residual == ""
    assert plan.restored == "điều 23 luật 68/2006"


def test_residual_drops_numbers_article_and_question_words() -> None:
    plan = understand("  Điều 5 của Luật số 68/2006/QH11 quy định   gì? ")
    assert plan.original == "  Điều 5 của Luật số 68/2006/QH11 quy định   gì? "
    assert plan.text == "Điều 5 của Luật số 68/2006/QH11 quy định gì?"
    assert plan.residual == "quy định gì"
    assert plan.article == ArticleRef("5")
    clause = understand("khoản 2 điều 5 Nghị định 127/2007/NĐ-CP về công bố hợp chuẩn")
    assert clause.article == ArticleRef("5", "2")
    assert clause.doc_refs[0].key == "127_2007_nd_cp"
    assert clause.residual == "công bố hợp chuẩn"
