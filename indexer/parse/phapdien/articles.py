"""Pháp-điển entries as records, from a stream of (role, text) events.

The HTML parser and the Markdown rendering both produce the same events:
``("demuc", "19.8 Tiêu chuẩn …")``, ``("heading", "Chương I")``, ``("heading_title", …)``,
``("article", "Điều 19.8.LQ.1. Phạm vi …")``, ``("note", text, url)``, ``("body", line)``,
``("related", text)``. Each record already names the original document it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from indexer.models import NodeKind
from indexer.parse.phapdien.notes import SourceNote, parse_note
from indexer.structure import patterns as p
from indexer.structure.ids import document_id

Event = tuple[str, str, str | None]

_CODE_HEADING = re.compile(r"^Điều\s+(\d+\.\d+(?:\.[0-9A-Za-zĐđ]+)+?)\.(?:\s+(.*))?$")
_PLAIN_HEADING = re.compile(r"^Điều\s+(\d+[a-zđ]?)\.?\s*(.*)$")
_SPINE = re.compile(r"^\d+\.\d+\.[A-ZĐ]+\.\d+[a-zđ]*$")
_CODE_TYPES = {
    "LQ": "Luật", "NĐ": "Nghị định", "TT": "Thông tư", "TL": "Thông tư liên tịch",
    "QĐ": "Quyết định", "PL": "Pháp lệnh", "NQ": "Nghị quyết", "NL": "Nghị quyết liên tịch",
    "CT": "Chỉ thị", "SL": "Sắc lệnh",
}  # fmt: skip
_HEADINGS: list[tuple[NodeKind, re.Pattern[str]]] = [
    ("phan", p.PHAN),
    ("chuong", p.CHUONG),
    ("muc", p.MUC),
    ("tieu_muc", p.TIEU_MUC),
]
_LEVEL = {"phan": 0, "chuong": 1, "muc": 2, "tieu_muc": 3}


@dataclass
class Heading:
    """A heading of the đề mục (Chương/Mục/Tiểu mục) above an entry."""

    kind: NodeKind
    number: str
    title: str = ""


@dataclass
class PhapDienArticle:
    """One pháp-điển entry, tied to its original document and article."""

    doc_id: str
    article: str
    title: str
    code: str | None
    note: str
    url: str | None
    demuc: str
    source: SourceNote | None
    doc_type: str | None
    body: list[str] = field(default_factory=list)
    context: list[Heading] = field(default_factory=list)

    @property
    def spine(self) -> bool:
        """True for entries of the đề mục's main document ("19.8.LQ.1"): its headings apply."""
        return self.code is not None and bool(_SPINE.match(self.code))


def _resolve(
    code: str | None, source: SourceNote | None, previous: PhapDienArticle | None
) -> tuple[str | None, str | None, str | None]:
    """(doc_id, article number, doc type) for an entry; falls back on the pháp-điển code."""
    last = code.rsplit(".", 1)[-1] if code else None
    if source is not None:
        doc_id = document_id(source.number, source.title or source.doc_type, source.doc_type)
        return doc_id, source.article or last, source.doc_type
    if code is not None:
        prefix = code.rsplit(".", 1)[0]
        kind = next((part for part in prefix.split(".") if part in _CODE_TYPES), None)
        return f"phap-dien-{document_id(prefix, '')}", last, _CODE_TYPES.get(kind or "")
    if previous is not None:
        return previous.doc_id, None, previous.doc_type
    return None, None, None


def collect_articles(events: Iterable[Event]) -> list[PhapDienArticle]:
    """Group events into entries, tracking the headings and the đề mục above each."""
    articles: list[PhapDienArticle] = []
    context: list[Heading] = []
    demuc = ""
    current: PhapDienArticle | None = None
    in_body = False
    for role, text, url in events:
        if role == "demuc":
            demuc = text
        elif role == "heading":
            kind: NodeKind = next((k for k, rx in _HEADINGS if rx.match(text)), "chuong")
            match = dict(_HEADINGS)[kind].match(text)
            number = match.group(1) if match else text
            context = [h for h in context if _LEVEL[h.kind] < _LEVEL[kind]]
            context.append(Heading(kind, number, match.group(2) if match else ""))
            current, in_body = None, False
        elif role == "heading_title" and context and not context[-1].title:
            context[-1].title = text
        elif role == "article":
            current, in_body = (
                _start(text, demuc, context, articles[-1] if articles else None),
                True,
            )
            if current is not None:
                articles.append(current)
        elif current is None:
            continue
        elif role == "note" and not current.note:
            _attach_note(current, text, url, articles[-2] if len(articles) > 1 else None)
        elif role == "related":
            in_body = False
        elif role == "body" and in_body:
            current.body.append(text)
    return [a for a in articles if a.doc_id]


def _start(
    heading: str, demuc: str, context: list[Heading], previous: PhapDienArticle | None
) -> PhapDienArticle | None:
    coded = _CODE_HEADING.match(heading)
    match = coded or _PLAIN_HEADING.match(heading)
    if match is None:
        return None
    code = coded.group(1) if coded else None
    title = (match.group(2) or "").strip()
    doc_id, article, doc_type = _resolve(code, None, previous)
    if not coded:
        article = match.group(1)
    return PhapDienArticle(
        doc_id=doc_id or "",
        article=article or "",
        title=title,
        code=code,
        note="",
        url=None,
        demuc=demuc,
        source=None,
        doc_type=doc_type,
        context=[Heading(h.kind, h.number, h.title) for h in context],
    )


def _attach_note(
    entry: PhapDienArticle, note: str, url: str | None, previous: PhapDienArticle | None
) -> None:
    entry.note, entry.url = note, url
    entry.source = parse_note(note)
    if entry.source is None:
        return
    doc_id, article, doc_type = _resolve(entry.code, entry.source, previous)
    entry.doc_id, entry.doc_type = doc_id or entry.doc_id, doc_type
    entry.article = article or entry.article
