"""An async upload's body is read ahead in a thread of its own, which is always stopped and
joined when the body ends, fails or is abandoned (before the upload's file is closed)."""

from __future__ import annotations

import threading
from collections.abc import AsyncGenerator, Iterator
from typing import cast

import pytest

from claude_files._concurrency import HOP_BYTES, READ_AHEAD, _ThreadedStream

MiB = HOP_BYTES


def _readers() -> int:
    return sum(t.name == "claude-files-upload" for t in threading.enumerate())


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
