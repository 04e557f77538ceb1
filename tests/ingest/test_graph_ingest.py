"""The legal graph is derived at ingest, by the same code for both stores, from what the
store holds: it equals the graph of the parsed field corpus and answers the field facts."""

from __future__ import annotations

from pathlib import Path

from raw_data import raw

from graph.models import Graph
from graph.queries import changes_to, guides_of
from graph.relations import extract_relations
from indexer.models import ParsedDocument
from indexer.parse import parse_paths
from indexer.store.base import Store
from indexer.store.sqlite import SqliteStore
from ingest.graph_derived import GRAPH, load_graph


def test_the_stored_graph_is_the_graph_of_the_parsed_corpus(field_store: Store) -> None:
    parsed = [
        d for d in parse_paths([raw("phapdien/demuc_selected")]) if isinstance(d, ParsedDocument)
    ]
    expected = extract_relations(parsed)
    stored = load_graph(field_store)
    assert len(stored.edges) > 1000
    assert set(stored.edges) == set(expected.edges)
    assert stored.documents.keys() == expected.documents.keys()
    assert stored.documents["68_2006_qh11"].doc_id == "68-2006-qh11"


def test_the_stored_graph_answers_the_field_facts(field_store: Store) -> None:
    graph = load_graph(field_store)
    assert "127_2007_nd_cp" in {g.doc for g in guides_of(graph, "68_2006_qh11")}
    (change,) = [c for c in changes_to(graph, "68_2006_qh11") if c.by == "35_2018_qh14"]
    assert change.articles == ("14", "15", "16", "29", "31", "59", "60")


def test_a_store_without_the_artefact_has_an_empty_graph(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path)
    assert store.get_artifact(GRAPH) is None
    assert load_graph(store) == Graph(documents={}, edges=())
    store.close()
