"""Split the body of an article (or a QCVN section) into Khoản "1." and Điểm "a)".

A marker only opens a new unit when its number follows the previous one, so quoted
amendment text ("1. Sửa đổi khoản 2 …: “1. …”") and stray numbers stay inside the text. A
consolidated text whose clauses were repealed keeps the numbers of the rest ("1." then "5."
when khoản 2–4 were repealed): with ``gaps`` a clause may skip up to :data:`MAX_GAP` numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.models import Node

KHOAN = re.compile(r"^(\d{1,3}[a-zđ]?)\.(?!\d)\s*(\S.*)?$")
DIEM = re.compile(r"^([a-zđ])\)\s*(\S.*)?$")
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
# Technical regulations letter their points in the Latin alphabet ("e)", "f)", "g)").
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
MAX_GAP = 9


def split_number(number: str) -> tuple[int, str]:
    """ "12a" → (12, "a")."""
    digits = re.match(r"\d+", number)
    assert digits is not None
    return int(digits.group()), number[digits.end() :]


def follows(number: str, previous: str | None, gaps: bool = False) -> bool:
    """True when clause ``number`` can come right after ``previous`` ("2" → "3", "2" → "2a";
    with ``gaps`` also "1" → "5")."""
    value, suffix = split_number(number)
    skip = MAX_GAP if gaps else 0
    if previous is None:
        return 1 <= value <= 1 + skip and not suffix
    prev_value, prev_suffix = split_number(previous)
    if prev_value < value <= prev_value + 1 + skip and not suffix:
        return True
    return value == prev_value and suffix > prev_suffix


def point_follows(letter: str, previous: str | None) -> bool:
    """True when point ``letter`` can follow ``previous`` ("a" first; one letter may be
    skipped) in the Vietnamese order ("d", "đ", "e", "g") or the Latin one ("e", "f")."""
    if previous is None:
        return letter == "a"
    return any(
        letter in letters
        and previous in letters
        and 1 <= letters.index(letter) - letters.index(previous) <= 2
        for letters in (POINT_LETTERS, LATIN_LETTERS)
    )


def parse_body(
    lines: Iterable[str], *, clauses: bool = True, gaps: bool = False
) -> tuple[str, list[Node]]:
    """Return the intro text and the clause (or point) nodes of a body given as lines
    (``gaps``: clause numbers may skip repealed ones)."""
    intro: list[str] = []
    children: list[Node] = []
    clause: Node | None = None
    point: Node | None = None
    for line in lines:
        khoan = KHOAN.match(line) if clauses else None
        if khoan and follows(khoan.group(1), clause.number if clause else None, gaps):
            clause = Node(kind="khoan", number=khoan.group(1), text=khoan.group(2) or "")
            children.append(clause)
            point = None
            continue
        diem = DIEM.match(line)
        if diem and point_follows(diem.group(1), point.number if point else None):
            point = Node(kind="diem", number=diem.group(1), text=diem.group(2) or "")
            (clause.children if clause else children).append(point)
            continue
        target = point or clause
        if target is None:
            intro.append(line)
        else:
            target.text = f"{target.text}\n{line}" if target.text else line
    return "\n".join(intro), children
