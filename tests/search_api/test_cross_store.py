"""The embedded and OpenSearch stores answer alike: same top-1 for the same queries."""

from __future__ import annotations

import pytest

from indexer.embed.cache import CachedEmbedder
from indexer.store.base import Store
from search_api.schemas import Mode, SearchRequest
from search_api.service import SearchService

pytestmark = pytest.mark.opensearch

QUERIES = [
    "thủ tục công bố hợp quy",
    "thu tuc cong bo hop quy",
    "hồ sơ đăng ký công bố hợp chuẩn",
    "kiểm định phương tiện đo nhóm 2",
    "chuẩn quốc gia về đo lường",
    "nhãn hàng hóa nhập khẩu",
    "xử lý vi phạm chất lượng sản phẩm",
    "tổ chức chứng nhận sự phù hợp",
    "dấu hợp chuẩn dấu hợp quy",
    "xây dựng tiêu chuẩn cơ sở",
    "thẩm định dự thảo quy chuẩn kỹ thuật quốc gia",
    "trách nhiệm của người sản xuất",
    "kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu",
    "phê duyệt mẫu phương tiện đo",
    "đơn vị đo pháp định",
    "hiệu chuẩn chuẩn đo lường",
    "thu hồi sản phẩm không bảo đảm chất lượng",
    "giải thưởng chất lượng quốc gia",
    "tiêu chuẩn quốc tế áp dụng tại Việt Nam",
    "quy chuẩn kỹ thuật địa phương",
    "68/2006/QH11 điều 23",
    "luật đo lường điều 16",
    "hợp chuẩn là gì",
    "phuong tien do nhom 2",
]


@pytest.fixture(scope="module")
def services(
    field_sqlite_store: Store, field_opensearch_store: Store, embedder: CachedEmbedder
) -> tuple[SearchService, SearchService]:
    return SearchService(field_sqlite_store, embedder), SearchService(
        field_opensearch_store, embedder
    )


@pytest.mark.parametrize("mode", ["lexical", "semantic", "hybrid"])
def test_same_top_hit_on_both_stores(
    services: tuple[SearchService, SearchService], mode: Mode
) -> None:
    embedded, opensearch = services
    differing = []
    for query in QUERIES:
        request = SearchRequest(q=query, mode=mode, k=1)
        a, b = embedded.search(request).hits, opensearch.search(request).hits
        top_a = a[0].citation.label if a else None
        top_b = b[0].citation.label if b else None
        if top_a != top_b:
            differing.append((query, top_a, top_b))
    assert not differing
