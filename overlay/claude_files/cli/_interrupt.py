"""Ctrl-C while a command runs: cancel it once, let it clean up, then exit 130.

Python's own SIGINT handling raises KeyboardInterrupt wherever the main thread is.
`asyncio.run` turns the first SIGINT into a cancellation of its main task, but a
second one raises inside whatever task runs then. asyncio lets KeyboardInterrupt out
of the event loop, so the loop's shutdown is cut short and the callbacks still queued
die with it; among them is anyio's `WorkerThread.stop`, queued when the main task ends,
and the idle (non-daemon) worker thread then waits forever for work, with the
interpreter joining it at exit.

Here, while the command's event loop runs, a SIGINT never raises: the first cancels
the command's task (every transfer cleans up and the run ends with KeyboardInterrupt,
exit 130), the second only says that cleanup is under way, and a third ends the
process at once by the signal's default action, for a cleanup that would not finish.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Coroutine
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")

CLEANING_UP = b"claude-files: cleaning up; Ctrl-C once more quits at once\n"


class _Guard:
    """The SIGINT handler of one run."""

    def __init__(self) -> None:
        self.count = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[Any] | None = None

    def handle(self, signum: int, frame: FrameType | None) -> None:
        self.count += 1
        if self.count == 1:
            self._cancel()
        elif self.count == 2:
            os.write(2, CLEANING_UP)  # unbuffered: the handler may interrupt a print
        else:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)

    def _cancel(self) -> None:
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)

    async def main(self, work: Coroutine[Any, Any, T]) -> T:
        """`work`, as the task a SIGINT cancels."""
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.current_task()
        if self.count:  # interrupted before the task had started
            work.close()
            raise asyncio.CancelledError
        return await work


_left_default = False
"""Whether the last interrupted run left SIGINT at SIG_DFL (see `run`)."""


def run(work: Coroutine[Any, Any, T]) -> T:
    """Run `work` on a new event loop; KeyboardInterrupt if Ctrl-C cancelled it.

    The handler is installed only where Python's default one is (the main thread,
    SIGINT not ignored), and the previous one is back when this returns, except after
    an interrupted run: the command is then on its way out with nothing left to clean,
    so SIGINT is left at its default action and a late Ctrl-C ends the process at once
    (exit -SIGINT) instead of raising KeyboardInterrupt into the exit path, where it
    would print a traceback. The next run in the same process restores Python's handler.
    """
    global _left_default
    guard = _Guard()
    current = signal.getsignal(signal.SIGINT)
    installed = threading.current_thread() is threading.main_thread() and (
        current is signal.default_int_handler or (_left_default and current is signal.SIG_DFL)
    )
    if installed:
        signal.signal(signal.SIGINT, guard.handle)
    try:
        with asyncio.Runner() as runner:
            return runner.run(guard.main(work))
    except asyncio.CancelledError:
        if guard.count:
            raise KeyboardInterrupt from None
        raise
    finally:
        if installed:
            _left_default = guard.count > 0
            signal.signal(
                signal.SIGINT, signal.SIG_DFL if _left_default else signal.default_int_handler
            )
