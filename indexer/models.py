"""The data that flows along the indexing path: parsed documents, their structure, and chunks.

parse → :class:`ParsedDocument` (metadata + a tree of :class:`Node`)
chunk → :class:`Chunk` (searchable unit with its :class:`Citation`)

Article, clause and point numbers are strings: amended laws insert articles such as "2a".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

NodeKind = Literal[
    "phan",  # Phần
    "chuong",  # Chương
    "muc",  # Mục
    "tieu_muc",  # Tiểu mục
    "dieu",  # Điều (article)
    "khoan",  # Khoản (clause, "1.")
    "diem",  # Điểm (point, "a)")
    "section",  # numbered clause of a QCVN/TCVN ("1", "1.1", "2.3.4")
    "phu_luc",  # Phụ lục (appendix)
]


@dataclass
class Provenance:
    """Where a document came from: the manifest source, the file, its sha256 and origin URL."""

    source: str
    path: str
    sha256: str
    url: str | None = None


@dataclass
class DocumentMeta:
    """Metadata of one legal document (Luật, Nghị định, Thông tư, QCVN, TCVN …).

    ``id`` is a stable slug (e.g. ``"68-2006-qh11"``); ``number`` is the số hiệu as the
    document writes it (``"68/2006/QH11"``) or None when the source gives only a name.
    Dates are ISO ``YYYY-MM-DD`` strings. ``record`` holds, as JSON-safe data, the whole
    record a document was made from when it is a record rather than a text (a catalogue
    entry), so what is derived from the store can rebuild it.
    """

    id: str
    title: str
    number: str | None = None
    type: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    effective_date: str | None = None
    status: str | None = None
    legal_bases: list[str] = field(default_factory=list)
    url: str | None = None
    collection: str = "default"
    provenance: Provenance | None = None
    record: dict[str, Any] | None = None

    @property
    def year(self) -> int | None:
        """Year of issue, from the issue date or the document number."""
        if self.issued_date:
            return int(self.issued_date[:4])
        return None


@dataclass
class Node:
    """One unit of a document's structure; ``text`` is the node's own text, without children.

    ``code`` holds a pháp-điển code ("19.8.LQ.1") and ``note`` its source note when the
    article comes from the Bộ pháp điển.
    """

    kind: NodeKind
    number: str = ""
    title: str = ""
    text: str = ""
    children: list[Node] = field(default_factory=list)
    code: str | None = None
    note: str | None = None
    url: str | None = None

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """The node's text followed by all its descendants' text, one unit per line."""
        lines = [self.text] if self.text else []
        for child in self.children:
            head = _heading_line(child)
            body = child.full_text()
            lines.append(f"{head} {body}".strip() if head else body)
        return "\n".join(line for line in lines if line)


def _heading_line(node: Node) -> str:
    if node.kind == "khoan":
        return f"{node.number}."
    if node.kind == "diem":
        return f"{node.number})"
    if node.kind == "section":
        return f"{node.number} {node.title}".strip()
    if node.kind in ("dieu",):
        return f"Điều {node.number}. {node.title}".strip()
    return node.title


@dataclass
class ParsedDocument:
    """A parsed document: metadata plus its top-level structure nodes in order."""

    meta: DocumentMeta
    nodes: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        for node in self.nodes:
            yield from node.walk()

    def articles(self) -> list[Node]:
        """Every Điều of the document, in order."""
        return [n for n in self.walk() if n.kind == "dieu"]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    """Where a chunk sits in its source: enough to write "khoản 2 Điều 5 Luật 68/2006/QH11"."""

    label: str
    document_number: str | None
    document_title: str
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    section: str | None = None
    url: str | None = None


@dataclass
class Chunk:
    """A searchable unit: an article, or a group of its clauses when the article is long.

    ``heading`` carries the context above the text (document title, chapter, article title),
    ``text`` the body; both are indexed. ``ordinal`` is the chunk's position in the document.
    ``code`` is the pháp-điển code of the article when there is one.
    """

    id: str
    doc_id: str
    heading: str
    text: str
    citation: Citation
    ordinal: int
    code: str | None = None

    def embedding_text(self) -> str:
        """The text given to the embedder: heading then body."""
        return f"{self.heading}\n{self.text}" if self.heading else self.text


@dataclass(frozen=True)
class ParseFailure:
    """One file (or archive member) that could not be parsed, and why."""

    path: str
    reason: str
