"""Records as searchable documents (one chunk each) and vbpl.vn links."""

from __future__ import annotations

import json

from raw_data import raw

from indexer.chunk import chunk_document
from indexer.codec import to_dict
from standards.documents import (
    document_key,
    product_document,
    record_document,
    vbpl_links,
    vbpl_note,
)
from standards.models import Catalogue
from standards.serial import catalogue_from_records


def test_every_record_becomes_one_chunk(catalogue: Catalogue) -> None:
    for record in catalogue:
        doc = record_document(record)
        (chunk,) = chunk_document(doc)
        assert chunk.doc_id == f"danh-muc-{record.id}" and record.number in chunk.heading
        assert chunk.citation.label == record.number


def test_document_metadata(catalogue: Catalogue) -> None:
    record = catalogue.resolve("QCVN 4:2009/BKHCN")
    assert record is not None
    doc = record_document(record)
    meta = doc.meta
    # not the plain id of the number: that one belongs to the full text, when there is one
    assert (meta.id, meta.number, meta.type, meta.collection) == (
        "danh-muc-qcvn-4-2009-bkhcn",
        "QCVN 4:2009/BKHCN",
        "QCVN",
        "catalogue",
    )
    assert meta.title.startswith("QCVN 4:2009/BKHCN Quy chuẩn kỹ thuật quốc gia về an toàn")
    assert meta.issuer == "Bộ Khoa học và Công nghệ" and meta.issued_date == "2009-09-30"
    assert meta.url and meta.url.startswith("http")
    text = doc.nodes[0].text
    assert "nồi cơm điện" in text and "Văn bản ban hành: Thông tư 21/2009/TT-BKHCN" in text
    tcvn = catalogue.resolve("TCVN 7391-1:2004")
    assert tcvn is not None
    tcvn_text = record_document(tcvn).nodes[0].text
    assert "ICS: 11.100" in tcvn_text and "Tương đương: ISO 10993-1:2003" in tcvn_text
    assert "Tên tiếng Anh: Biological evaluation" in tcvn_text
    assert record_document(tcvn).meta.status == "còn hiệu lực"


def test_the_store_keeps_whole_records_and_gives_back_the_catalogue(catalogue: Catalogue) -> None:
    """Records and nhóm-2 rows go into the documents' metadata as JSON; the catalogue rebuilt
    from those alone equals the loaded one (the derived artefacts start from it)."""
    docs = [record_document(r) for r in catalogue]
    docs += [product_document(p, i) for i, p in enumerate(catalogue.products)]
    stored = [json.loads(json.dumps(to_dict(d.meta)))["record"] for d in docs]
    again = catalogue_from_records(reversed(stored))
    assert sorted(again.records, key=lambda r: r.key) == sorted(
        catalogue.records, key=lambda r: r.key
    )
    assert again.products == catalogue.products
    assert len({d.meta.id for d in docs}) == len(docs) == 993 + 36
    petrol = next(d for d in docs if d.meta.title == "Xăng không chì")
    assert (
        petrol.meta.type == "Sản phẩm nhóm 2" and petrol.meta.issuer == "Bộ Khoa học và Công nghệ"
    )
    assert "Mã HS: 2710.12.21; 2710.12.23" in petrol.nodes[0].text
    assert "Biện pháp quản lý hàng nhập khẩu: Kiểm tra nhà nước" in petrol.nodes[0].text


def test_vbpl_links_give_known_documents_a_source() -> None:
    links = vbpl_links(raw("vbpl_index/bkhcn_documents.json"))
    assert len(links) > 1100
    circular = links["21_2009_tt_bkhcn"]
    assert circular.title == "Thông tư 21/2009/TT-BKHCN" and "ItemID=" in circular.url
    assert document_key("Quyết định 666/TTg") == "666_ttg"
    assert document_key("Pháp lệnh Không số") is None
    note = vbpl_note("Thông tư 21/2009/TT-BKHCN", links, corpus=set())
    assert note and "có trên vbpl.vn" in note and "chưa có trong kho" in note
    assert "có trong kho văn bản" in (
        vbpl_note("21/2009/TT-BKHCN", links, {"21_2009_tt_bkhcn"}) or ""
    )
    assert vbpl_note("Thông tư 99/2099/TT-BKHCN", links, set()) is None
