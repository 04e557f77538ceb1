"""The graph as one JSON artefact: what is written is read back unchanged."""

from __future__ import annotations

import json

import pytest

from graph.models import Graph
from graph.serialize import (
    FORMAT,
    edges_from_json,
    edges_to_json,
    graph_from_json,
    graph_to_json,
)


def test_the_field_graph_round_trips(field_graph: Graph) -> None:
    data = graph_to_json(field_graph)
    assert isinstance(data, bytes) and json.loads(data)["format"] == FORMAT
    back = graph_from_json(data)
    assert back.edges == field_graph.edges
    assert back.documents == field_graph.documents
    assert back.incoming("127_2007_nd_cp") == field_graph.incoming("127_2007_nd_cp")


def test_edges_round_trip_on_their_own(field_graph: Graph) -> None:
    edges = list(field_graph.edges[:200])
    assert edges_from_json(edges_to_json(edges)) == edges


def test_text_stays_readable_utf8(field_graph: Graph) -> None:
    assert "Điều".encode() in edges_to_json(field_graph.edges[:50])


def test_another_format_is_refused() -> None:
    with pytest.raises(ValueError, match="tdc-kb-graph/1"):
        graph_from_json(b'{"format": "other", "documents": [], "edges": []}')
