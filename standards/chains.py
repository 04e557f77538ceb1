"""Version chains: which record replaces which, from the data and, where it is silent, inferred.

A :class:`Link` says that ``new`` replaces ``old``. Links come from the ``replaces`` and
``replaced_by`` fields (both sides merged, each field named as evidence). Where the data gives
no succession, a later record with the same number (without year), the same ministry and a
similar subject is taken to replace the earlier one: such links are ``inferred`` and carry a
Vietnamese reason. A data link whose replacing record is older than the one it replaces is
kept but marked ``suspect`` (the source probably wrote it the wrong way round) and is not
used for chains or status. Status with evidence is in :mod:`standards.status`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from standards.keys import parse_number, record_keys
from standards.models import Catalogue, StandardRecord, number_year
from standards.status import Evidence, Status, status_on
from standards.text import subject, title_similarity, tokens

SIMILAR = 0.85  # Dice over the folded subject tokens, or …
CONTAINED_SIMILAR = 0.6  # … when one subject's tokens all occur in the other's


@dataclass(frozen=True)
class Link:
    """``new`` replaces ``old`` (numbers as written; the records when they are catalogued)."""

    old: str
    new: str
    old_record: StandardRecord | None
    new_record: StandardRecord | None
    evidence: tuple[Evidence, ...] = ()
    inferred: bool = False
    reason: str = ""
    suspect: str | None = None


@dataclass(frozen=True)
class Version:
    """One step of a chain: a number (and its record, if catalogued), the link that leads to
    it from the previous step, and its amendments."""

    number: str
    record: StandardRecord | None
    link: Link | None = None
    amendments: tuple[StandardRecord, ...] = ()


@dataclass(frozen=True)
class Chain:
    """Versions of one standard or regulation, oldest first."""

    versions: tuple[Version, ...] = field(default_factory=tuple)

    @property
    def numbers(self) -> list[str]:
        """The numbers of the versions, oldest first."""
        return [v.number for v in self.versions]

    @property
    def inferred(self) -> bool:
        """Whether any step of the chain is inferred rather than stated by the data."""
        return any(v.link and v.link.inferred for v in self.versions)


def similar(a: StandardRecord, b: StandardRecord) -> float | None:
    """The title similarity of two records when it is high enough to infer succession."""
    score = title_similarity(a.title, b.title)
    ta, tb = set(tokens(subject(a.title))), set(tokens(subject(b.title)))
    contained = bool(ta and tb) and (ta <= tb or tb <= ta)
    return score if score >= SIMILAR or (contained and score >= CONTAINED_SIMILAR) else None


def _series(record: StandardRecord) -> tuple[str, ...] | None:
    """Number without year and ministry ("qcvn", None, "2", "BKHCN"); None for amendments."""
    parsed = parse_number(record.number, whole=True)
    if record.is_amendment or parsed is None or not record.year:
        return None
    number = "-".join(str(int(p)) if p.isdigit() else p for p in parsed.number.split("-"))
    return (parsed.series, parsed.intl or "", number, record.agency or "")


def _reason(record: StandardRecord, score: float) -> str:
    series = _series(record)
    number = series[2] if series else record.number
    head = (
        f"cùng số hiệu {number}, cùng cơ quan {record.agency}"
        if record.agency
        else (f"cùng số hiệu {record.kind} {number}")
    )
    return f"{head}, tên tương tự ({score:.2f}); không có văn bản thay thế trong dữ liệu"


class VersionGraph:
    """Succession links over a catalogue, chains, current versions and status."""

    def __init__(self, catalogue: Catalogue, snapshot: date | None = None) -> None:
        self.catalogue = catalogue
        self.snapshot = snapshot or date.today()
        self.links: list[Link] = []
        self._next: dict[str, list[Link]] = defaultdict(list)
        self._prev: dict[str, list[Link]] = defaultdict(list)
        self._data_links()
        self._inferred_links()

    def _key(self, number: str) -> str:
        record = self.catalogue.resolve(number)
        return record.key if record else record_keys(number).key

    def _add(self, link: Link) -> None:
        self.links.append(link)
        self._next[self._key(link.old)].append(link)
        self._prev[self._key(link.new)].append(link)

    def _data_links(self) -> None:
        found: dict[tuple[str, str], tuple[str, str, list[Evidence]]] = {}
        for r in self.catalogue:
            pairs = [(r.number, n, "replaced_by") for n in r.replaced_by]
            pairs += [(n, r.number, "replaces") for n in r.replaces]
            for old, new, name in pairs:
                entry = found.setdefault((self._key(old), self._key(new)), (old, new, []))
                entry[2].append(Evidence(r.number, name, f"{new} thay thế {old}"))
        for old, new, evidence in found.values():
            a, b = self.catalogue.resolve(old), self.catalogue.resolve(new)
            old_year, new_year = number_year(old), number_year(new)
            suspect = None
            if old_year and new_year and new_year < old_year:
                suspect = (
                    f"năm của bản thay thế ({new_year}) trước năm của bản bị thay thế "
                    f"({old_year}): dữ liệu có thể ghi ngược"
                )
            self._add(Link(old, new, a, b, tuple(evidence), suspect=suspect))

    def _inferred_links(self) -> None:
        groups: dict[tuple[str, ...], list[StandardRecord]] = defaultdict(list)
        for record in self.catalogue:
            series = _series(record)
            if series:
                groups[series].append(record)
        for records in groups.values():
            records.sort(key=lambda r: (r.year or 0, r.number))
            for i, old in enumerate(records):
                if self._next.get(old.key):
                    continue
                for new in records[i + 1 :]:
                    score = similar(old, new) if (new.year or 0) > (old.year or 0) else None
                    if score is not None and not self._prev.get(new.key):
                        reason = _reason(old, score)
                        text = f"{new.number} thay thế {old.number}: {reason}"
                        evidence = (Evidence(new.number, "suy luận", text),)
                        self._add(Link(old.number, new.number, old, new, evidence, True, reason))
                        break

    def successors(self, record: StandardRecord) -> list[Link]:
        """Links to the records that replace ``record`` (suspect ones included, marked)."""
        return list(self._next.get(record.key, []))

    def predecessors(self, record: StandardRecord) -> list[Link]:
        """Links from the records (or uncatalogued numbers) that ``record`` replaces."""
        return list(self._prev.get(record.key, []))

    def _step(self, links: list[Link], newer: bool) -> Link | None:
        """The link to follow along a chain: not suspect, not to an amendment, the newest
        successor or the newest predecessor."""

        def other(link: Link) -> StandardRecord | None:
            return link.new_record if newer else link.old_record

        usable = [
            link
            for link in links
            if not link.suspect and not ((rec := other(link)) and rec.is_amendment)
        ]
        if not usable:
            return None

        def year(link: Link) -> int:
            rec = other(link)
            return (rec.year or 0) if rec else 0

        return max(usable, key=year)

    def route(self, record: StandardRecord) -> list[Link]:
        """The links followed from ``record`` to its newest catalogued version, in order."""
        links: list[Link] = []
        seen = {record.key}
        while (link := self._step(self.successors(record), True)) and link.new_record:
            if link.new_record.key in seen:
                break
            links.append(link)
            record = link.new_record
            seen.add(record.key)
        return links

    def current(self, record: StandardRecord) -> StandardRecord:
        """The newest catalogued version reached by following successors from ``record``."""
        route = self.route(record)
        return (route[-1].new_record or record) if route else record

    def chain(self, record: StandardRecord) -> Chain:
        """The versions of ``record``'s line, oldest first (an amendment gives its base's)."""
        if record.is_amendment:
            record = self.catalogue.base_of(record) or record
        steps: list[Version] = [self._version(record.number, record, None)]
        seen = {record.key}
        while link := self._step(self._prev.get(self._key(steps[0].number), []), False):
            if self._key(link.old) in seen:
                break
            seen.add(self._key(link.old))
            steps[0] = self._version(steps[0].number, steps[0].record, link)
            steps.insert(0, self._version(link.old, link.old_record, None))
        while link := self._step(self._next.get(self._key(steps[-1].number), []), True):
            if self._key(link.new) in seen:
                break
            seen.add(self._key(link.new))
            steps.append(self._version(link.new, link.new_record, link))
        return Chain(tuple(steps))

    def _version(self, number: str, record: StandardRecord | None, link: Link | None) -> Version:
        amendments = tuple(self.catalogue.amendments_of(record)) if record else ()
        return Version(number, record, link, amendments)

    def status_on(self, record: StandardRecord, as_of: date) -> Status:
        """The status of ``record`` on ``as_of``, with evidence (see :mod:`standards.status`)."""
        base = self.catalogue.base_of(record) if record.is_amendment else None
        base_status = self.status_on(base, as_of) if base else None
        successors = [link for link in self.successors(record) if not link.suspect]
        return status_on(record, as_of, successors, base_status, self.snapshot)

    def status(self, record: StandardRecord) -> Status:
        """The status of ``record`` on the snapshot date (today unless given)."""
        return self.status_on(record, self.snapshot)

    def issues(self) -> list[str]:
        """Inconsistencies in the links: suspect directions and numbers not in the catalogue."""
        found = [f"{link.old} → {link.new}: {link.suspect}" for link in self.links if link.suspect]
        for link in self.links:
            for number, rec in ((link.old, link.old_record), (link.new, link.new_record)):
                if rec is None:
                    found.append(f"{link.old} → {link.new}: {number} không có trong danh mục")
        return found
