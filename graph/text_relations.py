"""Relations read from one sentence: its references (indexer.cite) plus the cues of cues.toml.

A sentence is read left to right. Each cue takes its ends among the sentence's mentions (a
mention is one reference with its targets): objects and agents after it, subjects and targets
before it, skipping mentions another cue already took. What no cue takes stays a free mention:
a plain reference (dan_chieu), a legal basis in a "Căn cứ" line, or — when a later "hết hiệu
lực" follows — a document declared no longer in force.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from graph.cues import Cue, find_cues, gap
from graph.dates import date_after
from graph.mentions import Mention, Reading, Setting, mentions
from graph.models import DateBasis, Edge, Effect, Endpoint, Evidence, RelationKind

_MAX_OBJECT_GAP = 80
_SOME = re.compile(r"một\s+số\s", re.IGNORECASE)


# The roles cues give: "object" (of an active cue), "tight" (object of a tight cue), "agent",
# "target" (of a passive), "subject". A mention keeps its first role, but any mention may still
# be the subject or target a later cue describes ("… Nghị định X ngày … quy định chi tiết …").
Role = str


class _Reader:
    """The state of reading one sentence (see the module docstring)."""

    def __init__(self, setting: Setting) -> None:
        self.setting = setting
        self.text = setting.passage.text
        self.at = setting.passage.at
        self.mentions = mentions(setting)
        self.cues = find_cues(self.text)
        self.reading = Reading(mentions=self.mentions)
        self.open_list: tuple[Cue, Endpoint | None] | None = None
        self.last_passive: tuple[int, tuple[Endpoint, ...]] | None = None  # (agent end, units)

    def read(self) -> Reading:
        handlers = {
            "active": self._active,
            "tight": self._tight,
            "passive": self._passive,
            "expire": self._expire,
            "named_act": self._named_act,
        }
        for i, cue in enumerate(self.cues):
            limit = self.cues[i + 1].start if i + 1 < len(self.cues) else len(self.text)
            if handler := handlers.get(cue.spec.voice):
                handler(cue, limit)
        self.reading.heads = [m for m in self.mentions if self._is_head(m)]
        return self.reading

    # Ends of a cue ------------------------------------------------------------------------

    def _right_after(self, pos: int, limit: int, name: str) -> Mention | None:
        for m in self.mentions:
            if m.start >= pos and m.role is None:
                close = m.start < limit and m.start - pos <= _MAX_OBJECT_GAP
                return m if close and gap(name).fullmatch(self.text, pos, m.start) else None
        return None

    def _claim(self, first: Mention | None, limit: int, role: Role, more: bool) -> list[Mention]:
        """``first`` and, with ``more``, the mentions coordinated with it, given ``role``."""
        found = [first] if first else []
        while found:
            found[-1].role = role
            following = self._right_after(found[-1].end, limit, "coordinated") if more else None
            if following is None:
                break
            found.append(following)
        return found

    def _nearest_before(self, pos: int, free: bool = False) -> Mention | None:
        before = [m for m in self.mentions if m.end <= pos and (m.role is None or not free)]
        return before[-1] if before else None

    def _subject(self, cue: Cue, imperative: bool) -> Endpoint | None:
        """Who acts: a document named just before the cue, else the sentence's own unit when
        the sentence starts with the verb, else the titled document in a title."""
        m = self._nearest_before(cue.start)
        subject_gap = gap("subject", ends_with_number=False)
        if m is not None and subject_gap.fullmatch(self.text, m.end, cue.start):
            m.role = m.role or "subject"
            return Endpoint(self.at.doc) if m.this else m.targets[0].document()
        before = self.text[self.text.rfind(";", 0, cue.start) + 1 : cue.start]
        if imperative and gap("imperative", ends_with_number=False).fullmatch(before):
            return self.at
        if self.setting.passage.source == "title":
            return Endpoint(self.at.doc)
        return None

    def _is_head(self, m: Mention) -> bool:
        """A free mention that starts a clause: what a "Căn cứ" line or "hết hiệu lực" names."""
        if m.role not in (None, "subject") or m.this or any(t.covers(self.at) for t in m.targets):
            return False
        previous = max((o.end for o in self.mentions if o.end <= m.start), default=0)
        return bool(gap("head", anchored_end=True).search(self.text, previous, m.start))

    # Cue handlers -------------------------------------------------------------------------

    def _active(self, cue: Cue, limit: int) -> None:
        if self._continues_passive(cue, limit):
            return
        subject = self._subject(cue, imperative=True)
        objects = self._claim(self._right_after(cue.end, limit, "object"), limit, "object", True)
        self.open_list = (cue, subject)
        some = bool(objects) and bool(_SOME.search(self.text, cue.end, objects[0].start))
        self._emit(cue, subject, _units(objects), cue.end, "part" if some else None)

    def _tight(self, cue: Cue, limit: int) -> None:
        """One object, or a list when the sentence's own document is the subject; after an
        object inside a title ("sửa đổi … Nghị định X … quy định chi tiết … Luật Y và Nghị
        định Z") a coordinated mention goes back to the open list (Z is amended too)."""
        subject = self._subject(cue, imperative=False)
        own = subject is not None and subject.doc == self.at.doc
        first = self._right_after(cue.end, limit, "tight") or self._scope_object(cue, own)
        objects = self._claim(first, limit, "tight", more=own)
        self._emit(cue, subject, _units(objects), cue.end)
        if objects and not own and self.open_list is not None:
            following = self._right_after(objects[-1].end, len(self.text), "coordinated")
            outer, outer_subject = self.open_list
            rest = self._claim(following, len(self.text), "object", True)
            self._emit(outer, outer_subject, _units(rest), cue.end)

    def _scope_object(self, cue: Cue, own: bool) -> Mention | None:
        """In a scope sentence ("Thông tư này hướng dẫn trình tự … quy định tại điểm p khoản 2
        Điều 32 Nghị định số 132/2008/NĐ-CP"), the first document cited after the verb."""
        this = self.mentions[0] if self.mentions else None
        starts = this is not None and this.this and not self.text[: this.start].strip(" -")
        if not (own and starts):
            return None
        stop = min((i for i in (self.text.find(c, cue.end) for c in ";:") if i >= 0), default=None)
        return next(
            (
                m
                for m in self.mentions
                if m.start >= cue.end and m.role is None and not m.this
                and (stop is None or m.start < stop)
            ),
            None,
        )  # fmt: skip

    def _passive(self, cue: Cue, limit: int) -> None:
        """The agent after the cue acts on the nearest mention before it that an act of its
        rank can amend (a Nghị định does not amend a Luật): on that mention's units when the
        verb follows at once, on its document when a date or title stands between."""
        agent = self._right_after(cue.end, limit, "object")
        if agent is None:
            return
        rank = _rank(agent.targets[0].doc)
        candidates = [
            m for m in self.mentions
            if m.end <= cue.start and not m.this
            and _rank(m.targets[0].doc) <= rank
        ]  # fmt: skip
        target = candidates[-1] if candidates else None
        if target is None or ";" in self.text[target.end : cue.start]:
            return
        agent.role, target.role = "agent", target.role or "target"
        units = target.targets
        if not re.fullmatch(r"[\s,]*", self.text[target.end : cue.start]):
            units = tuple(dict.fromkeys(t.document() for t in units))
        if all(t.depth == 0 for t in agent.targets):  # "Luật X được sửa đổi bởi Luật Y"
            units = tuple(dict.fromkeys(t.document() for t in units))
        self.last_passive = (agent.end, units)
        for source in agent.targets:
            self._emit(cue, source, units, agent.end, to_end=True)

    def _continues_passive(self, cue: Cue, limit: int) -> bool:
        """ "… đã được sửa đổi, bổ sung tại X … và sửa đổi, bổ sung tại Y": Y amends the same."""
        if self.last_passive is None or not re.match(r"\s+(?:bởi|tại)\s", self.text[cue.end :]):
            return False
        after, units = self.last_passive
        if not re.search(r"\s(?:và|,)\s*$", self.text[after : cue.start]):
            return False
        agent = self._right_after(cue.end, limit, "passive_agent")
        if agent is None:
            return False
        agent.role = "agent"
        for source in agent.targets:
            self._emit(cue, source, units, agent.end)
        return True

    def _named_act(self, cue: Cue, limit: int) -> None:
        agent = self._right_after(cue.end, limit, "object")
        target = self._nearest_before(cue.start, free=True)
        if agent and target and re.fullmatch(r"\s+và\s+", self.text[target.end : cue.start]):
            agent.role, target.role = "agent", "target"
            self._emit(cue, agent.targets[0], target.targets, agent.end)

    def _expire(self, cue: Cue, limit: int) -> None:
        """What the sentence declares no longer in force: its free heads before the cue, or
        those of the list items it announces ("Các Thông tư sau hết hiệu lực …:")."""
        heads = [m for m in self.mentions if m.end <= cue.start and self._is_head(m)]
        for m in heads:
            m.role = "object"
        self._emit(cue, self.at, _units(heads), cue.end)
        if heads or not self.text.rstrip().endswith(":"):
            return
        for item in self.setting.passage.items:
            context = replace(
                self.setting.context, article=item.at.article, clause=item.at.clause,
                point=item.at.point,
            )  # fmt: skip
            found = _Reader(Setting(item, context, self.setting.lookup)).read().heads
            self._emit(cue, self.at, _units(found), cue.end, text=f"{self.text} {item.text}")

    # Edges --------------------------------------------------------------------------------

    def _emit(
        self,
        cue: Cue,
        source: Endpoint | None,
        targets: Iterable[Endpoint],
        after: int,
        effect: Effect | None = None,
        text: str | None = None,
        to_end: bool = False,
    ) -> None:
        """Edges ``source`` <each kind of the cue> each target; ``effect`` "part" when the
        verb's object is "một số điều, khoản … của" a document; ``text`` the evidence when
        it is more than the sentence (a list item with the sentence announcing it); with
        ``to_end`` a date may close the sentence ("(Khoản 15 … ; Khoản 16 …, có hiệu lực từ
        ngày …)")."""
        if source is None:
            return
        date, basis = self._date(source, after, self._limit(after), to_end)
        evidence = Evidence(self.at, self.setting.passage.source, text or self.text)
        for target in targets:
            if target.doc == source.doc and target.covers(source):
                continue  # a document does not amend or repeal itself as a whole
            self.reading.edges += [
                Edge(
                    kind,
                    source,
                    target,
                    evidence,
                    date,
                    basis,
                    effect or _effect(kind, cue, target),
                )
                for kind in cue.spec.kinds
            ]

    def _limit(self, pos: int) -> int:
        return next((c.start for c in self.cues if c.start >= pos), len(self.text))

    def _date(
        self, source: Endpoint, after: int, limit: int, to_end: bool = False
    ) -> tuple[str | None, DateBasis]:
        """A date stated after the cue (up to ";" or the next cue, or to the end); for the
        sentence's own document also one stated before ("Thông tư này có hiệu lực … và thay
        thế …"); else the date the acting document entered into force."""
        end = self.text.find(";", after, limit)
        stated = date_after(self.text, after, end if end >= 0 else limit)
        if stated is None and to_end:
            stated = date_after(self.text, after)
        if stated is None and source.doc == self.at.doc:
            stated = date_after(self.text)
        if stated is not None and stated.iso:
            return stated.iso, "stated"
        effective = self.setting.effective(source.doc)
        return (effective, "source_in_force") if effective else (None, "unknown")


_RANKS = ((re.compile(r"_qh\d+$"), 4), (re.compile(r"_ubtvqh\d+$"), 3), (re.compile(r"_nd_"), 2))


def _rank(key: str) -> int:
    """The rank of a document by its key: Quốc hội, its standing committee, Chính phủ, others."""
    return next((rank for rx, rank in _RANKS if rx.search(key)), 1)


def _effect(kind: RelationKind, cue: Cue, target: Endpoint) -> Effect:
    """An amendment of a whole document ("sửa đổi, bổ sung một số điều của Nghị định …") and
    the repeal in "sửa đổi, bổ sung, bãi bỏ một số quy định" touch only part of the target."""
    if kind == "sua_doi_bo_sung" and target.depth == 0:
        return "part"
    return "part" if cue.spec.name == "amend_repeal" else "whole"


def _units(found: list[Mention]) -> list[Endpoint]:
    return [target for m in found for target in m.targets]


def read_passage(setting: Setting) -> Reading:
    """The edges and free mentions of one sentence (see the module docstring)."""
    return _Reader(setting).read()
