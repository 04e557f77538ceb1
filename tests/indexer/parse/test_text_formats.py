"""Markdown full texts, plain text and the ALQAC/VLSP JSON corpora."""

from __future__ import annotations

from parse_data import parse_all, raw

from corpora.loaders import law_doc_id


def test_markdown_full_text_with_metadata_table() -> None:
    docs, failures = parse_all(
        raw(
            "diepxuan_vanban/khoa-hoc-cong-nghe/nghi-dinh-37-2026-nd-cp-chat-luong-san-pham-hang-hoa.md"
        )
    )
    assert failures == []
    (decree,) = docs.values()
    meta = decree.meta
    assert (meta.id, meta.number, meta.type) == ("37-2026-nd-cp", "37/2026/NĐ-CP", "Nghị định")
    assert (meta.issuer, meta.issued_date, meta.effective_date) == (
        "Chính phủ",
        "2026-01-23",
        "2026-01-23",
    )
    assert "Luật Tổ chức Chính phủ số 63/2025/QH15" in meta.legal_bases
    assert [n.kind for n in decree.nodes] == ["chuong"] * 8 + ["phu_luc"] * 7  # as its header says
    assert [a.number for a in decree.articles()] == [str(n) for n in range(1, 100)]
    everything = "\n".join(n.full_text() for n in decree.nodes)
    assert "Điểm mới nổi bật" not in everything  # the site's summary is not the law
    article_two = decree.articles()[1]
    assert [k.number for k in article_two.children] == ["1", "2"]
    assert article_two.children[0].text.endswith("Giải thưởng chất lượng quốc gia tại Việt Nam.")


def test_alqac_corpus_titles_are_law_ids() -> None:
    docs, failures = parse_all(raw("alqac2024/law.json.gz"), raw("alqac2024/train.json"))
    assert len(docs) == 17
    assert sum(len(d.articles()) for d in docs.values()) == 2249
    family = docs[law_doc_id("Luật Hôn nhân và gia đình")]
    assert family.meta.title == "Luật Hôn nhân và gia đình"
    assert (family.meta.number, family.meta.type) == (None, "Luật")
    assert docs[law_doc_id("Bộ luật dân sự")].meta.type == "Bộ luật"
    assert [f.reason for f in failures] == [
        "this is a questions file, not a corpus: load it with corpora.questions.load_questions"
    ]


def test_vlsp_corpus() -> None:
    docs, failures = parse_all(raw("vlsp2023_lter/legal_passages.json.gz"))
    assert failures == []
    assert len(docs) == 18
    assert sum(len(d.articles()) for d in docs.values()) == 2256
    assert law_doc_id("Luật Viên chức 2010") in docs
