"""Progress of a transfer: `on_progress(done, total)` as bytes move, throttled.

`download`, `download_to_file`, `download_stream` and `upload` take `on_progress`, a plain
(sync) function called with the bytes moved so far and the whole size (a download's
`Content-Length`, an upload's size; None when unknown). It is called:

- once when the transfer starts (`done == 0`), and for an upload again at the start of
  every retry, which sends the file from its start;
- as bytes move, at most once every `REPORT_SECONDS` (so at most 20 times a second,
  whatever the speed);
- once at the end with the final count, unless the last call already had it.

A download that is retried never goes back nor counts a byte twice: `done` is the bytes
handed over, and a retry resumes (`Range`) or skips what was handed over already.

The callback runs in the code that moves the bytes: the caller's thread for `Client`,
the event loop for `AsyncClient` (so it must not block, and it cannot be a coroutine
function). An exception from it aborts the transfer, as any failure does: no file is
left behind.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import IO, Any

import httpx

from claude_files._errors import InvalidTypeError

ProgressCallback = Callable[[int, int | None], object]

#: The least time between two calls as bytes move.
REPORT_SECONDS = 0.05


class Progress:
    """One transfer's progress; without a callback, a counter that reports to no one."""

    def __init__(
        self,
        callback: ProgressCallback | None,
        total: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if callback is not None and (
            not callable(callback) or inspect.iscoroutinefunction(callback)
        ):
            raise InvalidTypeError(
                "on_progress must be a plain function, called as on_progress(done, total)"
                " (not a coroutine function: it is called synchronously)"
            )
        self.callback = callback
        self.total = total
        self.done = 0
        self._clock = clock
        self._reported: int | None = None
        self._at = 0.0

    def start(self, total: int | None) -> None:
        """The size is known (a download's response was accepted): report 0 of it."""
        self.total = total
        if self.callback is not None:
            self._emit()

    def advance(self, size: int) -> None:
        """`size` more bytes moved."""
        self.done += size
        if self.callback is not None:
            self.report()

    def report(self) -> None:
        """Call back if it is time to: `REPORT_SECONDS` since the last call, or at once
        when the count went back (an upload's retry starting over)."""
        if self.callback is None or self.done == self._reported:
            return
        forward = self._reported is not None and self.done > self._reported
        if forward and self._clock() - self._at < REPORT_SECONDS:
            return
        self._emit()

    def finish(self) -> None:
        """The transfer is complete: the final count, unless the last call had it."""
        if self.callback is not None and self.done != self._reported:
            self._emit()

    def counted(self, file: IO[bytes]) -> IO[bytes]:
        """`file`, counting into this progress from 0 the bytes read from it (an upload's
        attempt); `file` itself when no one is told."""
        if self.callback is None:
            return file
        self.done = 0
        return _CountedFile(file, self)  # type: ignore[return-value]

    def _emit(self) -> None:
        assert self.callback is not None
        self._reported, self._at = self.done, self._clock()
        self.callback(self.done, self.total)


class _CountedFile:
    """A binary file whose reads count into a `Progress` (httpx reads an upload's file
    with `read`; the rest, `seek`, `tell`, `fileno`, goes to the file as is).

    In async code httpx reads it in a worker thread: this only counts, and the request
    body's `ReportingStream` calls back, where the request is sent."""

    def __init__(self, file: IO[bytes], progress: Progress) -> None:
        self._file = file
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self._progress.done += len(data)
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


class ReportingStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A request body that calls `report()` as it starts (each attempt sends it from its
    start) and as each of its chunks is read to be sent."""

    def __init__(self, stream: Any, report: Callable[[], object]) -> None:
        self._stream = stream
        self._report = report

    def __iter__(self) -> Iterator[bytes]:
        self._report()
        for chunk in self._stream:
            self._report()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self._report()
        async for chunk in self._stream:
            self._report()
            yield chunk

    def close(self) -> None:
        if isinstance(self._stream, httpx.SyncByteStream):
            self._stream.close()

    async def aclose(self) -> None:
        if isinstance(self._stream, httpx.AsyncByteStream):
            await self._stream.aclose()
