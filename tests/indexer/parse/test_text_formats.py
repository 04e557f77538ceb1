"""Markdown full texts, plain text and the ALQAC/VLSP JSON corpora."""

from __future__ import annotations

from parse_data import parse_all, raw

from corpora.loaders import law_doc_id
from indexer.chunk import chunk_document


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


def test_markdown_transcription_of_a_qcvn_keeps_its_structure_and_amendments() -> None:
    """QCVN 06:2022/BXD as Markdown (no front matter): PHẦN 1–7 as parts, numbered clauses
    from the headings, Latin points up to f), lettered clauses of Phụ lục A–I, and each
    clause marked [SĐ1] carries the amendment the header's legend names, marker removed."""
    docs, failures = parse_all(raw("qcvn_texts/QCVN_06-2022-BXD_with_SD1-2023.md"))
    assert failures == []
    (qcvn,) = docs.values()
    meta = qcvn.meta
    assert (meta.id, meta.number, meta.type, meta.issuer) == (
        "qcvn-06-2022-bxd", "QCVN 06:2022/BXD", "QCVN", "Bộ Xây dựng",
    )  # fmt: skip
    assert meta.title == "An toàn cháy cho nhà và công trình"
    assert [(n.kind, n.number) for n in qcvn.nodes[:7]] == [("phan", str(i)) for i in range(1, 8)]
    assert [n.number for n in qcvn.nodes[7:]] == list("ABCDEFGHI")
    clause = next(n for n in qcvn.walk() if n.number == "1.1.2")
    assert (
        clause.title == ""
        and clause.text == "Quy chuẩn này áp dụng đối với các nhà và công trình sau:"
    )
    assert [p.number for p in clause.children] == list("abcdef")
    assert clause.note == "sửa đổi bởi Sửa đổi 1:2023 (Thông tư 09/2023/TT-BXD)"
    marked = [n for n in qcvn.walk() if n.note]
    assert len(marked) == 103  # 104 "[SĐ1]" in the file, one of them in the legend
    assert not any("SĐ1" in n.text or "SĐ1" in n.title for n in qcvn.walk())
    lettered = [n.number for n in qcvn.nodes[7].walk() if n.kind == "section"]
    assert lettered[:3] == ["A.1", "A.1.1", "A.1.1.1"] and len(lettered) > 100
    notes = [n for n in qcvn.walk() if n.kind == "section" and "CHÚ THÍCH" in n.text]
    assert notes  # notes stay with their clause
    chunks = chunk_document(qcvn)
    amended = next(c for c in chunks if c.id == "qcvn-06-2022-bxd/s1.1.4")
    assert "[sửa đổi bởi Sửa đổi 1:2023 (Thông tư 09/2023/TT-BXD)]" in amended.text
    assert any(c.citation.section == "A.1.1.1" for c in chunks)
