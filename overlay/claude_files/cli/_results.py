"""Results of per-item work, how a failure is described, and the run's summary."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from claude_files import (
    APIConnectionError,
    APIStatusError,
    ArchiveError,
    ChecksumMismatchError,
    ClaudeFilesError,
    FileTooLargeError,
    IncompleteDownloadError,
    UnsafeArchiveError,
)
from claude_files.cli._output import Output

T = TypeVar("T")
log = logging.getLogger("claude_files.cli")

# Expected failures of one item; anything else is a bug and is reported as one.
ITEM_ERRORS: tuple[type[Exception], ...] = (ClaudeFilesError, OSError, ValueError, LookupError)


@dataclass
class Outcome:
    """What became of one item: the JSON object and the plain line that report it."""

    item: str
    ok: bool
    data: dict[str, Any]
    text: str


def describe_error(exc: BaseException) -> tuple[dict[str, Any], str]:
    """The error as a JSON object and as one line: API type, message, status, request id."""
    if isinstance(exc, APIStatusError):
        kind = exc.type or f"http_{exc.status_code}"
        message = exc.api_message or exc.message
        info: dict[str, Any] = {
            "type": kind,
            "message": message,
            "status": exc.status_code,
            "request_id": exc.request_id,
        }
        if exc.error_code:
            info["error_code"] = exc.error_code
        extras = [f"HTTP {exc.status_code}"]
        if exc.error_code:
            extras.append(exc.error_code)
        extras.append(f"request id {exc.request_id or 'none'}")
        line = f"{kind}: {message} ({', '.join(extras)})"
        if exc.hint:
            info["hint"] = exc.hint
            line += f"; {exc.hint}"
        return info, line
    if isinstance(exc, FileTooLargeError):
        kind = "file_too_large"
    elif isinstance(exc, IncompleteDownloadError):
        kind = "incomplete_download"
    elif isinstance(exc, ChecksumMismatchError):
        kind = "checksum_mismatch"
    elif isinstance(exc, UnsafeArchiveError):
        kind = "unsafe_archive"
    elif isinstance(exc, ArchiveError):
        kind = "archive_error"
    elif isinstance(exc, APIConnectionError):
        kind = "connection_error"
    elif isinstance(exc, FileExistsError):
        kind = "file_exists"
    elif isinstance(exc, OSError):
        kind = "os_error"
    elif isinstance(exc, ValueError):
        kind = "invalid_argument"
    elif isinstance(exc, LookupError):
        kind = "not_found"
    else:
        kind = "internal_error"
    message = _os_message(exc) if isinstance(exc, OSError) else str(exc) or type(exc).__name__
    return {"type": kind, "message": message}, f"{kind}: {message}"


def _os_message(exc: OSError) -> str:
    if exc.filename is not None and exc.strerror:
        return f"{exc.strerror}: {exc.filename}"
    return str(exc)


def failure(item: str, exc: BaseException, **fields: Any) -> Outcome:
    """The outcome of an item that raised `exc`; a traceback in the log if unexpected."""
    if not isinstance(exc, ITEM_ERRORS):
        log.debug("unexpected error on %s", item, exc_info=exc)
    info, text = describe_error(exc)
    return Outcome(
        item=item,
        ok=False,
        data={"ok": False, **fields, "error": info},
        text=f"{item}: {text}",
    )


@dataclass
class Run:
    """The outcomes of one command, in the order they finished."""

    verb: str
    out: Output
    total: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    #: Said of the unfinished items when the run is interrupted.
    unfinished_note: str = ""
    #: The items as given: the summary names failures in this order, whatever order
    #: they finished in (so one command always prints one summary).
    order: Sequence[str] = ()

    def report(self, outcome: Outcome, *, quiet: bool = False) -> None:
        """Record an outcome and print it (`quiet`: the caller prints it)."""
        self.outcomes.append(outcome)
        if quiet:
            return
        if outcome.ok:
            self.out.result(outcome.data, outcome.text)
        elif self.out.json_mode:
            self.out.json(outcome.data)
            self.out.error(outcome.text)
        else:
            self.out.error(outcome.text)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summarize(self, *, interrupted: bool = False) -> None:
        """One line on stderr: how many done, and which failed or were left unfinished."""
        done = sum(1 for o in self.outcomes if o.ok)
        failed = self.failed
        if self.order:
            place = {item: i for i, item in enumerate(self.order)}
            failed.sort(key=lambda o: place.get(o.item, len(place)))
        unfinished = self.total - len(self.outcomes)
        if interrupted:
            self.out.info(
                f"interrupted: {done} of {self.total} {self.verb}, {unfinished} unfinished"
                + (f" ({self.unfinished_note})" if self.unfinished_note else "")
                + (f"; failed: {', '.join(o.item for o in failed)}" if failed else "")
            )
        elif failed:
            self.out.info(
                f"{done} of {self.total} {self.verb}; "
                f"{len(failed)} failed: {', '.join(o.item for o in failed)}"
            )
        elif self.total > 1:
            self.out.info(f"{done} of {self.total} {self.verb}")


async def run_each(
    run: Run,
    items: Sequence[T],
    work: Callable[[T], Awaitable[Outcome]],
    *,
    jobs: int,
    label: Callable[[T], str] = str,
) -> None:
    """Run `work` on every item, `jobs` at a time, reporting each outcome as it lands.

    A failing item does not stop the others. Cancellation (Ctrl-C) cancels every
    item still running and waits for them to clean up before it propagates.
    """
    run.total += len(items)
    gate = asyncio.Semaphore(jobs)

    async def one(item: T) -> None:
        async with gate:
            try:
                outcome = await work(item)
            except Exception as exc:  # a bug in one item must not sink the others
                outcome = failure(label(item), exc)
            run.report(outcome)

    async with asyncio.TaskGroup() as group:
        for item in items:
            group.create_task(one(item))
