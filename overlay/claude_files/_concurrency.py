"""What really differs between the async and the sync code, and the worker thread.

The modules in `_async/` are written once, with the async names here; `scripts/unasync.py`
writes their sync twins in `_sync/`, replacing each async name with its sync one
(`arun_blocking` with `run_blocking`, `AsyncShield` with `Shield`, ...). So each pair
below is the whole of the difference.

`Worker` is one background thread that runs work in order (hashing, writing to disk),
so the caller can receive the next bytes meanwhile; neither twin blocks on it unless it
falls behind by more than a bound, and the async one then waits in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar

import anyio
import anyio.to_thread
import httpx

from claude_files._protocol import Send

T = TypeVar("T")

asleep = anyio.sleep
sleep = time.sleep
#: How a client waits before a retry (tests give their own).
AsyncWait = Callable[[float], Awaitable[object]]
Wait = Callable[[float], object]


async def arun_blocking(func: Callable[..., T], *args: Any) -> T:
    """Blocking work (the disk, waiting for a thread), in a worker thread."""
    return await anyio.to_thread.run_sync(func, *args)


def run_blocking(func: Callable[..., T], *args: Any) -> T:
    return func(*args)


def AsyncShield() -> anyio.CancelScope:
    """Around cleanup that a cancellation must not interrupt."""
    return anyio.CancelScope(shield=True)


def Shield() -> contextlib.nullcontext[None]:
    return contextlib.nullcontext()


async def abuild_request(http: httpx.AsyncClient, command: Send) -> httpx.Request:
    """The request of `command`; an upload's file is opened and read in worker threads."""
    if not command.blocking:
        return http.build_request(**command.prepare())
    request = await anyio.to_thread.run_sync(lambda: http.build_request(**command.prepare()))
    assert isinstance(request.stream, httpx.SyncByteStream)  # httpx's multipart stream
    request.stream = _ThreadedStream(iter(request.stream))
    return request


def build_request(http: httpx.Client, command: Send) -> httpx.Request:
    return http.build_request(**command.prepare())


#: A thread hop moves this much: one per MiB, not one per 64 KiB part.
HOP_BYTES = 1024 * 1024


#: Batches read ahead of the one being sent.
READ_AHEAD = 2


class _ThreadedStream(httpx.AsyncByteStream):
    """An async request body read in a thread of its own, a MiB at a time and up to
    `READ_AHEAD` batches ahead of the send (httpx reads a multipart file with blocking
    calls, even in async code): the next MiB is read while this one is sent.

    The reader is stopped and joined when the body ends, fails or is abandoned, before
    the upload's file can be closed under it."""

    def __init__(self, parts: Iterator[bytes]) -> None:
        self._parts = parts
        self._ready: queue.Queue[bytes | BaseException] = queue.Queue(maxsize=READ_AHEAD)
        self._stop = threading.Event()
        # On asyncio, a sender that finds nothing ready waits on a future the reader
        # resolves from its thread (no trip through a worker thread); the lock makes
        # "nothing ready, so wait" and "ready, so wake" exclusive.
        self._lock = threading.Lock()
        self._waiter: asyncio.Future[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _next(self) -> bytes:
        batch, size = [], 0
        for part in self._parts:
            batch.append(part)
            size += len(part)
            if size >= HOP_BYTES:
                break
        return b"".join(batch)

    def _read(self) -> None:
        try:
            while not self._stop.is_set():
                batch = self._next()
                self._put(batch)
                if not batch:
                    return
        except BaseException as exc:  # handed to the sender
            self._put(exc)

    def _put(self, item: bytes | BaseException) -> None:
        self._ready.put(item)
        with self._lock:
            waiter, self._waiter = self._waiter, None
        if waiter is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(_resolve, waiter)

    async def _get(self) -> bytes | BaseException:
        """The next item: at once when the reader is ahead, else once it has one."""
        if self._loop is None:  # not asyncio: wait in a worker thread
            try:
                return self._ready.get_nowait()
            except queue.Empty:
                return await anyio.to_thread.run_sync(self._ready.get)
        while True:
            with self._lock:
                try:
                    return self._ready.get_nowait()
                except queue.Empty:
                    self._waiter = waiter = self._loop.create_future()
            await waiter

    def _halt(self, reader: threading.Thread) -> None:
        """Blocking: stop the reader and join it. Emptying the queue frees a reader
        blocked on a full one; it then puts at most one more item (it checks the stop
        after each), which always fits, so the join never waits on the sender."""
        self._stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                self._ready.get_nowait()
        reader.join()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with contextlib.suppress(RuntimeError):  # no asyncio loop (trio): a thread waits
            self._loop = asyncio.get_running_loop()
        reader = threading.Thread(target=self._read, name="claude-files-upload", daemon=True)
        reader.start()
        try:
            while True:
                item = await self._get()
                if isinstance(item, BaseException):
                    raise item
                if not item:
                    return
                yield item
        finally:
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(self._halt, reader)


def _resolve(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():  # not cancelled meanwhile
        waiter.set_result(None)


_STOP = object()


class Worker:
    """A thread that runs `submit`ted work in order, counting the bytes not yet done.

    `submit` never blocks; `wait(limit)` blocks until at most `limit` bytes are pending
    and `close()` until all are done (each re-raises the first failure). Callers bound
    the backlog with `wait`, in a thread when they are async.
    """

    def __init__(self, name: str, *, start: bool = True) -> None:
        self._work: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._done = threading.Condition()
        self._pending = 0
        self._failure: BaseException | None = None
        self._abandoned = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        if start:
            self.start()

    def start(self) -> None:
        self._thread.start()

    @property
    def pending(self) -> int:
        return self._pending

    def submit(self, func: Callable[[Any], object], data: Any, size: int) -> None:
        self._raise()
        with self._done:
            self._pending += size
        self._work.put((func, data, size))

    def wait(self, limit: int = 0) -> None:
        with self._done:
            self._done.wait_for(lambda: self._pending <= limit or self._failure is not None)
        self._raise()

    def close(self) -> None:
        """Finish the work submitted so far and stop the thread."""
        if self._thread.is_alive():
            self._work.put(_STOP)
            self._thread.join()
        self._raise()

    def abandon(self) -> None:
        """Stop the thread, skipping the work not yet started (a transfer that failed)."""
        self._abandoned = True
        if self._thread.is_alive():
            self._work.put(_STOP)
            self._thread.join()

    def _raise(self) -> None:
        if self._failure is not None:
            raise self._failure

    def _run(self) -> None:
        while (item := self._work.get()) is not _STOP:
            func, data, size = item
            if self._failure is None and not self._abandoned:
                try:
                    func(data)
                except BaseException as exc:  # handed to the caller's next call
                    self._failure = exc
            with self._done:
                self._pending -= size
                self._done.notify_all()
