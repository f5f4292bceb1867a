"""Helpers shared by the reliability and security suites.

- `shared_server` / `server`: the plugin's session `MockServer` (`mock_server_session`),
  reset for each test but keeping earlier tests' data (starting one per test would take
  most of the run). A conftest takes them with `from tests._support import server,
  shared_server`.
- `download_sync` / `download_async`: one download in a mode (bytes, file, stream)
  through a client the caller keeps, so loops can reuse one client and connection pool.
- `open_fds` / `open_sockets`: this process's descriptors, from /proc/self/fd.
- `FakeSleep`: records the waits a client asks for instead of sleeping.
- `LocalServer`: a stdlib HTTP server in a thread, for wire behaviour the mock has no
  fault for (ranges, gzip, redirects, arbitrary bodies).
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

import pytest

from claude_files import AsyncClient, Client
from claude_files.testing import MockServer

FLAVORS = ("sync", "async")
MODES = ("bytes", "file", "stream")
CONTENT_PATH = "/v1/files/*/content"


def client_kwargs(server: MockServer, **overrides: Any) -> dict[str, Any]:
    return {
        "api_key": server.api_key,
        "compliance_api_key": server.compliance_api_key,
        "base_url": server.base_url,
        **overrides,
    }


@pytest.fixture(scope="session")
def shared_server(mock_server_session: MockServer) -> MockServer:
    return mock_server_session


@pytest.fixture
def server(shared_server: MockServer) -> MockServer:
    """The session's mock, with no faults, an empty request log and default switches."""
    shared_server.reset(clear_data=False)
    return shared_server


class FakeSleep:
    """A client's `_sleep` that records the waits (sync and async) and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.waits.append(seconds)


def sync_client(server: MockServer, sleep: FakeSleep | None = None, **overrides: Any) -> Client:
    client = Client(**client_kwargs(server, **overrides))
    client._sleep = sleep if sleep is not None else FakeSleep()
    return client


def async_client(
    server: MockServer, sleep: FakeSleep | None = None, **overrides: Any
) -> AsyncClient:
    client = AsyncClient(**client_kwargs(server, **overrides))
    client._sleep = (sleep if sleep is not None else FakeSleep()).asleep
    return client


def resource(client: Any, name: str) -> Any:
    """`client.files`, `client.compliance.generated_files`, ... from a dotted name."""
    for part in name.split("."):
        client = getattr(client, part)
    return client


def download_sync(
    client: Client,
    mode: str,
    item_id: str,
    dest: Path,
    *,
    kind: str = "files",
    **kwargs: Any,
) -> bytes:
    """Download `item_id` in `mode`; a file mode's result is read back and removed."""
    target = resource(client, kind)
    if mode == "bytes":
        data: bytes = target.download(item_id, **kwargs)
        return data
    if mode == "file":
        path: Path = target.download_to_file(item_id, dest, overwrite=True, **kwargs)
        return _take(path, dest)
    with target.download_stream(item_id, **kwargs) as stream:
        return b"".join(stream)


async def download_async(
    client: AsyncClient, mode: str, item_id: str, dest: Path, *, kind: str = "files", **kwargs: Any
) -> bytes:
    target = resource(client, kind)
    if mode == "bytes":
        data: bytes = await target.download(item_id, **kwargs)
        return data
    if mode == "file":
        path: Path = await target.download_to_file(item_id, dest, overwrite=True, **kwargs)
        return _take(path, dest)
    async with target.download_stream(item_id, **kwargs) as stream:
        return b"".join([chunk async for chunk in stream])


ORIGINAL = b"the destination as it was before the download\n"


def _take(path: Path, dest: Path) -> bytes:
    """The downloaded bytes; the destination gets its original content back."""
    data = path.read_bytes()
    if path == dest:
        dest.write_bytes(ORIGINAL)
    else:
        path.unlink()
    return data


def prepare_dest(directory: Path) -> Path:
    """A destination that already exists, so "untouched" can be checked byte for byte."""
    directory.mkdir(parents=True, exist_ok=True)
    dest = directory / "out.bin"
    dest.write_bytes(ORIGINAL)
    return dest


def assert_untouched(directory: Path, dest: Path) -> None:
    """Only the destination is in its folder (no temporary file), and it is as it was."""
    assert sorted(p.name for p in directory.iterdir()) == [dest.name]
    assert dest.read_bytes() == ORIGINAL


def open_fds() -> list[str]:
    """What each of this process's file descriptors points at."""
    targets = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the descriptor listdir itself used, already closed
            continue
    return targets


def open_sockets() -> int:
    return sum(target.startswith("socket:") for target in open_fds())


def part_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.rglob("*.part"))


class LocalServer(ThreadingHTTPServer):
    """`handler` on a free port of 127.0.0.1, served from a thread while in a `with` block.

    `serve_forever()` would poll for its shutdown flag (every 0.5 s by default); this
    loop blocks until a connection arrives instead, and `stop()` wakes it with one.
    Subclass it to keep state a handler reads through `self.server`.
    """

    daemon_threads = True  # a handler cut off mid-body does not hold up `stop()`

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="tests-local-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def _serve(self) -> None:
        while not self._stopping.is_set():
            self.handle_request()  # blocks until a connection (timeout None)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        socket.create_connection(("127.0.0.1", self.server_address[1])).close()  # a wake-up
        self._thread.join()
        self.server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-exchange is what these tests do on purpose: quiet."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
