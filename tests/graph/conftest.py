"""The field corpus (Pháp điển 19.1, 19.4, 19.8) parsed once, and its graph; the extended
graph adds the full text of NĐ 37/2026/NĐ-CP (Markdown), which ends NĐ 132/2008 in 2026."""

from __future__ import annotations

from pathlib import Path

import pytest
from raw_data import raw

from graph.models import Graph
from graph.relations import extract_relations
from indexer.models import ParsedDocument
from indexer.parse import parse_paths


def _parse(paths: list[Path]) -> list[ParsedDocument]:
    return [d for d in parse_paths(paths) if isinstance(d, ParsedDocument)]


@pytest.fixture(scope="session")
def field_documents() -> list[ParsedDocument]:
    return _parse([raw("phapdien/demuc_selected")])


@pytest.fixture(scope="session")
def field_graph(field_documents: list[ParsedDocument]) -> Graph:
    return extract_relations(field_documents)


@pytest.fixture(scope="session")
def extended_graph(field_documents: list[ParsedDocument]) -> Graph:
    nd_37 = raw(
        "diepxuan_vanban/khoa-hoc-cong-nghe/nghi-dinh-37-2026-nd-cp-chat-luong-san-pham-hang-hoa.md"
    )
    return extract_relations([*field_documents, *_parse([nd_37])])
