"""Definitions (thuật ngữ) extracted from legal documents, and a glossary to look them up.

Laws and decrees define their terms in a "Giải thích từ ngữ" article ("Trong Luật này, các
từ ngữ dưới đây được hiểu như sau: 1. Tiêu chuẩn là quy định về …"); standards and
regulations in a "Thuật ngữ và định nghĩa" / "Giải thích từ ngữ" section whose sub-sections
are the terms. Accepted forms of one definition: "X là …", "X được hiểu là …", "X: …",
"X (tiếng Anh …) là …"; "(sau đây gọi là Y)" in X adds Y as another name of the same term.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from indexer.analysis import fold, normalize
from indexer.chunk import document_label, unit_label
from indexer.cite.find import find_doc_refs
from indexer.models import Citation, Node, ParsedDocument

FORMAT = "tdc-glossary/1"
MAX_TERM_WORDS = 20
_DEFINITION_TITLE = re.compile(r"giai thich (?:tu ngu|thuat ngu)|thuat ngu|dinh nghia")
_INTRO = re.compile(r"(?:tu ngu|thuat ngu).{0,60}duoc hieu nhu sau")
_SEPARATOR = re.compile(r"\s+(?:được hiểu là|là)\s+|\s*:\s+")
_INCLUDES = re.compile(r"\s+bao gồm\s+")  # "X bao gồm …", used only when nothing else fits
_NUMBERING = re.compile(r"^\s*(?:(?P<num>\d+(?:\.\d+)*)\.?|(?P<point>[a-zđ])\))\s+")
_ALIAS = re.compile(
    r"\((?:sau đây\s+)?(?:gọi tắt|gọi|viết tắt|được viết tắt)(?:[^()]*?)\s+là\s+([^()]+?)\)"
)
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z0-9&]{1,9})\s*[-–:]")
_PARENS = re.compile(r"\s*\([^()]*\)")
# Heads that are not terms: "Trong Luật này …", "Các từ ngữ khác …", "X gồm: …".
_NOT_A_TERM = re.compile(r"^(?:trong|cac|truong hop|ngoai ra|doi voi)\b|\b(?:gom|sau day|nhu sau)$")
_WORDS = re.compile(r"\w+")
# Documents higher in the hierarchy come first when several define the same term.
_KIND_RANK = {"luat": 0, "nghi_dinh": 1, "quyet_dinh": 2, "thong_tu": 2, "ttlt": 2}


@dataclass(frozen=True)
class Term:
    """One defined term: its definition and where it is defined.

    ``article`` is the Điều number, or the section number ("1.3.1") in a QCVN/TCVN;
    ``clause`` the khoản (or the numbered line) that holds the definition.
    """

    term: str
    definition: str
    citation: Citation
    doc_id: str
    article: str
    clause: str | None = None


def term_key(text: str) -> str:
    """Matching form of a term: folded, lower-cased words ("Hàng hoá" → "hang hoa")."""
    return " ".join(_WORDS.findall(fold(normalize(text)).lower()))


def _outside_parens(text: str, separator: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Separator matches that are not inside parentheses."""
    for m in separator.finditer(text):
        before = text[: m.start()]
        if before.count("(") == before.count(")"):
            yield m


def parse_definition(line: str, *, includes: bool = True) -> tuple[str, str, list[str]] | None:
    """(term, definition, other names) of one "X là …" line, or None when it defines nothing.

    ``includes``: also accept "X bao gồm …" (off for lines that follow a definition, where
    it describes the term just defined).
    """
    line = _NUMBERING.sub("", normalize(line), count=1)
    sep = next(_outside_parens(line, _SEPARATOR), None)
    if sep is None and includes:
        sep = next(_outside_parens(line, _INCLUDES), None)
    if sep is None:
        return None
    head, definition = line[: sep.start()], line[sep.end() :].strip()
    definition = re.sub(r"^là\s+", "", definition)  # "X: là …"
    aliases = [a.strip() for a in _ALIAS.findall(head) + _ABBREVIATION.findall(head)]
    term = _PARENS.sub("", head).strip(" ,;.-–")
    words = _WORDS.findall(term)
    if not words or len(words) > MAX_TERM_WORDS or len(_WORDS.findall(definition)) < 2:
        return None
    if not term[0].isalpha() or _NOT_A_TERM.search(term_key(term)):
        return None
    return term, definition, aliases


def _is_definitions_unit(node: Node) -> bool:
    if node.kind not in ("dieu", "section"):
        return False
    title = term_key(node.title)
    first_line = term_key(node.text.split("\n", 1)[0])
    return bool(_DEFINITION_TITLE.search(title) or _INTRO.search(first_line))


@dataclass
class _Found:
    term: str
    definition: str
    aliases: list[str]
    clause: str | None = None
    point: str | None = None
    section: str | None = None


def _from_lines(text: str, clause: str | None) -> list[_Found]:
    """Definitions in a block of lines; lines that define nothing continue the previous one."""
    found: list[_Found] = []
    for line in text.split("\n"):
        parsed = parse_definition(line, includes=not found)
        if parsed and found and term_key(parsed[0]) == term_key(found[-1].term):
            parsed = None  # "X là …" then "X bao gồm …": one definition
        numbered = _NUMBERING.match(line)
        if parsed:
            number = numbered.group("num") if numbered and clause is None else clause
            found.append(_Found(parsed[0], parsed[1], parsed[2], number))
        elif found and line.strip():
            found[-1].definition += "\n" + line.strip()
    return found


def _article_definitions(article: Node) -> list[_Found]:
    found = [f for f in _from_lines(article.text, None) if f.clause]
    for clause in article.children:
        if clause.kind != "khoan":
            continue
        here = _from_lines(clause.text, clause.number)
        for point in clause.children:
            parsed = parse_definition(point.text) if point.kind == "diem" else None
            if parsed:
                here.append(_Found(*parsed, clause=clause.number, point=point.number))
            elif here:
                here[-1].definition += f"\n{point.number}) {point.text}"
        found += here
    return found


def _section_definitions(section: Node) -> list[_Found]:
    found = []
    for sub in section.children:
        if sub.kind != "section":
            continue
        body = sub.full_text()
        parsed = parse_definition(f"{sub.title}: {body}" if sub.title else body)
        if parsed is None and not sub.title:
            head, _, rest = body.partition(")")  # "Term (ABBR - English) Definition …"
            parsed = parse_definition(f"{head}): {rest}") if "(" in head else None
        if parsed:
            found.append(_Found(*parsed, section=sub.number))
    return found


def extract_terms(doc: ParsedDocument) -> list[Term]:
    """Every definition of the document's "Giải thích từ ngữ" / "Thuật ngữ" units."""
    terms: list[Term] = []
    doc_label = document_label(doc.meta)
    for node in doc.walk():
        if not _is_definitions_unit(node):
            continue
        is_article = node.kind == "dieu"
        found = _article_definitions(node) if is_article else _section_definitions(node)
        for f in found:
            where = unit_label(node.number, f.clause, f.point) if is_article else f"Mục {f.section}"
            citation = Citation(
                label=f"{where} {doc_label}",
                document_number=doc.meta.number,
                document_title=doc.meta.title,
                article=node.number if is_article else None,
                clause=f.clause,
                point=f.point,
                section=f.section,
                url=node.url or doc.meta.url,
            )
            article = node.number if is_article else str(f.section)
            for name in [f.term, *f.aliases]:
                terms.append(Term(name, f.definition, citation, doc.meta.id, article, f.clause))
    return terms


def _rank(term: Term) -> int:
    refs = find_doc_refs(term.citation.document_number or "")
    return _KIND_RANK.get(refs[0].kind, 3) if refs else 3


class Glossary:
    """Terms by matching form; laws before decrees before circulars for the same term."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = sorted(terms, key=_rank)
        self._by_key: dict[str, list[Term]] = {}
        for term in self.terms:
            self._by_key.setdefault(term_key(term.term), []).append(term)

    def __len__(self) -> int:
        return len(self.terms)

    def lookup(self, term: str) -> list[Term]:
        """Definitions of ``term``: exact (folded) match; else the longest known term of two or
        more words inside the phrase; else the known terms that contain the phrase."""
        key = term_key(term)
        if not key:
            return []
        if key in self._by_key:
            return list(self._by_key[key])
        words = key.split()
        for size in range(len(words) - 1, 1, -1):
            for start in range(len(words) - size + 1):
                inner = " ".join(words[start : start + size])
                if inner in self._by_key:
                    return list(self._by_key[inner])
        padded = f" {key} "
        containing = sorted((k for k in self._by_key if padded in f" {k} "), key=len)
        return [t for k in containing for t in self._by_key[k]]

    def search(self, prefix_or_text: str, limit: int = 20) -> list[Term]:
        """Terms for a search box: exact, then prefix, then containing matches; shorter first.

        An empty query lists terms alphabetically.
        """
        key = term_key(prefix_or_text)
        if not key:
            keys = sorted(self._by_key)
        else:
            exact = [key] if key in self._by_key else []
            prefix = sorted((k for k in self._by_key if k.startswith(key) and k != key), key=len)
            inside = sorted(
                (k for k in self._by_key if f" {key}" in f" {k}" and not k.startswith(key)),
                key=len,
            )
            keys = exact + prefix + inside
        return [t for k in keys for t in self._by_key[k]][:limit]

    def to_bytes(self) -> bytes:
        """gzip'd JSON."""
        payload = {"format": FORMAT, "terms": [asdict(t) for t in self.terms]}
        return gzip.compress(json.dumps(payload, ensure_ascii=False).encode(), mtime=0)

    @classmethod
    def from_bytes(cls, data: bytes) -> Glossary:
        """A glossary saved by :meth:`to_bytes`."""
        payload = json.loads(gzip.decompress(data))
        if payload.get("format") != FORMAT:
            raise ValueError(f"not a glossary: {payload.get('format')!r}")
        terms = [Term(**{**t, "citation": Citation(**t["citation"])}) for t in payload["terms"]]
        return cls(terms)
