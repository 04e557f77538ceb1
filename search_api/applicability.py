"""Which QCVN applies to a product, and the procedures that follow, with their citations.

:func:`answer` runs the catalogue's applicability index (:mod:`standards.applicability`):
the QCVN in force first, a replaced version after it, marked; the nhóm-2 rows with HS
codes, import measure, inspecting agency and legal basis. The procedures are then looked
up in the indexed legal texts: "công bố hợp quy" for a product under a QCVN, and the
procedure the nhóm-2 import measure names ("kiểm tra nhà nước về chất lượng … nhập khẩu"),
each with the provisions that set it out. :func:`names_product` decides whether a search
query asks about a product, for the answer card of the search page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from search_api.standards import StandardsIndex
from search_api.standards_schemas import ApplicabilityOut, MatchOut, MentionOut, ProcedureOut
from search_api.standards_views import product_out, summary
from standards.applicability import Applicability, Match
from standards.matching import phrase_table, rewrite
from standards.status import IN_FORCE
from standards.text import word_pairs

#: Below this score a match is reported as partial; the search page shows no card for it.
CONFIDENT = 0.5
#: A search query names a product when at least this share of its words is not intent.
PRODUCT_SHARE = 0.5
PROVISIONS = 3
#: Matches far below the best one are left out (a replaced version of a kept one stays).
RELATIVE = 0.4

#: Provisions of the corpus for a procedure: the store's search for a query, keeping the
#: provisions that name a phrase (in their title first).
ProvisionSearch = Callable[[str, str], list[MentionOut]]


@dataclass(frozen=True)
class Procedure:
    """A procedure, the search that finds its provisions, and when it applies."""

    name: str
    query: str
    phrase: str  # a provision that sets the procedure out names it
    measure: str = ""  # applies to a nhóm-2 row whose import measure starts with this

    def why(self, matches: Sequence[Match]) -> str | None:
        """Why the procedure applies to these matches; None when it does not."""
        head = matches[0]
        if not self.measure:
            return f"sản phẩm thuộc phạm vi {head.record.number}"
        measures = [
            (p.product.import_measure or "", p.product)
            for m in matches
            for p in m.products
            if (p.product.import_measure or "").lower().startswith(self.measure)
        ]
        if not measures:
            return None
        measure, row = measures[0]
        where = " mục ".join(x for x in (row.list_document, row.item_no) if x)
        return f"biện pháp quản lý hàng nhập khẩu theo {where}: {measure}"


PROCEDURES = (
    Procedure("Công bố hợp quy", "trình tự công bố hợp quy", "công bố hợp quy"),
    Procedure(
        "Kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu",
        "trình tự kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu",
        "kiểm tra chất lượng hàng hóa nhập khẩu",
        measure="kiểm tra nhà nước",
    ),
    Procedure(
        "Đăng ký kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu",
        "đăng ký kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu",
        "đăng ký kiểm tra",
        measure="đăng ký kiểm tra",
    ),
)


def _in_force(found: Applicability) -> list[Match]:
    return [m for m in found.matches if not m.replaced and m.status.value == IN_FORCE]


def procedures(found: Applicability, search: ProvisionSearch) -> list[ProcedureOut]:
    """The procedures that apply to the matches, each with the provisions that set it out."""
    matches = [m for m in found.matches if m.score >= CONFIDENT] or list(found.matches[:1])
    if not matches:
        return []
    out = []
    for procedure in PROCEDURES:
        why = procedure.why(matches)
        if why:
            provisions = search(procedure.query, procedure.phrase)[:PROVISIONS]
            out.append(ProcedureOut(name=procedure.name, why=why, provisions=provisions))
    return out


def _message(query: str, found: Applicability) -> str:
    if not found.matches:
        return f"Không có QCVN nào trong danh mục khớp với «{query}»."
    head = found.matches[0]
    if head.score < CONFIDENT:
        return (
            f"Chỉ khớp một phần: {head.record.number} có thể áp dụng cho «{query}»; cần kiểm tra."
        )
    in_force = _in_force(found)
    if not in_force:
        return f"{head.record.number} khớp với «{query}» nhưng không rõ đang có hiệu lực."
    return f"{in_force[0].record.number} đang có hiệu lực áp dụng cho «{query}»."


def kept(found: Applicability) -> Applicability:
    """The matches that answer the question: those scoring at least :data:`RELATIVE` of the
    best, and the replaced versions of those (each after the version in force)."""
    if not found.matches:
        return found
    floor = RELATIVE * found.matches[0].score
    heads = {m.record.number for m in found.matches if not m.replaced and m.score >= floor}
    matches = tuple(m for m in found.matches if (m.replaced_by or m.record.number) in heads)
    return replace(found, matches=matches)


def answer(index: StandardsIndex, query: str, search: ProvisionSearch) -> ApplicabilityOut:
    """The applicability answer to a product, activity or HS code question."""
    found = kept(index.applicability.find(query))
    matches = [
        MatchOut(
            standard=summary(index, m.record),
            score=round(m.score, 3),
            reasons=list(m.reasons),
            replaced_by=m.replaced_by,
            products=[product_out(index, p.product, p.reason) for p in m.products],
        )
        for m in found.matches
    ]
    return ApplicabilityOut(
        query=query,
        message=_message(query, found),
        matches=matches,
        products=[product_out(index, p.product, p.reason) for p in found.products],
        procedures=procedures(found, search) if found.matches else [],
    )


def names_product(index: StandardsIndex, query: str) -> bool:
    """Whether a search query asks about a product: most of its words name one (not
    intent: "thủ tục", "công bố hợp quy", "nhập khẩu" …) and the catalogue matches it well."""
    words = word_pairs(query)
    kept = rewrite(words, phrase_table(query=True))
    if not words or not kept or len(kept) < PRODUCT_SHARE * len(words):
        return False
    found = index.applicability.find(query, limit=1)
    return bool(found.matches) and found.matches[0].score >= CONFIDENT
