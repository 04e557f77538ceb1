"""Progress of the long CLI commands: a rich bar on a terminal, plain log lines otherwise
(a log file or a pipe gets a line every few seconds, not escape codes or silence)."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ingest.embedding import EmbedProgress


def embed_line(progress: EmbedProgress) -> str:
    """ "vectors 640/1536 (41.7% of the store ready) · 3.2 chunks/s · about 4 min left"."""
    line = (
        f"vectors {progress.done}/{progress.missing} "
        f"({progress.share_ready:.1%} of the store ready)"
    )
    if progress.rate > 0:
        line += f" · {progress.rate:.1f} chunks/s"
        if progress.done < progress.missing:
            left = (progress.missing - progress.done) / progress.rate
            line += f" · about {_duration(left)} left"
    return line


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class StatusDisplay:
    """One task's progress on ``console``: a bar (with a total) or a spinner on a terminal;
    elsewhere :meth:`update` prints its description as a plain line at most every
    ``every`` seconds (and :meth:`close` the last one)."""

    def __init__(self, console: Console, *, every: float = 10.0) -> None:
        self.console = console
        self.every = every
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._last_line = ""
        self._pending = False
        self._printed_at = -every

    def __enter__(self) -> StatusDisplay:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def update(self, description: str, *, completed: int = 0, total: int | None = None) -> None:
        """Show ``description`` (and ``completed`` of ``total`` when a total is known)."""
        if not self.console.is_terminal:
            self._last_line, self._pending = description, True
            now = time.monotonic()
            if now - self._printed_at >= self.every:
                self._print_line()
                self._printed_at = now
            return
        if self._bar is None:
            self._bar = _bar(self.console, with_total=total is not None)
            self._bar.start()
            self._task = self._bar.add_task(description, total=total)
        assert self._task is not None
        self._bar.update(self._task, description=description, completed=completed, total=total)

    def print(self, text: object) -> None:
        """Print a line above the bar (or among the log lines)."""
        self.console.print(text, soft_wrap=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        elif self._pending:
            self._print_line()

    def _print_line(self) -> None:
        stamp = time.strftime("%H:%M:%S")
        self.console.print(f"{stamp} {self._last_line}", soft_wrap=True, highlight=False)
        self._pending = False


def _bar(console: Console, *, with_total: bool) -> Progress:
    if not with_total:
        return Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
