"""Bộ pháp điển HTML: original laws rebuilt from their articles, with code and citation."""

from __future__ import annotations

import re
import unicodedata

import pytest
from parse_data import parse_all, raw

from indexer.models import ParsedDocument
from indexer.parse.phapdien.notes import parse_note


@pytest.mark.parametrize(
    ("doc_id", "number", "title", "last"),
    [
        ("68-2006-qh11", "68/2006/QH11", "Luật Tiêu chuẩn và quy chuẩn kỹ thuật", 71),
        ("05-2007-qh12", "05/2007/QH12", "Luật Chất lượng sản phẩm, hàng hoá", 72),
        ("04-2011-qh13", "04/2011/QH13", "Luật Đo lường", 58),
    ],
)
def test_field_laws_are_rebuilt_with_every_article(
    field_docs: dict[str, ParsedDocument], doc_id: str, number: str, title: str, last: int
) -> None:
    doc = field_docs[doc_id]
    assert doc.meta.number == number
    assert doc.meta.title == title
    assert (doc.meta.type, doc.meta.issuer) == ("Luật", "Quốc hội")
    assert [a.number for a in doc.articles()] == [str(n) for n in range(1, last + 1)]
    for article in doc.articles():
        assert article.code is not None and article.code.startswith("19.")
        assert article.note is not None and f"Điều {article.number} Luật" in article.note
        assert article.url is not None and "vbpl.vn" in article.url


def test_law_keeps_its_chapters_and_clauses(field_docs: dict[str, ParsedDocument]) -> None:
    law = field_docs["68-2006-qh11"]
    assert [n.number for n in law.nodes] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    article = next(a for a in law.articles() if a.number == "23")
    assert article.code == "19.8.LQ.23"
    assert article.title == "Nguyên tắc áp dụng tiêu chuẩn"
    assert [c.number for c in article.children] == ["1", "2"]
    assert article.children[0].text.startswith("Tiêu chuẩn được áp dụng trên nguyên tắc tự nguyện.")
    assert law.meta.issued_date == "2006-06-29"
    assert law.meta.effective_date == "2007-01-01"


def test_a_consolidated_article_keeps_the_numbers_of_the_clauses_not_repealed(
    field_docs: dict[str, ParsedDocument],
) -> None:
    """Khoản 2–4 of Điều 12 TT 28/2012 were repealed: khoản 5 is its own clause, not text
    run into khoản 1."""
    article = next(a for a in field_docs["28-2012-tt-bkhcn"].articles() if a.number == "12")
    assert [c.number for c in article.children] == ["1", "5"]
    assert "5. Trường hợp" not in article.children[0].text
    assert article.children[1].text.startswith("Trường hợp sản phẩm, hàng hóa được quản lý")
    decree = next(a for a in field_docs["105-2016-nd-cp"].articles() if a.number == "4")
    assert [c.number for c in decree.children] == ["1", "2", "4", "6"]


def test_inserted_articles_sort_naturally(field_docs: dict[str, ParsedDocument]) -> None:
    decree = field_docs["127-2007-nd-cp"]
    numbers = [a.number for a in decree.articles()]
    assert numbers[:6] == ["1", "2", "2a", "3", "4", "4a"]
    assert {"16", "17", "18"}.isdisjoint(numbers)  # absent from the pháp điển copy


def test_article_is_cited_under_the_document_its_note_names(
    field_docs: dict[str, ParsedDocument],
) -> None:
    for doc in field_docs.values():
        for article in doc.articles():
            source = parse_note(article.note or "")
            assert source is not None, article.note
            if source.number is not None:
                assert doc.meta.number == source.number
            if source.article is not None:
                assert article.number == source.article


def test_text_is_clean(field_docs: dict[str, ParsedDocument]) -> None:
    texts = [a.full_text() for d in field_docs.values() for a in d.articles()]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    joined = "\n".join(texts)
    assert "Qmax < 16 m3/h" in joined  # an unescaped "<" inside a table cell survives
    assert not re.search(r"[а-яА-Я]", joined)  # Cyrillic look-alikes mapped to Latin
    assert "_dinh kem theo.doc" not in joined  # attachment file names are not content
    assert " | " in joined  # tables keep their cells apart


def test_markdown_rendering_agrees_with_the_html() -> None:
    """The Markdown copy misses some headings (SOURCES.md: quality varies), never adds any."""
    html = raw("phapdien/demuc_selected")
    markdown = raw("diepxuan_vanban/khoa-hoc-cong-nghe/tieu-chuan-va-quy-chuan-ky-thuat.md")
    html_docs, _ = parse_all(*sorted(html.glob("19.8_*.html")))
    md_docs, failures = parse_all(markdown)
    assert failures == []
    for doc_id in ("68-2006-qh11", "127-2007-nd-cp", "28-2012-tt-bkhcn"):
        html_codes = {a.number: a.code for a in html_docs[doc_id].articles()}
        md_codes = {a.number: a.code for a in md_docs[doc_id].articles()}
        assert md_codes.items() <= html_codes.items()
        assert len(md_codes) >= 0.85 * len(html_codes)


def test_documents_merge_across_inputs() -> None:
    html = sorted(raw("phapdien/demuc_selected").glob("19.8_*.html"))
    markdown = raw("diepxuan_vanban/khoa-hoc-cong-nghe/tieu-chuan-va-quy-chuan-ky-thuat.md")
    docs, failures = parse_all(*html, markdown)  # the same đề mục twice: one document each
    assert failures == []
    assert len(docs["68-2006-qh11"].articles()) == 71
    provenance = docs["68-2006-qh11"].meta.provenance
    assert provenance is not None and provenance.source == "phapdien-field"
    assert len(provenance.sha256) == 64


def test_titles_do_not_repeat_their_type(field_docs: dict[str, ParsedDocument]) -> None:
    """Notes like "Thông tư số 11/2020/TT-BTTTT … thông tư quy định …" once gave
    "Thông tư thông tư quy định …"."""
    doubled = [
        d.meta.title
        for d in field_docs.values()
        if d.meta.type and d.meta.title.lower().startswith(f"{d.meta.type.lower()} " * 2)
    ]
    assert doubled == []
    assert field_docs["11-2020-tt-btttt"].meta.title.startswith("Thông tư quy định Danh mục")


def test_no_source_link_has_an_empty_item_id(field_docs: dict[str, ParsedDocument]) -> None:
    """Two circulars' notes link to "vbpq-toanvan.aspx?ItemID=" (no id): no link is better."""
    urls = [d.meta.url for d in field_docs.values()]
    urls += [a.url for d in field_docs.values() for a in d.articles()]
    assert [u for u in urls if u and re.search(r"ItemID=(?:[&#]|$)", u)] == []
    assert field_docs["01-2009-tt-bkhcn"].meta.url is None
