"""KeyboardInterrupt and task cancellation at random (seeded) points leave nothing behind.

Nothing behind: no temporary file, the destination as it was, no descriptor or socket
more than before, and the client still works afterwards. The points are: from the
caller's loop over a stream, from inside the transport while the body arrives, during
a retry's wait, from a real signal (SIGUSR1, handled as Ctrl-C is) while blocked on the
socket, and `task.cancel()` after a random delay.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import httpx
import pytest

from claude_files import Client
from claude_files.testing import Fault, MockServer
from tests._support import (
    CONTENT_PATH,
    MODES,
    ORIGINAL,
    FakeSleep,
    assert_untouched,
    async_client,
    client_kwargs,
    download_async,
    download_sync,
    open_fds,
    open_sockets,
    prepare_dest,
    sync_client,
)

CONTENT = random.Random(11).randbytes(1_000_003)
FD_SLACK = 4


@pytest.fixture(scope="module")
def file_id(shared_server: MockServer) -> str:
    return str(shared_server.add_file(CONTENT, filename="cancel.bin")["id"])


def settle(count: Callable[[], int], limit: int, timeout: float = 3.0) -> int:
    deadline = time.monotonic() + timeout
    while (value := count()) > limit and time.monotonic() < deadline:
        time.sleep(0.01)
    return value


@contextlib.contextmanager
def no_leaks() -> Iterator[None]:
    fds, sockets = len(open_fds()), open_sockets()
    yield
    assert settle(open_sockets, sockets + FD_SLACK) <= sockets + FD_SLACK
    assert settle(lambda: len(open_fds()), fds + FD_SLACK) <= fds + FD_SLACK


def assert_whole_or_untouched(directory: Path, dest: Path) -> None:
    """After an interrupt at a random point: no temporary file, and the destination as it
    was, or (when the interrupt came while the finished file was being renamed into
    place, so the call still raised) the complete file. Never anything partial."""
    assert sorted(p.name for p in directory.iterdir()) == [dest.name]
    data = dest.read_bytes()
    assert data in (ORIGINAL, CONTENT), f"a partial destination: {len(data)} bytes"
    dest.write_bytes(ORIGINAL)


# From the caller's side: a sync stream consumer -------------------------------------------


def test_keyboard_interrupt_from_a_stream_consumer(
    server: MockServer, file_id: str, tmp_path: Path
) -> None:
    rand = random.Random(1)
    # Chunks may be up to 512 KiB (the fast transport): 8 MB gives more than 6 of them.
    big_id = server.add_file(CONTENT * 8, filename="big.bin")["id"]
    with sync_client(server) as client, no_leaks():
        for _ in range(20):
            stop_at = rand.randrange(0, 6)
            with pytest.raises(KeyboardInterrupt):  # noqa: PT012, SIM117 - the consumer raises
                with client.files.download_stream(big_id) as stream:
                    for n, _chunk in enumerate(stream):
                        if n == stop_at:
                            raise KeyboardInterrupt
            assert client.files.download(file_id) == CONTENT  # the client still works


# From inside the transport: as a signal would, while bytes arrive ------------------------


class _InterruptingStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, at: int) -> None:
        self._inner, self._at = inner, at

    def __iter__(self) -> Iterator[bytes]:
        for n, chunk in enumerate(self._inner):
            if n == self._at:
                raise KeyboardInterrupt
            yield chunk

    def close(self) -> None:
        self._inner.close()


class InterruptingTransport(httpx.BaseTransport):
    """Raises KeyboardInterrupt at the `at`-th chunk of the next download (-1: on sending)."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.at: int | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        at, self.at = self.at, None
        if at == -1:
            raise KeyboardInterrupt
        response = self._inner.handle_request(request)
        if at is not None:
            assert isinstance(response.stream, httpx.SyncByteStream)
            response.stream = _InterruptingStream(response.stream, at)
        return response

    def close(self) -> None:
        self._inner.close()


@pytest.mark.parametrize("mode", MODES)
def test_keyboard_interrupt_while_the_body_arrives(
    mode: str, server: MockServer, file_id: str, tmp_path: Path
) -> None:
    rand = random.Random(f"transport-{mode}")
    dest = prepare_dest(tmp_path)
    transport = InterruptingTransport()
    with (
        httpx.Client(transport=transport) as http,
        Client(**client_kwargs(server, http_client=http)) as client,
        no_leaks(),
    ):
        client._sleep = FakeSleep()
        for _ in range(12):
            transport.at = rand.randrange(-1, 8)
            try:
                data = download_sync(client, mode, file_id, dest)
            except KeyboardInterrupt:
                pass
            else:
                assert data == CONTENT  # the body had fewer chunks than `at`
            assert_untouched(tmp_path, dest)
        assert download_sync(client, mode, file_id, dest) == CONTENT


@pytest.mark.parametrize("mode", MODES)
def test_keyboard_interrupt_during_a_retry_wait(
    mode: str, server: MockServer, file_id: str, tmp_path: Path
) -> None:
    dest = prepare_dest(tmp_path)

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    with sync_client(server) as client, no_leaks():
        client._sleep = interrupted
        for fault in (Fault.truncate(300_000), Fault.status(503), Fault.disconnect()):
            server.inject(fault, path=CONTENT_PATH, count=1)
            with pytest.raises(KeyboardInterrupt):
                download_sync(client, mode, file_id, dest)
            assert_untouched(tmp_path, dest)


# A real signal, delivered while the main thread waits on the socket --------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_signal_mid_download_leaves_nothing(
    mode: str, server: MockServer, file_id: str, tmp_path: Path
) -> None:
    assert threading.current_thread() is threading.main_thread()
    rand = random.Random(f"signal-{mode}")
    dest = prepare_dest(tmp_path)

    def ctrl_c(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    main = threading.main_thread().ident
    assert main is not None
    headers_in = threading.Event()  # set when a response's headers have arrived

    def interrupt_mid_body(delay: float) -> None:
        headers_in.wait()
        time.sleep(delay)  # where in the body: the point is random, the start is known
        signal.pthread_kill(main, signal.SIGUSR1)

    previous = signal.signal(signal.SIGUSR1, ctrl_c)
    try:
        with (
            httpx.Client(event_hooks={"response": [lambda response: headers_in.set()]}) as http,
            Client(**client_kwargs(server, http_client=http)) as client,
            no_leaks(),
        ):
            client._sleep = FakeSleep()
            for _ in range(2):
                # 1 MB at 4 MB/s: a quarter of a second from the headers on, interrupted
                # well inside it.
                server.inject(Fault.slow(4_000_000), path=CONTENT_PATH, count=1)
                headers_in.clear()
                signaller = threading.Thread(
                    target=interrupt_mid_body, args=(rand.uniform(0.0, 0.12),)
                )
                signaller.start()
                try:
                    with pytest.raises(KeyboardInterrupt):
                        download_sync(client, mode, file_id, dest)
                finally:
                    signaller.join()
                assert_whole_or_untouched(tmp_path, dest)
            server.clear_faults()
            assert download_sync(client, mode, file_id, dest) == CONTENT
    finally:
        signal.signal(signal.SIGUSR1, previous)


# asyncio task cancellation -------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_task_cancellation_at_random_points(
    mode: str, server: MockServer, file_id: str, tmp_path: Path
) -> None:
    rand = random.Random(f"cancel-{mode}")
    dest = prepare_dest(tmp_path)
    outcomes: list[str] = []

    async def main() -> None:
        async with async_client(server) as client:
            for _ in range(10):
                # 1 MB at 20 MB/s: about 50 ms, cancelled anywhere from before the
                # request to after the end.
                server.inject(Fault.slow(20_000_000), path=CONTENT_PATH, count=1)
                task = asyncio.create_task(download_async(client, mode, file_id, dest))
                await asyncio.sleep(rand.uniform(0, 0.07))
                task.cancel()
                try:
                    data = await task
                except asyncio.CancelledError:
                    outcomes.append("cancelled")
                else:
                    assert data == CONTENT
                    outcomes.append("done")
                assert_whole_or_untouched(tmp_path, dest)
            server.clear_faults()
            assert await download_async(client, mode, file_id, dest) == CONTENT

    with no_leaks():
        asyncio.run(main())
    assert "cancelled" in outcomes


@pytest.mark.parametrize("mode", MODES)
def test_cancellation_during_a_retry_wait(
    mode: str, server: MockServer, file_id: str, tmp_path: Path
) -> None:
    dest = prepare_dest(tmp_path)

    waits: list[float] = []

    async def main() -> None:
        waiting = asyncio.Event()

        async def real_sleep(seconds: float) -> None:
            waits.append(seconds)
            waiting.set()
            await asyncio.sleep(seconds)  # a real wait, cancelled as soon as it has begun

        async with async_client(server) as client:
            client._sleep = real_sleep
            for fault in (Fault.truncate(300_000), Fault.status(503, retry_after="30")):
                server.inject(fault, path=CONTENT_PATH, count=1)
                client._policy = client._policy.__class__(random=lambda: 1.0, initial_delay=30)
                waiting.clear()
                task = asyncio.create_task(download_async(client, mode, file_id, dest))
                await waiting.wait()  # the client is in its retry wait
                task.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await task
                assert_untouched(tmp_path, dest)

    with no_leaks():
        asyncio.run(main())
    assert waits == [8.0, 30.0]  # the backoff's ceiling, then the server's retry-after


def test_cancelling_an_async_stream_consumer(
    server: MockServer, file_id: str, tmp_path: Path
) -> None:
    """The consumer of an async stream is the task cancelled, mid-iteration."""
    rand = random.Random(5)
    # Chunks may be up to 512 KiB (the fast transport): 8 MB gives more than 8 of them.
    big_id = server.add_file(CONTENT * 8, filename="big.bin")["id"]

    async def consume(client: Any, stop_at: int) -> None:
        async with client.files.download_stream(big_id) as stream:
            n = 0
            async for _chunk in stream:
                if n == stop_at:
                    asyncio.current_task().cancel()  # type: ignore[union-attr]
                n += 1
                await asyncio.sleep(0)

    async def main() -> None:
        async with async_client(server) as client:
            for _ in range(10):
                with pytest.raises(asyncio.CancelledError):
                    await asyncio.create_task(consume(client, rand.randrange(0, 8)))
            assert await client.files.download(file_id) == CONTENT

    with no_leaks():
        asyncio.run(main())
