"""200 downloads through one client, cycling through every fault and mode: nothing leaks.

File descriptors and sockets are counted from /proc/self/fd (the mock runs in this
process, so its side of each connection counts too, and is given a moment to close);
memory is traced with tracemalloc after a warm-up, so caches filled once do not count.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claude_files import AsyncClient, ClaudeFilesError, Client
from claude_files.testing import MockServer
from tests._support import (
    CONTENT_PATH,
    MODES,
    assert_untouched,
    async_client,
    download_async,
    download_sync,
    open_fds,
    open_sockets,
    part_files,
    prepare_dest,
    sync_client,
)
from tests.reliability.test_fault_matrix import CASES, CONTENT, Case

ITERATIONS = 200
WARM_UP = 24
#: Descriptors that may legitimately differ: a kept-alive connection (both ends).
FD_SLACK = 4
#: Memory growth allowed over 200 downloads of 200 kB: a leak of one body, or of 2.5 kB
#: per download, fails.
MEMORY_SLACK = 512 * 1024


def schedule() -> Iterator[tuple[str, Case]]:
    """Every (mode, case) pair, in a fixed shuffled order, repeated as needed."""
    pairs = [(mode, case) for mode in MODES for case in CASES]
    import random

    random.Random(200).shuffle(pairs)
    return itertools.cycle(pairs)


def settle(count: Callable[[], int], limit: int, timeout: float = 3.0) -> int:
    """The count once it is at most `limit` (the server thread closes its ends late)."""
    deadline = time.monotonic() + timeout
    while (value := count()) > limit and time.monotonic() < deadline:
        time.sleep(0.01)
    return value


def check(outcome: bytes | ClaudeFilesError, case: Case, dest: Path) -> None:
    if case.expected is None:
        assert outcome == CONTENT
    else:
        assert type(outcome) is case.expected
    assert_untouched(dest.parent, dest)


@pytest.fixture
def file_id(server: MockServer) -> str:
    return str(server.add_file(CONTENT, filename="leaks.bin")["id"])


def arm(server: MockServer, case: Case) -> None:
    server.clear_faults()
    server.clear_requests()  # the log would otherwise grow by design
    for fault, count in case.faults:
        server.inject(fault, path=CONTENT_PATH, count=count)


def test_sync_downloads_leak_nothing(server: MockServer, file_id: str, tmp_path: Path) -> None:
    dest = prepare_dest(tmp_path)
    pairs = schedule()

    def one(client: Client) -> None:
        mode, case = next(pairs)
        arm(server, case)
        try:
            outcome: bytes | ClaudeFilesError = download_sync(
                client, mode, file_id, dest, **case.kwargs
            )
        except ClaudeFilesError as exc:
            outcome = exc
        check(outcome, case, dest)

    tracemalloc.start()
    try:
        with sync_client(server) as client:
            for _ in range(WARM_UP):
                one(client)
            gc.collect()
            fds, sockets = len(open_fds()), open_sockets()
            memory = tracemalloc.get_traced_memory()[0]
            for _ in range(ITERATIONS):
                one(client)
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - memory
    finally:
        tracemalloc.stop()
    assert grown < MEMORY_SLACK, f"memory grew by {grown} bytes"
    assert settle(open_sockets, sockets + FD_SLACK) <= sockets + FD_SLACK
    assert settle(lambda: len(open_fds()), fds + FD_SLACK) <= fds + FD_SLACK
    assert part_files(tmp_path) == []


def test_async_downloads_leak_nothing(server: MockServer, file_id: str, tmp_path: Path) -> None:
    dest = prepare_dest(tmp_path)
    pairs = schedule()

    async def one(client: AsyncClient) -> None:
        mode, case = next(pairs)
        arm(server, case)
        try:
            outcome: bytes | ClaudeFilesError = await download_async(
                client, mode, file_id, dest, **case.kwargs
            )
        except ClaudeFilesError as exc:
            outcome = exc
        check(outcome, case, dest)

    async def main() -> tuple[int, int, int]:
        async with async_client(server) as client:
            for _ in range(WARM_UP):
                await one(client)
            gc.collect()
            fds, sockets = len(open_fds()), open_sockets()
            memory = tracemalloc.get_traced_memory()[0]
            for _ in range(ITERATIONS):
                await one(client)
            gc.collect()
            return fds, sockets, tracemalloc.get_traced_memory()[0] - memory

    tracemalloc.start()
    try:
        fds, sockets, grown = asyncio.run(main())
    finally:
        tracemalloc.stop()
    assert grown < MEMORY_SLACK, f"memory grew by {grown} bytes"
    assert settle(open_sockets, sockets + FD_SLACK) <= sockets + FD_SLACK
    assert settle(lambda: len(open_fds()), fds + FD_SLACK) <= fds + FD_SLACK
    assert part_files(tmp_path) == []


def test_every_client_closes_its_connections(server: MockServer, file_id: str) -> None:
    """A client per download (the common script): closing it frees every socket."""
    gc.collect()
    before = open_sockets()
    for _ in range(20):
        with sync_client(server) as client:
            assert client.files.download(file_id) == CONTENT

    async def main() -> None:
        for _ in range(20):
            async with async_client(server) as client:
                assert await client.files.download(file_id) == CONTENT

    asyncio.run(main())
    gc.collect()
    assert settle(open_sockets, before) <= before
