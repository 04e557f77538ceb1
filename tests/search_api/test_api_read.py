"""Read endpoints on the field corpus, each store: documents, articles, suggest, terms, export."""

from __future__ import annotations

import json
import statistics
import time

from fastapi.testclient import TestClient

from indexer.analysis import fold
from indexer.models import ParsedDocument
from indexer.store.base import Store


def _a_document_with_articles(store: Store) -> ParsedDocument:
    for meta in store.list_documents():
        document = store.get_document(meta.id)
        if document is not None and len(document.articles()) >= 3:
            return document
    raise AssertionError("no document with three articles in the field corpus")


def test_document_has_metadata_toc_and_structured_text(api: TestClient, field_store: Store) -> None:
    document = _a_document_with_articles(field_store)
    response = api.get(f"/api/v1/documents/{document.meta.id}")
    assert response.status_code == 200
    body = response.json()
    assert body["document"]["id"] == document.meta.id
    assert body["document"]["title"] == document.meta.title

    def walk(nodes: list[dict]) -> list[dict]:
        return [n for node in nodes for n in (node, *walk(node["children"]))]

    articles = [n for n in walk(body["nodes"]) if n["kind"] == "dieu"]
    assert [a["number"] for a in articles] == [a.number for a in document.articles()]
    toc_anchors = {entry["anchor"] for entry in walk(body["toc"])}
    assert {a["anchor"] for a in articles} <= toc_anchors
    assert all(a["anchor"].startswith("dieu-") for a in articles)


def test_article_has_clauses_and_a_citation(api: TestClient, field_store: Store) -> None:
    document = _a_document_with_articles(field_store)
    article = next((a for a in document.articles() if a.children), document.articles()[0])
    response = api.get(f"/api/v1/documents/{document.meta.id}/articles/{article.number}")
    assert response.status_code == 200
    body = response.json()
    assert body["article"]["number"] == article.number
    assert len(body["article"]["children"]) == len(article.children)
    assert body["citation"].startswith(f"Điều {article.number} ")
    assert (document.meta.number or document.meta.title) in body["citation"]


def test_unknown_document_and_article_are_404(api: TestClient, field_store: Store) -> None:
    missing = api.get("/api/v1/documents/khong-co-van-ban-nay")
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "code": "document_not_found",
        "message": "Không có văn bản mã 'khong-co-van-ban-nay'.",
        "field": "doc_id",
    }
    document = _a_document_with_articles(field_store)
    response = api.get(f"/api/v1/documents/{document.meta.id}/articles/999")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "article_not_found"
    assert response.json()["error"]["field"] == "article"


def test_suggest_by_number(api: TestClient) -> None:
    suggestions = api.get("/api/v1/suggest", params={"q": "68/2006"}).json()["suggestions"]
    assert suggestions
    assert suggestions[0]["number"].startswith("68/2006/")


def test_suggest_by_title_without_diacritics(api: TestClient) -> None:
    suggestions = api.get("/api/v1/suggest", params={"q": "luat do luong"}).json()["suggestions"]
    assert suggestions
    assert fold(suggestions[0]["title"]).lower() == "luat do luong"
    assert suggestions[0]["type"] == "Luật"


def test_suggest_answers_within_20_ms(api: TestClient) -> None:
    timings = []
    for query in ("68/2006", "luat do luong", "qcvn", "nghi dinh 86", "t") * 4:
        started = time.perf_counter()
        assert api.get("/api/v1/suggest", params={"q": query}).status_code == 200
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.020


def test_terms_lists_glossary_definitions(api: TestClient) -> None:
    body = api.get("/api/v1/terms", params={"q": "hop chuan"}).json()
    assert body["terms"]
    assert all("hop chuan" in fold(t["term"]).lower() for t in body["terms"])
    for term in body["terms"]:
        assert term["definition"] and term["citation"]["label"]


def test_export_streams_documents_then_their_chunks(api: TestClient, field_store: Store) -> None:
    documents, chunks, current = [], [], None
    with api.stream("GET", "/api/v1/export", params={"collection": "default"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/x-ndjson")
        for line in response.iter_lines():
            record = json.loads(line)
            if record["type"] == "document":
                current = record["meta"]["id"]
                documents.append(record)
                assert "path" not in (record["meta"]["provenance"] or {})
            else:
                assert record["type"] == "chunk"
                assert record["doc_id"] == current
                chunks.append(record)
    assert len(documents) == len(field_store.list_documents())
    assert len(chunks) == field_store.count()
    assert documents[0]["nodes"] and chunks[0]["citation"]["label"]


def test_export_of_an_unknown_collection_is_empty(api: TestClient) -> None:
    response = api.get("/api/v1/export", params={"collection": "khong-co"})
    assert response.status_code == 200
    assert response.text == ""
