"""Rebuild original documents from pháp-điển entries gathered across đề mục."""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.models import DocumentMeta, Node, ParsedDocument
from indexer.parse.phapdien.articles import Heading, PhapDienArticle
from indexer.structure.body import parse_body
from indexer.structure.ids import article_sort_key, issuer_from_number

# A vbpl.vn page names its document by ItemID; some source links leave it empty.
_VBPL_ITEM = "ItemID="
_EMPTY_ITEM = re.compile(r"ItemID=(?:[&#]|$)")


def _source_url(url: str | None) -> str | None:
    """``url``, unless it is a vbpl.vn link whose ItemID is empty (it leads nowhere)."""
    return url if url and not _EMPTY_ITEM.search(url) else None


def assemble_documents(articles: Iterable[PhapDienArticle]) -> list[ParsedDocument]:
    """One document per original document, articles in natural order ("2" < "2a" < "3").

    Headings of the đề mục are kept only above entries of its main document (the đề mục's
    chapters are that document's own); entries of other documents stay a flat list. An
    article met twice (same document and number) keeps the first text and appends a differing
    second one.
    """
    groups: dict[str, dict[str, PhapDienArticle]] = {}
    for entry in articles:
        group = groups.setdefault(entry.doc_id, {})
        first = group.get(entry.article)
        if first is None:
            group[entry.article] = entry
        elif first.body != entry.body:
            first.body = [*first.body, *entry.body]
    return [_document(doc_id, list(group.values())) for doc_id, group in groups.items()]


def _document(doc_id: str, entries: list[PhapDienArticle]) -> ParsedDocument:
    entries.sort(key=lambda e: article_sort_key(e.article))
    return ParsedDocument(meta=_meta(doc_id, entries), nodes=_nodes(entries))


def _meta(doc_id: str, entries: list[PhapDienArticle]) -> DocumentMeta:
    sources = [e.source for e in entries if e.source is not None]
    first = sources[0] if sources else None
    number = first.number if first else None
    doc_type = first.doc_type if first else entries[0].doc_type
    titles = [s.title for s in sources if s.title]
    title = max(titles, key=len) if titles else " ".join(t for t in (doc_type, number) if t)
    urls = (_source_url(e.url) for e in entries)
    url = next((u.split("#", 1)[0] for u in urls if u and _VBPL_ITEM in u), None)
    return DocumentMeta(
        id=doc_id,
        title=title or doc_id,
        number=number,
        type=doc_type,
        issuer=next((s.issuer for s in sources if s.issuer), None)
        or (issuer_from_number(number) if number else None),
        issued_date=next((s.issued_date for s in sources if s.issued_date), None),
        effective_date=next((s.effective_date for s in sources if s.effective_date), None),
        url=url,
    )


def _article_node(entry: PhapDienArticle) -> Node:
    # a note saying part of the article was repealed: the numbers of the rest are kept
    repealed = "bị bãi bỏ" in (entry.note or "")
    text, children = parse_body(entry.body, gaps=repealed)
    url = _source_url(entry.url)
    return Node(
        kind="dieu",
        number=entry.article,
        title=entry.title,
        text=text,
        children=children,
        code=entry.code,
        note=entry.note or None,
        url=url,
    )


def _nodes(entries: list[PhapDienArticle]) -> list[Node]:
    nodes: list[Node] = []
    open_path: list[tuple[Heading, Node]] = []
    for entry in entries:
        article = _article_node(entry)
        if not entry.spine or not entry.context:
            nodes.append(article)
            open_path = []
            continue
        depth = 0
        while (
            depth < len(open_path)
            and depth < len(entry.context)
            and open_path[depth][0] == entry.context[depth]
        ):
            depth += 1
        open_path = open_path[:depth]
        for heading in entry.context[depth:]:
            node = Node(kind=heading.kind, number=heading.number, title=heading.title)
            (open_path[-1][1].children if open_path else nodes).append(node)
            open_path.append((heading, node))
        open_path[-1][1].children.append(article)
    return nodes
