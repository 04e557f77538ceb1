"""The benchmark report as typed data: machine, commit, and one section per benchmark.

A report is stored as JSON (``eval/reports/<date>-bench.json``) and read back into the
section dataclasses the benchmarks return, so rendering works on typed results; sections of
an earlier run of the same day are kept when a later run measures others.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from eval.bench.ingest import IngestBench
from eval.bench.knn import KnnBench
from eval.bench.latency import LatencyBench
from eval.bench.scale import ScaleBench

SectionResult = IngestBench | LatencyBench | ScaleBench | KnnBench
#: Section name → the dataclass its benchmark returns, in report order.
RESULT_TYPES: dict[str, type[Any]] = {
    "ingest": IngestBench,
    "latency": LatencyBench,
    "scale": ScaleBench,
    "knn": KnnBench,
}
SECTION_NAMES = tuple(RESULT_TYPES)


@dataclass(frozen=True)
class Machine:
    """CPU model, core count and memory of the machine that ran the benchmarks."""

    cpu: str
    cores: int | None
    memory_gib: float

    @classmethod
    def this_one(cls) -> Machine:
        cpu = "unknown CPU"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        meminfo = Path("/proc/meminfo").read_text().split()
        memory_kib = int(meminfo[meminfo.index("MemTotal:") + 1])
        return cls(cpu=cpu, cores=os.cpu_count(), memory_gib=round(memory_kib / 2**20, 1))


@dataclass(frozen=True)
class Section:
    """One measured section: the command that produced it, how long it took, the load
    average when it started, and its result."""

    command: str
    seconds: float
    load_average: list[float]
    result: Any


@dataclass(frozen=True)
class BenchReport:
    """Everything one report holds."""

    date: str
    commit: str
    machine: Machine
    sections: dict[str, Section] = field(default_factory=dict)

    def result(self, name: str) -> Any:
        """The result of section ``name``, or None when it was not measured."""
        section = self.sections.get(name)
        return section.result if section else None

    def with_section(self, name: str, section: Section) -> BenchReport:
        return replace(self, sections={**self.sections, name: section})

    def merged_over(self, previous: BenchReport | None) -> BenchReport:
        """This report, plus the sections only ``previous`` has."""
        if previous is None:
            return self
        return replace(self, sections={**previous.sections, **self.sections})

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BenchReport:
        sections = {
            name: Section(
                command=raw["command"],
                seconds=raw["seconds"],
                load_average=raw["load_average"],
                result=TypeAdapter(RESULT_TYPES[name]).validate_python(raw["result"]),
            )
            for name, raw in data.get("sections", {}).items()
            if name in RESULT_TYPES
        }
        return cls(
            date=data["date"],
            commit=data["commit"],
            machine=Machine(**data["machine"]),
            sections=sections,
        )
