"""Which QCVN applies to a product: acceptance examples, HS codes, and the general case."""

from __future__ import annotations

import pytest

from indexer.analysis import fold
from standards.applicability import ApplicabilityIndex, hs_codes, hs_score
from standards.models import Catalogue


@pytest.mark.parametrize("query", ["mũ bảo hiểm xe máy", "mu bao hiem xe may"])
def test_helmets(applicability: ApplicabilityIndex, query: str) -> None:
    found = applicability.find(query)
    first = found.matches[0]
    assert first.record.number == "QCVN 2:2021/BKHCN" and not first.replaced
    assert first.status.value == "còn hiệu lực"
    old = next(m for m in found.matches if m.record.number == "QCVN 2:2008/BKHCN")
    assert old.replaced_by == "QCVN 2:2021/BKHCN"
    assert old.status.value == "hết hiệu lực" and old.status.inferred
    assert any("suy luận" in r for r in old.reasons)
    listed = [p.product for p in first.products if p.product.import_measure]
    assert [(p.list_document, p.item_no) for p in listed] == [("Quyết định 2711/QĐ-BKHCN", "3")]


@pytest.mark.parametrize("query", ["xăng không chì", "xang khong chi", "2710.12.21"])
def test_unleaded_petrol_goes_to_the_regulation_in_force(
    applicability: ApplicabilityIndex, query: str
) -> None:
    """The nhóm-2 row names QCVN 1:2015/BKHCN; the version in force is QCVN 01:2022/BKHCN."""
    found = applicability.find(query)
    first = found.matches[0]
    assert first.record.number == "QCVN 01:2022/BKHCN"
    assert first.status.value == "còn hiệu lực" and not first.status.inferred
    row = next(p.product for p in first.products if p.product.item_no == "1.1")
    assert row.product == "Xăng không chì" and "2710.12.21" in row.hs_codes
    assert row.import_measure and row.import_measure.startswith("Kiểm tra nhà nước")
    assert row.inspection_agency == "Cục Quản lý chất lượng sản phẩm hàng hóa"
    replaced = [m for m in found.matches if m.record.number == "QCVN 1:2015/BKHCN"]
    assert replaced and replaced[0].replaced_by == "QCVN 01:2022/BKHCN"
    assert found.matches.index(replaced[0]) > 0


def test_rice_cooker(applicability: ApplicabilityIndex) -> None:
    for query in ("nồi cơm điện", "noi com dien", "nhập khẩu nồi cơm điện cần hợp quy gì"):
        first = applicability.find(query).matches[0]
        assert first.record.number == "QCVN 4:2009/BKHCN", query
        assert first.products[0].product.product == "Nồi cơm điện"


@pytest.mark.parametrize(
    ("query", "number", "items"),
    [
        ("271012", "QCVN 01:2022/BKHCN", {"1.1", "1.2"}),
        ("2710.19.71", "QCVN 01:2022/BKHCN", {"1.3"}),
        ("mã HS 27102000", "QCVN 01:2022/BKHCN", {"1.4"}),
        ("7306.40.20", "QCVN 20:2019/BKHCN", set()),
    ],
)
def test_hs_codes_match_by_prefix_with_or_without_dots(
    applicability: ApplicabilityIndex, query: str, number: str, items: set[str]
) -> None:
    found = applicability.find(query)
    assert found.matches[0].record.number == number
    assert {p.product.item_no for p in found.products if p.product.item_no} >= items
    assert all("mã HS" in r for r in found.matches[0].reasons if r.startswith("mã"))


def test_hs_code_parsing_and_scores() -> None:
    assert hs_codes("nhập khẩu hàng mã HS 2710.12.21 và 730640") == ["27101221", "730640"]
    assert hs_codes("mã HS 2710") == ["2710"]
    assert hs_codes("QCVN 4:2009/BKHCN năm 2009") == []
    assert hs_score("27101221", "27101221") == 1.0
    assert 0.6 < hs_score("271012", "27101221") < 1.0
    assert hs_score("27101", "73064020") == 0.0


def test_every_nhom2_product_finds_the_version_in_force_of_its_qcvn(
    catalogue: Catalogue, applicability: ApplicabilityIndex
) -> None:
    """The general case: each product named in the nhóm-2 rows, asked as is and without
    diacritics, gets the version in force of the QCVN its row names, first."""
    checked = 0
    for product in catalogue.products:
        named = [catalogue.resolve(n) for n in product.qcvn]
        current = applicability.graph.current
        bases = {current(catalogue.base_of(r) or r).number for r in named if r}
        if product.record_type != "item" or not product.product or not bases:
            continue
        for query in (product.product, fold(product.product)):
            first = applicability.find(query).matches[0]
            assert first.record.number in bases, (query, first.record.number)
            assert not first.replaced
        checked += 1
    assert checked >= 25


def test_a_replaced_version_never_comes_first(applicability: ApplicabilityIndex) -> None:
    for query in ("đồ chơi trẻ em", "thép làm cốt bê tông", "khí dầu mỏ hóa lỏng", "bóng đèn led"):
        found = applicability.find(query)
        assert not found.matches[0].replaced, query
        assert any(m.replaced for m in found.matches), query


def test_diacritics_tell_words_apart(applicability: ApplicabilityIndex) -> None:
    """ "sữa chua" (yoghurt) is not "sửa chữa" (repair): typed with diacritics, the ship-repair
    regulation does not come first; typed without, the two cannot be told apart."""
    first = applicability.find("sữa chua").matches[0]
    assert first.record.agency == "BYT"


def test_nothing_for_what_the_catalogue_does_not_know(applicability: ApplicabilityIndex) -> None:
    assert applicability.find("zzqx wvyk").matches == ()
    assert applicability.find("9999.99.99").matches == ()
