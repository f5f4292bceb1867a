"""Clients wired to the mock server, and one helper that runs a download in any mode.

One mock server serves the whole session (starting and stopping one per test would
take most of the run); `mock_server` resets its settings, faults and request log for
each test. Tests that need an empty store use `mock_server_factory`. Retries never
really sleep: each client's `_sleep` records the waits instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claude_files import AsyncClient, Client
from claude_files.testing import MockServer
from tests._support import FLAVORS, MODES, client_kwargs, shared_server

__all__ = ["FLAVORS", "MODES", "client_kwargs", "shared_server"]


@pytest.fixture
def mock_server(shared_server: MockServer) -> MockServer:
    """The session's mock (starting one per test costs ~0.2 s), reset: no faults, an
    empty request log, default switches; earlier tests' files stay, unseen by id."""
    shared_server.reset(clear_data=False)
    return shared_server


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(mock_server: MockServer, sleeps: list[float]) -> Iterator[Client]:
    with Client(**client_kwargs(mock_server)) as c:
        c._sleep = sleeps.append
        yield c


@pytest.fixture
async def aclient(mock_server: MockServer, sleeps: list[float]) -> Any:
    async def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async with AsyncClient(**client_kwargs(mock_server)) as c:
        c._sleep = fake_sleep
        yield c


class Transfer:
    """Download one item in one flavor (sync/async) and mode (bytes/file/stream).

    Returns the bytes the caller got; `leftovers()` lists what a failure left on disk.
    """

    def __init__(
        self, server: MockServer, flavor: str, mode: str, directory: Path, sleeps: list[float]
    ) -> None:
        self.server, self.flavor, self.mode = server, flavor, mode
        self.directory = directory
        self.dest = directory / "out.bin"
        self.sleeps = sleeps

    def __repr__(self) -> str:
        return f"{self.flavor}-{self.mode}"

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in self.directory.iterdir())

    def __call__(self, resource: str, item_id: str, **kwargs: Any) -> bytes:
        if self.flavor == "sync":
            with Client(**client_kwargs(self.server)) as c:
                c._sleep = self.sleeps.append
                return self._sync(_resolve(c, resource), item_id, **kwargs)
        return asyncio.run(self._async(resource, item_id, **kwargs))

    def _sync(self, target: Any, item_id: str, **kwargs: Any) -> bytes:
        if self.mode == "bytes":
            data: bytes = target.download(item_id, **kwargs)
            return data
        if self.mode == "file":
            return _take(target.download_to_file(item_id, self.dest, **kwargs))
        with target.download_stream(item_id, **kwargs) as stream:
            return b"".join(stream)

    async def _async(self, resource: str, item_id: str, **kwargs: Any) -> bytes:
        async def fake_sleep(seconds: float) -> None:
            self.sleeps.append(seconds)

        async with AsyncClient(**client_kwargs(self.server)) as c:
            c._sleep = fake_sleep
            target = _resolve(c, resource)
            if self.mode == "bytes":
                data: bytes = await target.download(item_id, **kwargs)
                return data
            if self.mode == "file":
                return _take(await target.download_to_file(item_id, self.dest, **kwargs))
            async with target.download_stream(item_id, **kwargs) as stream:
                return b"".join([chunk async for chunk in stream])


def _take(path: Path) -> bytes:
    """A downloaded file's bytes; the file is removed so the directory shows leftovers."""
    data = path.read_bytes()
    path.unlink()
    return data


def _resolve(client: Any, resource: str) -> Any:
    for name in resource.split("."):
        client = getattr(client, name)
    return client


@pytest.fixture(params=[(f, m) for f in FLAVORS for m in MODES], ids=lambda p: "-".join(p))
def transfer(
    request: pytest.FixtureRequest, mock_server: MockServer, tmp_path: Path, sleeps: list[float]
) -> Transfer:
    flavor, mode = request.param
    directory = tmp_path / "downloads"
    directory.mkdir()
    return Transfer(mock_server, flavor, mode, directory, sleeps)
