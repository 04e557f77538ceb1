"""Catalogue records as searchable documents, and vbpl.vn links for known document numbers.

:func:`record_document` turns a :class:`StandardRecord` into an ``indexer.models``
:class:`ParsedDocument` with one short node, so the existing chunker gives one chunk per
record, and keeps the record itself in ``DocumentMeta.record``; :func:`product_document`
does the same for a nhóm-2 row. Their store ids start with :data:`ID_PREFIX`: the full
text of a QCVN has the plain id of its number. :func:`vbpl_links` reads
``vbpl_index/bkhcn_documents.json`` (the vbpl.vn list of BKHCN documents) into
{document key: link}; :func:`vbpl_note` says whether a document a record cites is on
vbpl.vn and whether the corpus already holds it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.cite.find import doc_keys
from indexer.models import DocumentMeta, Node, ParsedDocument
from indexer.structure.ids import issuer_from_number, slugify
from standards.models import ProductRecord, StandardRecord
from standards.serial import product_to_dict, record_to_dict
from standards.status import Status

AGENCY_NAMES = {
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BYT": "Bộ Y tế",
    "BXD": "Bộ Xây dựng",
    "BCT": "Bộ Công Thương",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BGTVT": "Bộ Giao thông vận tải",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
}
# DocumentMeta.type: the word a citation puts before the number when the number lacks it.
DOCUMENT_TYPES = {"QCVN": "QCVN", "TCVN": "TCVN", "TCVN ISO/IEC": "TCVN", "amendment": "Sửa đổi"}
COLLECTION = "catalogue"
#: Store ids of record documents are prefixed: a full text has the plain id of its number.
ID_PREFIX = "danh-muc-"
PRODUCT_TYPES = {
    "item": "Sản phẩm nhóm 2",
    "list_document": "Danh mục nhóm 2",
    "note": "Ghi chú danh mục nhóm 2",
}
_URL = re.compile(r"https?://\S+")


def _lines(record: StandardRecord) -> Iterator[str]:
    labelled = (
        ("Tên", record.title_vi),
        ("Tên tiếng Anh", record.title_en),
        ("Phạm vi", record.scope),
        ("ICS", record.ics),
        ("Tương đương", record.equivalent),
        ("Cơ quan ban hành", AGENCY_NAMES.get(record.agency or "", record.agency)),
        ("Văn bản ban hành", record.issuing_document),
        ("Thay thế", "; ".join(record.replaces)),
        ("Được thay thế bởi", "; ".join(record.replaced_by)),
        ("Sửa đổi", "; ".join(record.amendments)),
        ("Sửa đổi cho", "; ".join(record.amends)),
        ("Lĩnh vực", record.field),
    )
    yield f"Số hiệu: {record.number}"
    yield from (f"{label}: {value}" for label, value in labelled if value)


def record_document(record: StandardRecord, status: Status | None = None) -> ParsedDocument:
    """A searchable document for one record (``status``: a derived status to show; by default
    the status the source gives, if any)."""
    url = next((m.group() for s in record.sources if (m := _URL.search(s))), None)
    meta = DocumentMeta(
        id=ID_PREFIX + record.id,
        title=f"{record.number} {record.title}" if record.title else record.number,
        number=record.number,
        type=DOCUMENT_TYPES.get(record.kind, record.kind),
        issuer=AGENCY_NAMES.get(record.agency or "", record.agency),
        issued_date=record.issued_date,
        effective_date=record.effective_date,
        status=status.value if status else record.status,
        url=url,
        collection=COLLECTION,
        record=record_to_dict(record),
    )
    return ParsedDocument(meta=meta, nodes=[Node(kind="section", text="\n".join(_lines(record)))])


def _product_lines(product: ProductRecord) -> Iterator[str]:
    where = " mục ".join(p for p in (product.list_document, product.item_no) if p)
    labelled = (
        ("Sản phẩm", product.product),
        ("Mã HS", "; ".join(product.hs_codes)),
        ("QCVN", "; ".join(product.qcvn)),
        ("Biện pháp quản lý hàng nhập khẩu", product.import_measure),
        ("Cơ quan kiểm tra", product.inspection_agency),
        ("Căn cứ pháp lý", "; ".join(product.legal_basis)),
        ("Danh mục", where),
        ("Cơ sở", product.basis),
        ("Ghi chú", product.note),
    )
    yield from (f"{label}: {value}" for label, value in labelled if value)


def product_id(product: ProductRecord) -> str:
    """The store id of a nhóm-2 row, from its list, item number and product name."""
    name = slugify(
        " ".join(p for p in (product.list_document, product.item_no, product.product) if p)
    )
    return f"{ID_PREFIX}nhom-2-{name[:72].rstrip('-')}"


def product_document(product: ProductRecord, position: int) -> ParsedDocument:
    """A searchable document for one nhóm-2 row (``position``: its place in the list)."""
    number = (product.list_document or "").split(" ")[-1]
    url = next((m.group() for s in product.sources if (m := _URL.search(s))), None)
    meta = DocumentMeta(
        id=product_id(product),
        title=product.product or product.list_document or "Danh mục nhóm 2",
        type=PRODUCT_TYPES.get(product.record_type, product.record_type),
        issuer=issuer_from_number(number) if number else None,
        issued_date=product.list_date,
        url=url,
        collection=COLLECTION,
        record=product_to_dict(product, position),
    )
    lines = "\n".join(_product_lines(product))
    return ParsedDocument(meta=meta, nodes=[Node(kind="section", text=lines)])


@dataclass(frozen=True)
class VbplLink:
    """A document on vbpl.vn: its page and its short title ("Thông tư 09/2025/TT-BKHCN")."""

    url: str
    title: str


_TYPE_WORDS = re.compile(
    r"^(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Quyết định|"
    r"Thông tư liên tịch|Thông tư)\s+",
    re.IGNORECASE,
)


def document_key(title: str) -> str | None:
    """The ``indexer.cite`` key of a document named by a short title; numbers the patterns do
    not know ("Quyết định 666/TTg", "Nghị định 63-CP") get the same scheme applied to the
    number ("666_ttg"); "Pháp lệnh Không số" has none."""
    keys = doc_keys(title)
    if keys:
        return keys[0]
    number = _TYPE_WORDS.sub("", title.strip())
    if not re.search(r"\d", number):
        return None
    parts = re.split(r"[^0-9a-z]+", number.lower().replace("đ", "d"))
    return "_".join(str(int(p)) if p.isdigit() else p for p in parts if p)


def vbpl_links(path: str | Path) -> dict[str, VbplLink]:
    """{document key: link} from vbpl.vn's list ``bkhcn_documents.json``; when two entries
    share a key the first is kept."""
    with Path(path).open(encoding="utf-8") as f:
        data = json.load(f)
    links: dict[str, VbplLink] = {}
    for pages in data.values():
        for page in pages.values():
            for entry in page.values():
                key = document_key(entry["document_title"])
                if key:
                    links.setdefault(key, VbplLink(entry["document_url"], entry["document_title"]))
    return links


def vbpl_note(document: str, links: dict[str, VbplLink], corpus: Collection[str]) -> str | None:
    """What is known of a cited document: in the corpus (``corpus``: document keys), or on
    vbpl.vn but not yet in the corpus, or None when neither."""
    key = document_key(document)
    if key is None:
        return None
    if key in corpus:
        return f"{document}: có trong kho văn bản"
    link = links.get(key)
    return f"{document}: có trên vbpl.vn ({link.url}), chưa có trong kho văn bản" if link else None
