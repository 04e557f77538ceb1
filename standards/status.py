"""Status of a record on a date, with the evidence it rests on.

"chưa có hiệu lực" (its effective date, issue date or year is after the date), "hết hiệu lực"
(a successor in force by then, or an amended base that is out of force, or the source's own
status when the date is the snapshot), "còn hiệu lực" (in force by its dates, no successor by
then), "không rõ" when the data does not say. Facts not in the data are never supplied: a
status resting on an inferred link or on a missing effective date says so (``inferred``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from standards.chains import Link
    from standards.models import StandardRecord

StatusValue = Literal["còn hiệu lực", "hết hiệu lực", "chưa có hiệu lực", "không rõ"]
IN_FORCE: StatusValue = "còn hiệu lực"
OUT_OF_FORCE: StatusValue = "hết hiệu lực"
NOT_YET: StatusValue = "chưa có hiệu lực"
UNKNOWN: StatusValue = "không rõ"
_GIVEN_OUT = ("hết hiệu lực", "được thay thế", "hủy bỏ", "w")
_GIVEN_IN = ("còn hiệu lực", "a")


@dataclass(frozen=True)
class Evidence:
    """One fact a status rests on: the record and field it comes from, a date, a sentence."""

    record: str
    field: str
    text: str
    date: str | None = None


@dataclass(frozen=True)
class Status:
    """A status on ``as_of`` with its evidence; ``since`` is when it took effect if known."""

    value: StatusValue
    as_of: str
    evidence: tuple[Evidence, ...]
    inferred: bool = False
    since: str | None = None
    replaced_by: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _start(record: StandardRecord) -> tuple[date | None, Evidence | None]:
    """When a record starts to apply, as far as the data says, and the evidence for it."""
    if record.effective_date:
        text = f"có hiệu lực từ {record.effective_date}"
        return _day(record.effective_date), Evidence(
            record.number, "effective_date", text, record.effective_date
        )
    if record.issued_date:
        text = f"ban hành ngày {record.issued_date}; ngày hiệu lực không có trong dữ liệu"
        return _day(record.issued_date), Evidence(
            record.number, "issued_date", text, record.issued_date
        )
    return None, None


def _not_yet(record: StandardRecord, as_of: date) -> Evidence | None:
    start, evidence = _start(record)
    if start and as_of < start:
        return evidence
    if not start and record.year and as_of.year < record.year:
        return Evidence(record.number, "number", f"năm {record.year} trong số hiệu")
    return None


def _replaced(link: Link, as_of: date) -> bool | None:
    """Whether the successor of ``link`` applies on ``as_of``; None when the data cannot say."""
    new = link.new_record
    if new is None:
        return None
    start, _ = _start(new)
    if start:
        return start <= as_of
    if new.year:
        return True if as_of.year > new.year else (False if as_of.year < new.year else None)
    return None


def _link_evidence(link: Link) -> list[Evidence]:
    new = link.new_record
    start, when = _start(new) if new else (None, None)
    return [*link.evidence, *([when] if when and start else [])]


def _successor_status(links: Sequence[Link], as_of: str, day: date) -> Status | None:
    replaced = [link for link in links if _replaced(link, day)]
    if replaced:
        evidence = [e for link in replaced for e in _link_evidence(link)]
        starts = [s for link in replaced if link.new_record and (s := _start(link.new_record)[0])]
        inferred = any(
            link.inferred or not (link.new_record and link.new_record.effective_date)
            for link in replaced
        )
        return Status(
            OUT_OF_FORCE,
            as_of,
            tuple(evidence),
            inferred,
            min(starts).isoformat() if starts else None,
            tuple(link.new for link in replaced),
        )
    unsure = [link for link in links if _replaced(link, day) is None]
    if unsure:
        evidence = [e for link in unsure for e in _link_evidence(link)]
        note = Evidence(unsure[0].new, "năm", "không rõ bản thay thế có hiệu lực từ ngày nào")
        return Status(UNKNOWN, as_of, (*evidence, note), any(x.inferred for x in unsure))
    return None


def _given(record: StandardRecord) -> tuple[StatusValue, str] | None:
    """The status the source states (field ``status``, else ``status_raw``) and its field."""
    for name in ("status", "status_raw"):
        value = getattr(record, name)
        if value:
            low = value.lower()
            if low.startswith(_GIVEN_OUT):
                return OUT_OF_FORCE, name
            if low.startswith(_GIVEN_IN):
                return IN_FORCE, name
    return None


def _given_status(record: StandardRecord, as_of: date, snapshot: date) -> Status | None:
    given = _given(record)
    if not given:
        return None
    value, name = given
    evidence = Evidence(record.number, name, f"nguồn ghi: {getattr(record, name)}")
    if value == OUT_OF_FORCE and as_of < snapshot:
        why = Evidence(record.number, name, "nguồn không ghi hết hiệu lực từ ngày nào")
        return Status(UNKNOWN, as_of.isoformat(), (evidence, why))
    return Status(value, as_of.isoformat(), (evidence,))


def _by_dates(record: StandardRecord, as_of: date) -> Status:
    start, evidence = _start(record)
    none_after = Evidence(record.number, "replaced_by", "không có văn bản thay thế trong dữ liệu")
    if start and evidence:
        inferred = not record.effective_date
        return Status(
            IN_FORCE, as_of.isoformat(), (evidence, none_after), inferred, record.effective_date
        )
    text = "không có ngày ban hành, ngày hiệu lực hay trạng thái trong dữ liệu"
    if record.year:
        text = f"chỉ biết năm {record.year} trong số hiệu; {text}"
    return Status(UNKNOWN, as_of.isoformat(), (Evidence(record.number, "", text),))


def status_on(
    record: StandardRecord,
    as_of: date,
    successors: Sequence[Link],
    base: Status | None = None,
    snapshot: date | None = None,
) -> Status:
    """The status of ``record`` on ``as_of`` given its (non-suspect) successor links, the
    status of the base it amends, and the date the source statuses describe (``snapshot``)."""
    day = as_of.isoformat()
    if (evidence := _not_yet(record, as_of)) is not None:
        return Status(NOT_YET, day, (evidence,))
    found = _successor_status(successors, day, as_of)
    if found is None and base is not None and base.value == OUT_OF_FORCE:
        why = Evidence(record.number, "amends", f"sửa đổi của {', '.join(record.amends)}")
        found = replace(base, evidence=(why, *base.evidence))
    given = _given_status(record, as_of, snapshot or date.today())
    if found is not None:
        stated = _given(record)
        if stated and stated[0] != found.value and found.value != UNKNOWN:
            note = f"nguồn ghi '{getattr(record, stated[1])}' nhưng dữ liệu cho thấy {found.value}"
            return replace(found, conflicts=(note,))
        return found if found.value != UNKNOWN or given is None else given
    return given or _by_dates(record, as_of)
