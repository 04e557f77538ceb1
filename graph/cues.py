"""The relation cues of ``cues.toml``, compiled once, found without overlaps."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal, cast

from graph.models import RelationKind
from indexer.cite.reference_spec import piece

CUES_PATH = Path(__file__).with_name("cues.toml")
Voice = Literal["active", "passive", "tight", "expire", "named_act", "none"]


@dataclass(frozen=True)
class CueSpec:
    """One cue of the table: its kinds, voice and regex."""

    name: str
    kinds: tuple[RelationKind, ...]
    voice: Voice
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Cue:
    """A cue found in a sentence."""

    spec: CueSpec
    start: int
    end: int


@lru_cache(maxsize=1)
def cue_table() -> dict[str, Any]:
    """The parsed ``cues.toml``."""
    with CUES_PATH.open("rb") as f:
        return tomllib.load(f)


@lru_cache(maxsize=1)
def cue_specs() -> tuple[CueSpec, ...]:
    """Every cue, in table order."""
    return tuple(
        CueSpec(
            name=entry["name"],
            kinds=tuple(cast(list[RelationKind], entry["kinds"])),
            voice=cast(Voice, entry["voice"]),
            regex=re.compile(entry["regex"], re.IGNORECASE),
        )
        for entry in cue_table()["cues"]
    )


@cache
def gap(name: str, *, ends_with_number: bool = True, anchored_end: bool = False) -> re.Pattern[str]:
    """A gap regex of the table; with ``ends_with_number`` it may end with a document type
    word, the document's name and "số", which a number's span leaves out ("… của Nghị định số
    127/…", "của Luật Công nghiệp công nghệ số số 71/2025/QH15")."""
    pattern = cue_table()["gaps"][name]
    if ends_with_number:
        named = rf"(?<!ph[áa]p\s)(?:{piece('doc_type')})(?:\s+[^\s,;:.()]+){{0,10}}?"
        pattern += rf"(?:{named}\s*)?{piece('number_word')}"
    return re.compile(pattern + (r"\Z" if anchored_end else ""), re.IGNORECASE)


def find_cues(text: str) -> list[Cue]:
    """The cues of ``text``, left to right; of overlapping ones the earliest, then longest."""
    found = [
        Cue(spec, m.start(), m.end()) for spec in cue_specs() for m in spec.regex.finditer(text)
    ]
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[Cue] = []
    for cue in found:
        if not kept or cue.start >= kept[-1].end:
            kept.append(cue)
    return kept
