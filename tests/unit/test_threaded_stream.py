"""An async upload's body is read ahead in a thread of its own, which is always stopped and
joined when the body ends, fails or is abandoned (before the upload's file is closed).

Each test runs both ways a sender waits for a batch the reader has not finished: on
asyncio, on a future the reader resolves; elsewhere (trio), in a worker thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncGenerator, Iterator
from types import SimpleNamespace
from typing import Any, cast

import anyio.to_thread
import pytest

from claude_files import _concurrency
from claude_files._concurrency import HOP_BYTES, READ_AHEAD, _ThreadedStream

MiB = HOP_BYTES


def _readers() -> int:
    return sum(t.name == "claude-files-upload" for t in threading.enumerate())


@pytest.fixture(autouse=True, params=["asyncio", "elsewhere"])
def waits(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """How the sender waits (`on_asyncio`), and what it ran in worker threads (`calls`)."""
    on_asyncio = request.param == "asyncio"
    if not on_asyncio:  # as on trio: no asyncio loop to resolve a future on

        def no_loop() -> None:
            raise RuntimeError("no running event loop")

        monkeypatch.setattr(_concurrency, "asyncio", SimpleNamespace(get_running_loop=no_loop))
    calls: list[str] = []
    run_sync = anyio.to_thread.run_sync

    async def counted(func: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(getattr(func, "__name__", ""))
        return await run_sync(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)
    return SimpleNamespace(on_asyncio=on_asyncio, calls=calls)


def _parts(count: int, read: list[int]) -> Iterator[bytes]:
    for i in range(count):
        read.append(i)
        yield bytes([i % 256]) * MiB


async def test_the_whole_body_in_order_then_the_reader_is_gone() -> None:
    read: list[int] = []
    got = [chunk async for chunk in _ThreadedStream(_parts(5, read))]
    assert [c[0] for c in got] == [0, 1, 2, 3, 4]
    assert all(len(c) == MiB for c in got)
    assert _readers() == 0


async def test_an_abandoned_body_stops_its_reader_a_few_batches_ahead() -> None:
    read: list[int] = []
    body = cast(AsyncGenerator[bytes, None], _ThreadedStream(_parts(100, read)).__aiter__())
    assert (await anext(body))[0] == 0
    await body.aclose()
    assert _readers() == 0
    # The sent batch, the ones queued, and the one being read when it stopped.
    assert len(read) <= 1 + READ_AHEAD + 1


async def test_a_failed_read_reaches_the_sender() -> None:
    def failing() -> Iterator[bytes]:
        yield b"x" * MiB
        raise OSError("disk gone")

    body = _ThreadedStream(failing())
    with pytest.raises(OSError, match="disk gone"):
        async for _ in body:
            pass
    assert _readers() == 0


async def test_a_sender_ahead_of_its_reader_waits_for_the_next_batch(
    waits: SimpleNamespace,
) -> None:
    reading, release = threading.Event(), threading.Event()

    def slow() -> Iterator[bytes]:
        yield b"a" * MiB
        reading.set()
        release.wait()
        yield b"b" * MiB

    body = cast(AsyncGenerator[bytes, None], _ThreadedStream(slow()).__aiter__())
    assert (await anext(body))[0] == ord("a")
    second = asyncio.ensure_future(anext(body))
    await asyncio.to_thread(reading.wait)  # the reader holds no batch: the sender waits
    assert not second.done()
    release.set()
    assert (await second)[0] == ord("b")
    await body.aclose()
    assert _readers() == 0
    # On asyncio the reader woke the sender itself; elsewhere a worker thread waited.
    assert waits.calls.count("get") == (0 if waits.on_asyncio else 1)
