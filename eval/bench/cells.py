"""Markdown cells and tables the report's sections share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eval.bench.memory import ProcessMemory
from eval.bench.stats import Summary


def ms(value: float | None) -> str:
    """Milliseconds to one decimal, or a dash."""
    return "–" if value is None else f"{value:.1f}"


def pair(summary: Summary | None) -> str:
    """``p50 / p95`` of a summary."""
    return "–" if summary is None else f"{ms(summary.p50)} / {ms(summary.p95)}"


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """The lines of a Markdown table, and a blank one."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def memory(memory: ProcessMemory | None) -> str:
    """Peak and current resident memory of a process."""
    if memory is None:
        return "–"
    return f"{memory.peak_rss_mib:.0f} MiB peak ({memory.rss_mib:.0f} now)"


def verdict(met: bool, margin: str) -> str:
    """``met (margin)`` or a bold ``missed (margin)``."""
    return f"met ({margin})" if met else f"**missed** ({margin})"
