"""Which QCVN applies to a product or activity, asked in plain words or by HS code.

Matching runs over the nhóm-2 product rows, the QCVN titles (without their generic head) and
their scopes (:mod:`standards.matching`), and HS codes by prefix with or without dots. A hit
on a replaced QCVN counts for the version now in force (followed through
:class:`~standards.chains.VersionGraph`), which comes first; the replaced version is still
returned, marked, after it. Each match says why it matched and carries the nhóm-2 rows
(HS codes, import measure, inspecting agency, legal basis) of its line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from standards.chains import VersionGraph
from standards.matching import Field, FieldHit, FieldIndex, query_words
from standards.models import Catalogue, ProductRecord, StandardRecord
from standards.status import OUT_OF_FORCE, UNKNOWN, Status
from standards.text import subject

WEIGHTS = {"product": 1.0, "title": 1.0, "scope": 0.8}
REPLACED = 0.5  # a replaced version's score, relative to what it matched
UNSURE = 0.9  # a version in force whose status the data does not settle
MIN_SCORE = 0.2
PRODUCT_SHARE = 0.5  # nhóm-2 rows shown: those scoring at least this share of the best row
INFER_MIN = 0.5  # a nhóm-2 row without QCVN is linked to the best QCVN title above this
_HS = re.compile(r"(?<![\d.])(\d{4}(?:\.\d{2}){1,3}|\d{6,10})(?![\d.])")
_HS_AFTER_WORD = re.compile(r"\bhs\s*:?\s*(\d{4}(?:\.?\d{2}){0,3})(?![\d.])", re.IGNORECASE)
_HS_IN_TEXT = re.compile(r"(?<![\d.])\d{4}\.\d{2}(?:\.\d{2})?(?![\d.])")


@dataclass(frozen=True)
class ProductHit:
    """A nhóm-2 row attached to a match: matched by the question, or on the same QCVN line."""

    product: ProductRecord
    score: float
    reason: str
    matched: bool = True


@dataclass(frozen=True)
class Match:
    """A QCVN that applies, its score, status and why; ``replaced_by`` is set on a replaced
    version (listed after the version in force)."""

    record: StandardRecord
    score: float
    status: Status
    reasons: tuple[str, ...]
    products: tuple[ProductHit, ...] = ()
    replaced_by: str | None = None

    @property
    def replaced(self) -> bool:
        """Whether this version has been replaced by the one listed before it."""
        return self.replaced_by is not None


@dataclass(frozen=True)
class _Member:
    """A QCVN that matched the question, its combined score and reasons."""

    record: StandardRecord
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Applicability:
    """The answer to one product question: QCVN matches best first, and the nhóm-2 rows."""

    query: str
    matches: tuple[Match, ...] = ()
    products: tuple[ProductHit, ...] = field(default_factory=tuple)

    @property
    def numbers(self) -> list[str]:
        """The QCVN numbers of the matches, best first."""
        return [m.record.number for m in self.matches]


def hs_codes(query: str) -> list[str]:
    """HS codes in a question, digits only: "2710.12.21" → "27101221"; "mã HS 2710" → "2710"."""
    found = _HS.findall(query) + _HS_AFTER_WORD.findall(query)
    return list(dict.fromkeys(re.sub(r"\D", "", c) for c in found))


def hs_score(query: str, code: str) -> float:
    """How well an HS code of the data matches one asked (digits only); 0 when neither is a
    prefix of the other. Exact 1.0; a shorter question scores by how much of the code it gives."""
    if code == query:
        return 1.0
    if code.startswith(query):
        return 0.6 + 0.4 * len(query) / len(code)
    return 0.8 if query.startswith(code) else 0.0


class ApplicabilityIndex:
    """Product rows and QCVN titles/scopes of a catalogue, ready for questions."""

    def __init__(self, catalogue: Catalogue, graph: VersionGraph | None = None) -> None:
        self.catalogue = catalogue
        self.graph = graph or VersionGraph(catalogue)
        self.targets: list[StandardRecord | ProductRecord] = []
        fields: list[Field] = []
        self.hs: list[tuple[int, str, str]] = []  # target, digits, code as written
        for record in catalogue:
            self._add_record(record, fields)
        for product in catalogue.products:
            if product.record_type == "item" and product.product:
                fields.append(Field(len(self.targets), "product", product.product))
                self.hs += [(len(self.targets), re.sub(r"\D", "", c), c) for c in product.hs_codes]
                self.targets.append(product)
        self.index = FieldIndex(fields)
        self.product_qcvn = {
            i: self._product_records(t)
            for i, t in enumerate(self.targets)
            if isinstance(t, ProductRecord)
        }

    def _add_record(self, record: StandardRecord, fields: list[Field]) -> None:
        target = self.catalogue.base_of(record) if record.is_amendment else record
        if target is None or target.kind != "QCVN":
            return
        n = len(self.targets)
        if not record.is_amendment and record.title:
            fields.append(Field(n, "title", subject(record.title), WEIGHTS["title"], record.title))
        if record.scope:
            fields.append(Field(n, "scope", record.scope, WEIGHTS["scope"]))
            self.hs += [(n, re.sub(r"\D", "", c), c) for c in _HS_IN_TEXT.findall(record.scope)]
        self.targets.append(target)

    def _product_records(self, product: ProductRecord) -> list[tuple[StandardRecord, str]]:
        """The QCVNs a nhóm-2 row names (amendments → their base), or, when it names none, the
        BKHCN QCVN whose title or scope best matches its product name (said to be inferred)."""
        named = [self.catalogue.resolve(n) for n in product.qcvn]
        bases = [self.catalogue.base_of(r) if r.is_amendment else r for r in named if r]
        found = list(dict.fromkeys(b for b in bases if b))
        if found or not product.product:
            return [(r, "") for r in found]
        for hit in self.index.search(query_words(product.product)):
            target = self.targets[hit.field.target]
            if isinstance(target, StandardRecord) and target.agency == "BKHCN":
                if hit.score < INFER_MIN:
                    break
                why = f"suy ra từ tên sản phẩm và tên/phạm vi QCVN (điểm {hit.score:.2f})"
                return [(self.graph.current(target), why)]
        return []

    def _field_reason(self, hit: FieldHit, total: int) -> str:
        target = self.targets[hit.field.target]
        label = {"title": "tên QCVN", "scope": "phạm vi QCVN", "product": "sản phẩm nhóm 2"}
        where = f" ({_where(target)})" if isinstance(target, ProductRecord) else ""
        return (
            f"{label[hit.field.kind]} «{_short(hit.field.display or hit.field.text)}»{where} "
            f"khớp {len(hit.matched)}/{total} từ"
        )

    def _collect(self, query: str) -> tuple[dict[str, list[tuple[float, str]]], list[ProductHit]]:
        """Scores and reasons per QCVN key, and the matched product rows."""
        per_record: dict[str, list[tuple[float, str]]] = defaultdict(list)
        products: dict[int, ProductHit] = {}
        words = query_words(_HS.sub(" ", _HS_AFTER_WORD.sub(" ", query)))
        scored = [
            (h.field.target, h.score, self._field_reason(h, len(words)))
            for h in self.index.search(words)
        ]
        for code in hs_codes(query):
            for target, digits, written in self.hs:
                if s := hs_score(code, digits):
                    where = self.targets[target]
                    scored.append((target, s, f"mã HS {written} ({_where(where)})"))
        for target, score, reason in scored:
            item = self.targets[target]
            if isinstance(item, ProductRecord):
                if target not in products or products[target].score < score:
                    products[target] = ProductHit(item, score, reason)
                for record, note in self.product_qcvn[target]:
                    per_record[record.key].append((score, f"{reason}; {note}" if note else reason))
            else:
                per_record[item.key].append((score, reason))
        ranked = sorted(products.values(), key=lambda p: -p.score)
        floor = max(MIN_SCORE, PRODUCT_SHARE * ranked[0].score) if ranked else 0.0
        return per_record, [p for p in ranked if p.score >= floor]

    def find(self, query: str, as_of: date | None = None, limit: int = 10) -> Applicability:
        """The QCVNs that apply to ``query`` on ``as_of`` (the graph's snapshot by default)."""
        as_of = as_of or self.graph.snapshot
        per_record, products = self._collect(query)
        lines: dict[str, list[_Member]] = defaultdict(list)
        for key, found in per_record.items():
            record = self.catalogue.get(key)
            if record is None:
                continue
            ranked = sorted(found, key=lambda f: -f[0])
            score = ranked[0][0] + 0.1 * min(1.0, sum(s for s, _ in ranked[1:]))
            reasons = tuple(dict.fromkeys(r for _, r in ranked))
            lines[self.graph.current(record).key].append(_Member(record, score, reasons))
        matches = [m for members in lines.values() for m in self._line(members, products, as_of)]
        matches = [m for m in matches if m.score >= MIN_SCORE]
        matches.sort(key=lambda m: (-m.score, m.replaced, m.record.number))
        return Applicability(query, tuple(matches[:limit]), tuple(products))

    def _succession(self, old: StandardRecord) -> str:
        """Why a hit on ``old`` counts for the version in force: the links followed."""
        steps = [
            f"{link.new} thay thế {link.old}"
            + (f" (suy luận: {link.reason})" if link.inferred else "")
            for link in self.graph.route(old)
        ]
        return "bản đang áp dụng: " + "; ".join(steps)

    def _line(self, members: list[_Member], products: list[ProductHit], as_of: date) -> list[Match]:
        """The match of the version in force and, after it, the replaced versions that matched."""
        best = max(members, key=lambda m: m.score)
        head = self.graph.current(best.record)
        status = self.graph.status_on(head, as_of)
        factor = {OUT_OF_FORCE: REPLACED, UNKNOWN: UNSURE}.get(status.value, 1.0)
        reasons = [
            r if m.record.key == head.key else f"{m.record.number}: {r}"
            for m in members
            for r in m.reasons
        ]
        if best.record.key != head.key:
            reasons.append(self._succession(best.record))
        found = self._line_products(head, products)
        result = [Match(head, best.score * factor, status, tuple(dict.fromkeys(reasons)), found)]
        for m in members:
            if m.record.key != head.key:
                old_status = self.graph.status_on(m.record, as_of)
                score = min(m.score, best.score) * REPLACED
                why = (*m.reasons, self._succession(m.record))
                result.append(Match(m.record, score, old_status, why, found, head.number))
        return result

    def _line_products(
        self, record: StandardRecord, matched: list[ProductHit]
    ) -> tuple[ProductHit, ...]:
        """The matched nhóm-2 rows of ``record``'s line, then its official-list rows not matched."""
        head = self.graph.current(record)
        line = {
            i
            for i, recs in self.product_qcvn.items()
            if any(self.graph.current(r).key == head.key for r, _ in recs)
        }
        rows = [self.targets[i] for i in sorted(line)]
        hits = [p for p in matched if p.product in rows]
        listed = [
            ProductHit(p, 0.0, "cùng QCVN trong danh mục nhóm 2", matched=False)
            for p in rows
            if isinstance(p, ProductRecord)
            and p not in [h.product for h in hits]
            and (p.basis or "").startswith("danh mục nhóm 2")
        ]
        return (*hits, *listed)


def _where(product: ProductRecord | StandardRecord) -> str:
    if isinstance(product, StandardRecord):
        return f"phạm vi {product.number}"
    item = f" mục {product.item_no}" if product.item_no else ""
    return f"{product.list_document}{item}"


def _short(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + " …"
