"""The graph of a corpus: every edge read from a list of parsed documents.

Per document: its title ("Nghị định quy định chi tiết … Luật …", "Thông tư sửa đổi … Thông tư
số …"), its legal bases (can_cu), then per article its heading, every sentence (references, and
the relations their cues state) and its pháp-điển source note (amendments per article). An
article whose heading amends one document ("Sửa đổi, bổ sung một số điều của Thông tư số …")
reads its relative references ("khoản 1 Điều 4") in that document. Edges point both ways
through :class:`graph.models.Graph`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from graph.mentions import Setting, basis_edges, reference_edges
from graph.models import DocInfo, Edge, Endpoint, Graph, RelationKind
from graph.notes import note_edges
from graph.passages import Passage, node_passages
from graph.registry import Registry, build_registry
from graph.text_relations import read_passage
from indexer.cite.reference_models import RefContext
from indexer.cite.references import doc_matches
from indexer.models import Node, ParsedDocument


def _setting(
    passage: Passage, registry: Registry, info: DocInfo, home: str | None = None
) -> Setting:
    """How to read ``passage``; relative references resolve in ``home`` (default: its own
    document), which an amending article changes to the document it amends."""
    at = passage.at
    context = RefContext(home or at.doc, None, at.article, at.clause, at.point, info.issued)
    if home is None:
        context = replace(context, doc_display=info.display)
    return Setting(passage, context, registry.lookup, lambda key: _effective(registry, key))


def _effective(registry: Registry, key: str) -> str | None:
    info = registry.documents.get(key)
    return info.effective if info else None


def _read(passage: Passage, setting: Setting) -> list[Edge]:
    reading = read_passage(setting)
    if passage.source == "legal_basis":
        return reading.edges + basis_edges(passage, reading)
    if passage.source == "text":
        return reading.edges + reference_edges(passage, reading)
    return reading.edges


def _amended_home(edges: list[Edge], article: Endpoint) -> str | None:
    """The one document an article's title says the article amends or repeals ("Điều 1.
    Sửa đổi, bổ sung một số điều của Thông tư số 22/2013/TT-BKHCN")."""
    docs = {e.target.doc for e in edges if e.source == article and e.kind != "dan_chieu"}
    return docs.pop() if len(docs) == 1 and article.doc not in docs else None


def _article_edges(article: Node, registry: Registry, info: DocInfo) -> list[Edge]:
    at = Endpoint(info.key, article.number)
    edges: list[Edge] = []
    home = None
    if article.title:
        title = Passage(at, article.title, "text")
        edges += _read(title, _setting(title, registry, info))
        home = _amended_home(edges, at)
    for passage in node_passages(article, at):
        edges += _read(passage, _setting(passage, registry, info, home))
    if article.note:
        edges += note_edges(article.note, at, registry.lookup)
    return edges


def document_edges(doc: ParsedDocument, registry: Registry) -> list[Edge]:
    """Every edge read from one document: its title, legal bases, then article by article
    (heading, sentences, pháp-điển note)."""
    info = registry.documents[registry.keys[doc.meta.id]]
    home = Endpoint(info.key)
    heads = [Passage(home, doc.meta.title, "title")] if doc.meta.title else []
    heads += [Passage(home, basis, "legal_basis") for basis in doc.meta.legal_bases]
    edges = [e for p in heads for e in _read(p, _setting(p, registry, info))]
    for article in doc.articles():
        edges += _article_edges(article, registry, info)
    return edges


def _plausible_date(edge: Edge, registry: Registry) -> Edge:
    """A note's date before the amending document was even issued is a misprint (TT 06/2020:
    note 15/01/2020, issued 10/12/2020, in force 15/01/2021): use the document's own date."""
    info = registry.documents.get(edge.source.doc)
    if info is None or edge.date is None or info.issued is None or info.effective is None:
        return edge
    if edge.date < info.issued <= info.effective:
        return replace(edge, date=info.effective, date_basis="source_in_force")
    return edge


def _documents(registry: Registry, edges: Iterable[Edge]) -> dict[str, DocInfo]:
    """The corpus's documents plus those only cited, shown as their evidence writes them."""
    documents = dict(registry.documents)
    for edge in edges:
        for key in (edge.source.doc, edge.target.doc):
            if key not in documents:
                found = doc_matches(edge.evidence.text)
                named = (m.ref.display for m in found if m.ref.key == key)
                documents[key] = DocInfo(key, next(named, key), in_corpus=False)
    return documents


def extract_relations(docs: Sequence[ParsedDocument]) -> Graph:
    """The graph of ``docs``: documents by key and every edge, deduplicated, in read order."""
    registry = build_registry(docs)
    edges = [_plausible_date(e, registry) for doc in docs for e in document_edges(doc, registry)]
    unique = tuple(dict.fromkeys(edges))
    return Graph(documents=_documents(registry, unique), edges=unique)


def relation_counts(graph: Graph) -> Counter[RelationKind]:
    """Distinct (kind, source, target) triples by kind."""
    return Counter(kind for kind, _, _ in {(e.kind, e.source, e.target) for e in graph.edges})
