"""ALQAC / VLSP JSON corpora: ``[{"id": <law name>, "articles": [{"id", "text"}]}]``.

The law name is the document's title exactly (questions cite it as ``law_id``), and the id is
its slug. Question files share the family's look but are not corpora: they are refused.
"""

from __future__ import annotations

import gzip
import json
import zlib
from io import BytesIO
from typing import Any

from indexer.models import DocumentMeta, Node, ParsedDocument
from indexer.parse.limits import Limits, RejectedFile
from indexer.structure.body import parse_body
from indexer.structure.ids import slugify
from indexer.structure.meta import DOC_TYPES
from indexer.structure.text import clean_line, clean_lines

_QUESTION_KEYS = {"question_id", "relevant_articles", "statement", "legal_passages", "example_id"}


def load_json(data: bytes, limits: Limits) -> Any:
    """Decode JSON, gunzipping first when needed, within the size limit."""
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=BytesIO(data)) as handle:
                data = handle.read(limits.max_unzipped_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise RejectedFile(f"broken gzip stream: {exc}") from exc
        if len(data) > limits.max_unzipped_bytes:
            raise RejectedFile(f"gzip expands beyond {limits.max_unzipped_bytes} bytes")
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RejectedFile(f"invalid JSON: {exc}") from exc


def law_type(name: str) -> str | None:
    """Document type from a law name: "Bộ luật dân sự" → "Bộ luật"."""
    lowered = name.lower()
    return next((t for t in DOC_TYPES if lowered.startswith(t.lower())), None)


def corpus_documents(payload: Any) -> list[ParsedDocument]:
    """Documents of an ALQAC-schema corpus; raises RejectedFile for anything else."""
    if not isinstance(payload, list) or not payload:
        raise RejectedFile("JSON is not an ALQAC/VLSP corpus (expected a non-empty list of laws)")
    first = payload[0]
    if isinstance(first, dict) and _QUESTION_KEYS & first.keys():
        raise RejectedFile(
            "this is a questions file, not a corpus: load it with corpora.questions.load_questions"
        )
    if not all(isinstance(law, dict) and {"id", "articles"} <= law.keys() for law in payload):
        raise RejectedFile("JSON is not an ALQAC/VLSP corpus (each law needs 'id' and 'articles')")
    return [_law(law) for law in payload]


def _law(law: dict[str, Any]) -> ParsedDocument:
    name = clean_line(str(law["id"]))
    nodes = []
    for article in law["articles"]:
        paragraphs = clean_lines(str(article.get("text", "")))
        title = paragraphs[0] if paragraphs else ""
        text, children = parse_body(paragraphs[1:])
        nodes.append(
            Node(kind="dieu", number=str(article["id"]), title=title, text=text, children=children)
        )
    meta = DocumentMeta(id=slugify(name), title=name, type=law_type(name))
    return ParsedDocument(meta=meta, nodes=nodes)
