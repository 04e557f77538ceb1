"""A graph as one JSON artefact (bytes), and back: documents and edges, nothing derived."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from graph.models import DocInfo, Edge, Endpoint, Evidence, Graph

FORMAT = "tdc-kb-graph/1"


def _endpoint(data: dict[str, Any]) -> Endpoint:
    return Endpoint(**data)


def _evidence(data: dict[str, Any]) -> Evidence:
    return Evidence(at=_endpoint(data["at"]), source=data["source"], text=data["text"])


def _edge(data: dict[str, Any]) -> Edge:
    return Edge(
        **{
            **data,
            "source": _endpoint(data["source"]),
            "target": _endpoint(data["target"]),
            "evidence": _evidence(data["evidence"]),
        }
    )


def _doc(data: dict[str, Any]) -> DocInfo:
    evidence = data.get("effective_evidence")
    return DocInfo(**{**data, "effective_evidence": _evidence(evidence) if evidence else None})


def edges_to_json(edges: Iterable[Edge]) -> bytes:
    """The edges as a JSON array (UTF-8 bytes)."""
    return json.dumps([asdict(e) for e in edges], ensure_ascii=False).encode("utf-8")


def edges_from_json(data: bytes) -> list[Edge]:
    """Edges written by :func:`edges_to_json`."""
    return [_edge(item) for item in json.loads(data)]


def graph_to_json(graph: Graph) -> bytes:
    """The whole graph (format, documents, edges) as UTF-8 JSON bytes."""
    payload = {
        "format": FORMAT,
        "documents": [asdict(info) for info in graph.documents.values()],
        "edges": [asdict(e) for e in graph.edges],
    }
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def graph_from_json(data: bytes) -> Graph:
    """A graph written by :func:`graph_to_json`; another format is an error."""
    payload = json.loads(data)
    if payload.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} artefact: {payload.get('format')!r}")
    documents = [_doc(item) for item in payload["documents"]]
    return Graph(
        documents={d.key: d for d in documents},
        edges=tuple(_edge(item) for item in payload["edges"]),
    )
