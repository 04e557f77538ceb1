"""The cost of a query is bounded: a 1,000-character query sends the lexical leg and the
embedder no more than a long question does, and still finds what it quotes."""

from __future__ import annotations

from indexer.analysis import Analyzer
from search_api.schemas import MAX_QUERY_CHARS, SearchRequest
from search_api.service import MAX_EMBED_WORDS, MAX_QUERY_TERMS, SearchService

LONG_QUESTION = (
    "tổ chức đánh giá sự phù hợp phải đáp ứng những điều kiện gì để được chỉ định thực hiện "
    "việc thử nghiệm giám định kiểm định chứng nhận chất lượng sản phẩm hàng hóa nhóm 2"
)


def _quoted_article(service: SearchService) -> tuple[tuple[str, str | None], str]:
    """((document id, article), the first 1,000 characters) of a long chunk of the corpus."""
    chunk = next(h.chunk for h in service.store.scan() if len(h.chunk.text) > 1200)
    return (chunk.doc_id, chunk.citation.article), chunk.text[:MAX_QUERY_CHARS]


def test_a_1000_character_query_is_cut_to_the_size_of_a_long_question(
    field_service: SearchService,
) -> None:
    """Defect 8: a 1,000-character query cost 1.3 s in hybrid mode (35 ms normally)."""
    _, text = _quoted_article(field_service)
    plan = field_service.plan(text)
    assert len(set(Analyzer().run(plan.residual).tokens)) > MAX_QUERY_TERMS + 40
    for _, _, terms in field_service.lexical_query(plan).field_terms():
        assert len(terms) <= MAX_QUERY_TERMS
    assert len(field_service.embedding_text(plan).split()) == MAX_EMBED_WORDS


def test_a_long_question_is_searched_whole(field_service: SearchService) -> None:
    plan = field_service.plan(LONG_QUESTION)
    analysed = Analyzer().run(plan.residual)
    query = field_service.lexical_query(plan)
    assert list(query.tokens) == list(dict.fromkeys(analysed.tokens))
    assert field_service.embedding_text(plan) == plan.residual


def test_a_quoted_passage_still_finds_its_article(field_service: SearchService) -> None:
    article, text = _quoted_article(field_service)
    for mode in ("lexical", "hybrid"):
        top = field_service.search(SearchRequest(q=text, mode=mode, k=3)).hits[0]
        assert (top.document.id, top.citation.article) == article, (mode, top.id)
