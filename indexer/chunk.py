"""Cut parsed documents into searchable, citable chunks.

One chunk per article (Điều) when it fits ``max_tokens`` whitespace words; a longer article
is split into consecutive clause groups (then point groups, then line windows). QCVN/TCVN
clauses and appendices get their own chunks. Ids are stable: ``{doc}/d{article}``,
``{doc}/d{article}/k{first}-{last}``, ``{doc}/s{2.3.4}``, ``{doc}/pl{I}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.models import Chunk, Citation, DocumentMeta, Node, ParsedDocument
from indexer.structure.ids import slugify
from indexer.structure.text import sentence_case, word_count

SEPARATOR = " › "
_CONTAINER_NAMES = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "tieu_muc": "Tiểu mục"}


@dataclass(frozen=True)
class _Piece:
    """A part of a unit's text: its id suffix, clause and point ranges, and its text."""

    suffix: str
    text: str
    clause: str | None = None
    point: str | None = None


def document_label(meta: DocumentMeta) -> str:
    """How citations name a document: "Luật 68/2006/QH11", "QCVN 32:2026/BXD", or its title."""
    if not meta.number:
        return meta.title
    if meta.type and not meta.number.startswith(meta.type):
        return f"{meta.type} {meta.number}"
    return meta.number


def unit_label(article: str, clause: str | None = None, point: str | None = None) -> str:
    """A unit written the Vietnamese way, smallest first: "điểm a khoản 2 Điều 5", and a
    chunk's range of clauses or points as a list or a span.

    >>> unit_label("13", "1-2")
    'khoản 1, 2 Điều 13'
    >>> unit_label("5", "1-4"), unit_label("5", "4", "đ-g"), unit_label("5", "4", "d-đ")
    ('khoản 1 đến khoản 4 Điều 5', 'điểm đ đến điểm g khoản 4 Điều 5', 'điểm d, đ khoản 4 Điều 5')
    """
    parts = [_numbers("điểm", point), _numbers("khoản", clause), f"Điều {article}"]
    return " ".join(p for p in parts if p)


_POINT_ORDER = "abcdđeghiklmnopqrstuvxy"


def _numbers(name: str, value: str | None) -> str:
    if not value:
        return ""
    first, dash, last = value.partition("-")
    if not dash:
        return f"{name} {value}"
    if first.isdigit() and last.isdigit():
        adjacent = int(last) == int(first) + 1
    else:
        adjacent = f"{first}{last}" in _POINT_ORDER
    return f"{name} {first}, {last}" if adjacent else f"{name} {first} đến {name} {last}"


def document_heading(meta: DocumentMeta) -> str:
    """The document part of a heading: "Luật Tiêu chuẩn và quy chuẩn kỹ thuật 68/2006/QH11"."""
    if meta.number and meta.number not in meta.title:
        return f"{meta.title} {meta.number}"
    return meta.title


def node_heading(node: Node) -> str:
    """One step of a heading path: "Chương II. Tiêu chuẩn", "Điều 23. Tên điều", "2.3.4 Tên"."""
    title = sentence_case(node.title)
    if node.kind in _CONTAINER_NAMES:
        name = f"{_CONTAINER_NAMES[node.kind]} {node.number}"
        return f"{name}. {title}" if title else name
    if node.kind == "dieu":
        return f"Điều {node.number}. {title}" if title else f"Điều {node.number}"
    if node.kind == "phu_luc":
        name = f"Phụ lục {node.number}".strip()
        return f"{name}. {title}" if title else name
    return f"{node.number} {title}".strip()


def _range(first: str, last: str) -> str:
    return first if first == last else f"{first}-{last}"


def _windows(text: str, max_tokens: int) -> list[str]:
    """Consecutive line groups of at most ``max_tokens`` words (long lines cut by words)."""
    pieces: list[str] = []
    for line in text.split("\n"):
        words = line.split()
        pieces.extend(" ".join(words[i : i + max_tokens]) for i in range(0, len(words), max_tokens))
    groups: list[list[str]] = []
    size = 0
    for piece in pieces:
        n = word_count(piece)
        if groups and size + n <= max_tokens:
            groups[-1].append(piece)
            size += n
        else:
            groups.append([piece])
            size = n
    return ["\n".join(group) for group in groups]


def _pack(units: list[tuple[str, str]], intro: str, max_tokens: int) -> list[list[tuple[str, str]]]:
    """Greedy groups of (number, text) units within ``max_tokens``; intro counts in the first."""
    groups: list[list[tuple[str, str]]] = []
    size = word_count(intro)
    for unit in units:
        n = word_count(unit[1])
        if groups and size + n <= max_tokens:
            groups[-1].append(unit)
            size += n
        else:
            size = n if groups else size + n
            groups.append([unit])
    return groups


def _unit_text(node: Node) -> str:
    marker = f"{node.number}." if node.kind == "khoan" else f"{node.number})"
    return f"{marker} {node.full_text()}".strip()


def _point_pieces(points: list[Node], intro: str, max_tokens: int) -> list[_Piece]:
    units = [(p.number, _unit_text(p)) for p in points]
    pieces = []
    for i, group in enumerate(_pack(units, intro, max_tokens)):
        letters = _range(group[0][0], group[-1][0])
        suffix = f"/p{letters.replace('đ', 'dd')}"
        body = "\n".join(text for _, text in group)
        text = f"{intro}\n{body}" if intro and i == 0 else body
        windows = _windows(text, max_tokens) if word_count(text) > max_tokens else [text]
        for j, window in enumerate(windows, 1):
            piece_suffix = suffix if len(windows) == 1 else f"{suffix}/t{j}"
            pieces.append(_Piece(piece_suffix, window, point=letters))
    return pieces


def split_unit(node: Node, max_tokens: int) -> list[_Piece]:
    """Pieces of a too-long article or clause: clause groups, point groups or line windows."""
    clauses = {c.number: c for c in node.children if c.kind == "khoan"}
    points = [c for c in node.children if c.kind == "diem"]
    if not clauses:
        if points:
            return _point_pieces(points, node.text, max_tokens)
        return [_Piece(f"/t{i}", text) for i, text in enumerate(_windows(node.text, max_tokens), 1)]
    pieces: list[_Piece] = []
    units = [(number, _unit_text(c)) for number, c in clauses.items()]
    for i, group in enumerate(_pack(units, node.text, max_tokens)):
        intro = node.text if i == 0 else ""
        body = "\n".join(text for _, text in group)
        if len(group) > 1 or word_count(body) + word_count(intro) <= max_tokens:
            numbers = _range(group[0][0], group[-1][0])
            pieces.append(_Piece(f"/k{numbers}", f"{intro}\n{body}".strip(), clause=numbers))
            continue
        clause = clauses[group[0][0]]
        budget = max(max_tokens - word_count(intro) - 1, max_tokens // 2)
        for j, sub in enumerate(split_unit(clause, budget)):
            lead = f"{intro}\n{clause.number}. " if j == 0 else ""
            text = f"{lead.lstrip()}{sub.text}"
            pieces.append(
                _Piece(
                    f"/k{clause.number}{sub.suffix}", text, clause=clause.number, point=sub.point
                )
            )
    return pieces


class _Chunker:
    def __init__(self, doc: ParsedDocument, max_tokens: int) -> None:
        self.doc = doc
        self.meta = doc.meta
        self.label = document_label(doc.meta)
        self.max_tokens = max_tokens
        self.chunks: list[Chunk] = []
        self.seen: dict[str, int] = {}

    def run(self) -> list[Chunk]:
        for node in self.doc.nodes:
            self.visit(node, [document_heading(self.meta)])
        return self.chunks

    def visit(self, node: Node, path: list[str]) -> None:
        here = [*path, node_heading(node)] if node.number or node.title else path
        if node.kind == "dieu":
            self.article(node, here)
            return
        if node.kind == "section":
            self.section(node, here)
        elif node.kind == "phu_luc":
            self.appendix(node, here)
            return
        for child in node.children:
            if child.kind not in ("khoan", "diem"):
                self.visit(child, here)

    def article(self, node: Node, path: list[str]) -> None:
        base = f"{self.meta.id}/d{node.number}"
        text = node.full_text()
        if word_count(text) <= self.max_tokens:
            self.emit(base, path, text, unit_label(node.number), node, article=node.number)
            return
        for piece in split_unit(node, self.max_tokens):
            piece_label = unit_label(node.number, piece.clause, piece.point)
            self.emit(base + piece.suffix, path, piece.text, piece_label, node,
                      article=node.number, clause=piece.clause, point=piece.point)  # fmt: skip

    def section(self, node: Node, path: list[str]) -> None:
        # a clause's status ("sửa đổi bởi Sửa đổi 1:2023 …") is part of what it says
        status = f"[{node.note}]" if node.note else ""
        own = Node(kind="section", number=node.number,
                   text="\n".join(t for t in (node.text, status) if t),
                   children=[c for c in node.children if c.kind == "diem"])  # fmt: skip
        text = own.full_text()
        if not text:
            return
        number = node.number or None
        base = f"{self.meta.id}/s{node.number}" if number else f"{self.meta.id}/t"
        label = f"Mục {node.number}" if number else ""
        if word_count(text) <= self.max_tokens and number:
            self.emit(base, path, text, label, node, section=number)
            return
        for piece in split_unit(own, self.max_tokens):
            suffix = piece.suffix if number else piece.suffix.removeprefix("/t")
            self.emit(base + suffix, path, piece.text, label, node, section=number)

    def appendix(self, node: Node, path: list[str]) -> None:
        """The appendix's own text in windows, then its lettered clauses ("A.1")."""
        text = node.text
        number = node.number or str(1 + sum(1 for c in self.chunks if "/pl" in c.id))
        base = f"{self.meta.id}/pl{slugify(number)}"
        label = f"Phụ lục {node.number}".strip()
        windows = _windows(text, self.max_tokens) if text else []
        for i, window in enumerate(windows, 1):
            chunk_id = base if len(windows) == 1 else f"{base}/t{i}"
            self.emit(chunk_id, path, window, label, node, section=None)
        for child in node.children:
            self.visit(child, path)

    def emit(self, chunk_id: str, path: list[str], text: str, label: str, node: Node,
             **where: str | None) -> None:  # fmt: skip
        count = self.seen.get(chunk_id, 0)
        self.seen[chunk_id] = count + 1
        if count:
            chunk_id = f"{chunk_id}~{count + 1}"
        citation = Citation(
            label=f"{label} {self.label}".strip(),
            document_number=self.meta.number,
            document_title=self.meta.title,
            url=node.url or self.meta.url,
            **where,
        )
        self.chunks.append(Chunk(id=chunk_id, doc_id=self.meta.id, heading=SEPARATOR.join(path),
                                 text=text, citation=citation, ordinal=len(self.chunks),
                                 code=node.code))  # fmt: skip


def chunk_document(doc: ParsedDocument, max_tokens: int = 300) -> list[Chunk]:
    """Chunks of a document in reading order; ids unique within the document."""
    return _Chunker(doc, max_tokens).run()
