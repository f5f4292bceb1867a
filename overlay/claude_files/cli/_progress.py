"""Progress bars (bytes, speed, ETA) on a terminal, drawn by rich.

Imported only when stderr is a terminal, so a script that pipes the command's output
never pays for rich.
"""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.progress import Progress as _RichProgress


class Bar:
    """One transfer's bar, moved by the library: pass `update` as `on_progress`."""

    def __init__(self, owner: _RichProgress, task: TaskID) -> None:
        self._owner = owner
        self._task = task

    def update(self, done: int, total: int | None) -> None:
        self._owner.update(self._task, completed=done, total=total)

    def close(self) -> None:
        self._owner.remove_task(self._task)
        self._owner.refresh()


class Progress:
    """The bars of one run; results print above them while they move."""

    def __init__(self, *, redirect_stdout: bool) -> None:
        self._console = Console(file=sys.stderr, highlight=False)
        self._rich = _RichProgress(
            TextColumn("{task.description}", table_column=None),
            BarColumn(bar_width=30),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=self._console,
            redirect_stdout=redirect_stdout,
            redirect_stderr=False,
            transient=True,
        )

    def __enter__(self) -> Progress:
        self._rich.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._rich.stop()

    def bar(self, label: str) -> Bar:
        if len(label) > 40:
            label = label[:19] + "…" + label[-20:]
        return Bar(self._rich, self._rich.add_task(label, total=None))

    def print_above(self, text: str) -> None:
        self._console.print(text, markup=False, highlight=False, soft_wrap=True)
