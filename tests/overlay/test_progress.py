"""`on_progress(done, total)` on every transfer, sync and async: what it is told, on a
retry that starts over, on a resumed download, and when it raises.

Most tests switch the throttle off (`REPORT_SECONDS = 0`: a call for every chunk) so the
calls show each step; `test_the_throttle` checks the throttle itself with a fake clock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claude_files import AsyncClient, Client, InvalidTypeError, _progress
from claude_files._progress import Progress
from claude_files.testing import Fault, MockServer
from tests.overlay.test_resume import BODY, RangeServer

from .conftest import Transfer, client_kwargs

CONTENT = bytes(range(256)) * 4096  # 1 MiB: many chunks
CONTENT_PATH = "/v1/files/*/content"

Calls = list[tuple[int, int | None]]


@pytest.fixture
def unthrottled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_progress, "REPORT_SECONDS", 0.0)


@pytest.fixture
def file_id(mock_server: MockServer) -> str:
    return str(mock_server.add_file(CONTENT, filename="data.bin")["id"])


def recorder(calls: Calls) -> Any:
    return lambda *call: calls.append(call)


def assert_steady(calls: Calls, size: int) -> None:
    """From 0 to `size`, never back, never past it; the last call has the final count."""
    dones = [done for done, _ in calls]
    assert dones[0] == 0
    assert dones == sorted(dones)
    assert len(set(dones)) == len(dones)  # nothing reported twice
    assert calls[-1] == (size, size)
    assert all(total == size for _, total in calls)


@pytest.mark.usefixtures("unthrottled")
def test_every_download_mode_reports_from_0_to_the_whole(transfer: Transfer, file_id: str) -> None:
    calls: Calls = []
    data = transfer("files", file_id, on_progress=lambda *call: calls.append(call))
    assert data == CONTENT
    assert_steady(calls, len(CONTENT))
    assert len(calls) > 4  # as the bytes moved, not only at the end


@pytest.mark.usefixtures("unthrottled")
def test_each_resource_kind_takes_it(transfer: Transfer, mock_server: MockServer) -> None:
    items = {
        "compliance.files": mock_server.add_chat_file(CONTENT, chunked=False)["id"],
        "compliance.generated_files": mock_server.add_generated_file(CONTENT)["id"],
        "compliance.artifacts": mock_server.add_artifact_version(CONTENT),
    }
    for resource, item in items.items():
        calls: Calls = []
        assert transfer(resource, item, on_progress=recorder(calls)) == CONTENT
        assert_steady(calls, len(CONTENT))


def test_code_artifacts_take_it(client: Client, mock_server: MockServer, tmp_path: Path) -> None:
    artifact = mock_server.add_code_artifact(CONTENT, version_ids=["v1"])
    code = client.compliance.code_artifacts
    got: dict[str, Calls] = {"bytes": [], "file": [], "stream": []}
    assert code.download(artifact["id"], version_id="v1", on_progress=recorder(got["bytes"]))
    code.download_to_file(
        artifact["id"], tmp_path / "a.bin", version_id="v1", on_progress=recorder(got["file"])
    )
    with code.download_stream(
        artifact["id"], version_id="v1", on_progress=recorder(got["stream"])
    ) as stream:
        assert b"".join(stream) == CONTENT
    for calls in got.values():
        assert calls[0][0] == 0  # its content is chunked: no total
        assert calls[-1][0] == len(CONTENT)


def test_a_body_without_a_length_has_no_total(transfer: Transfer, mock_server: MockServer) -> None:
    chat = mock_server.add_chat_file(CONTENT)  # revision J: chunked, no Content-Length
    calls: Calls = []
    assert transfer("compliance.files", chat["id"], on_progress=lambda *c: calls.append(c))
    assert calls[0] == (0, None)
    assert calls[-1] == (len(CONTENT), None)


@pytest.mark.usefixtures("unthrottled")
def test_a_download_retried_from_0_neither_goes_back_nor_counts_twice(
    transfer: Transfer, mock_server: MockServer, file_id: str
) -> None:
    mock_server.inject(Fault.truncate(300_000), path=CONTENT_PATH)  # no ranges: read again
    calls: Calls = []
    assert transfer("files", file_id, on_progress=lambda *c: calls.append(c)) == CONTENT
    assert sum(r.path.endswith("/content") for r in mock_server.requests) == 2
    assert_steady(calls, len(CONTENT))
    assert any(done >= 300_000 for done, _ in calls[:-1])  # the first attempt was reported


@pytest.fixture
def range_server() -> Iterator[RangeServer]:
    with RangeServer() as server:
        yield server


@pytest.mark.usefixtures("unthrottled")
@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_a_resumed_download_continues(range_server: RangeServer, flavor: str) -> None:
    calls: Calls = []

    def report(done: int, total: int | None) -> None:
        calls.append((done, total))

    if flavor == "sync":
        with Client(api_key="k", base_url=range_server.url) as client:
            client._sleep = lambda seconds: None
            assert client.files.download("file_1", on_progress=report) == BODY
    else:

        async def run() -> bytes:
            async with AsyncClient(api_key="k", base_url=range_server.url) as client:
                client._sleep = asyncio.sleep
                return await client.files.download("file_1", on_progress=report)

        assert asyncio.run(run()) == BODY
    assert range_server.seen[1]["Range"] == "bytes=300000-"
    assert_steady(calls, len(BODY))
    assert any(done == 300_000 for done, _ in calls)  # where the first response stopped


class Boom(Exception):
    pass


def raising_at(limit: int) -> Any:
    def report(done: int, total: int | None) -> None:
        if done >= limit:
            raise Boom(done)

    return report


def test_a_raising_callback_aborts_the_download_and_leaves_no_file(
    transfer: Transfer, file_id: str
) -> None:
    with pytest.raises(Boom):
        transfer("files", file_id, on_progress=raising_at(1))
    assert transfer.leftovers() == []


def test_a_raising_callback_at_the_start_aborts_too(transfer: Transfer, file_id: str) -> None:
    with pytest.raises(Boom):
        transfer("files", file_id, on_progress=raising_at(0))
    assert transfer.leftovers() == []


@pytest.mark.parametrize("flavor", ["sync", "async"])
@pytest.mark.parametrize("bad", [42, "print"], ids=["int", "str"])
def test_a_callback_that_is_not_a_function_is_refused_before_any_request(
    mock_server: MockServer, file_id: str, flavor: str, bad: object
) -> None:
    async def coroutine(done: int, total: int | None) -> None:
        pass

    def attempt(callback: Any) -> None:
        if flavor == "sync":
            with Client(**client_kwargs(mock_server)) as client:
                client.files.download(file_id, on_progress=callback)
            return

        async def run() -> None:
            async with AsyncClient(**client_kwargs(mock_server)) as client:
                await client.files.upload(b"x", filename="x", on_progress=callback)

        asyncio.run(run())

    for callback in (bad, coroutine):
        with pytest.raises(InvalidTypeError, match="on_progress"):
            attempt(callback)
    assert mock_server.requests == []


# Uploads ---------------------------------------------------------------------------------


def upload(flavor: str, server: MockServer, file: Any, report: Any, **kwargs: Any) -> Any:
    if flavor == "sync":
        with Client(**client_kwargs(server)) as client:
            client._sleep = lambda seconds: None
            return client.files.upload(file, on_progress=report, **kwargs)

    async def run() -> Any:
        async with AsyncClient(**client_kwargs(server)) as client:
            client._sleep = asyncio.sleep
            return await client.files.upload(file, on_progress=report, **kwargs)

    return asyncio.run(run())


FLAVORS = pytest.mark.parametrize("flavor", ["sync", "async"])


@pytest.mark.usefixtures("unthrottled")
@FLAVORS
def test_an_upload_reports_the_file_bytes_as_httpx_reads_them(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    size = 5 * 1024 * 1024 + 7  # over the async client's 1 MiB hops
    path = tmp_path / "big.bin"
    path.write_bytes(b"u" * size)
    calls: Calls = []
    meta = upload(flavor, mock_server, path, lambda *c: calls.append(c))
    assert meta.size_bytes == size
    assert_steady(calls, size)
    assert len(calls) >= 4


@pytest.mark.usefixtures("unthrottled")
@FLAVORS
def test_an_upload_retried_starts_over_from_0(mock_server: MockServer, flavor: str) -> None:
    content = b"r" * (2 * 1024 * 1024)
    mock_server.inject(Fault.status(503), path="/v1/files", method="POST")
    calls: Calls = []
    upload(flavor, mock_server, content, lambda *c: calls.append(c), filename="r.bin")
    assert sum(r.method == "POST" for r in mock_server.requests) == 2
    dones = [done for done, _ in calls]
    restart = dones.index(0, 1)  # the second attempt, from the start again
    assert max(dones[:restart]) > 0
    assert dones[restart:] == sorted(dones[restart:])
    assert calls[-1] == (len(content), len(content))


@FLAVORS
def test_an_upload_of_unknown_size_has_no_total(mock_server: MockServer, flavor: str) -> None:
    class Pipe:
        def __init__(self) -> None:
            self.left = [b"piped"]

        def read(self, size: int = -1) -> bytes:
            return self.left.pop() if self.left else b""

    calls: Calls = []
    upload(flavor, mock_server, Pipe(), lambda *c: calls.append(c), filename="p.txt")
    assert calls[-1] == (5, None)


@FLAVORS
def test_a_raising_callback_aborts_the_upload(mock_server: MockServer, flavor: str) -> None:
    with pytest.raises(Boom):
        upload(flavor, mock_server, b"x" * 300_000, raising_at(0), filename="b.bin")
    assert not any(r.method == "POST" and r.status == 200 for r in mock_server.requests)


# The throttle ----------------------------------------------------------------------------


def test_the_throttle() -> None:
    now = [0.0]
    calls: Calls = []
    progress = Progress(lambda *c: calls.append(c), clock=lambda: now[0])
    progress.start(1000)
    for _ in range(10):  # all within 50 ms: none reported
        now[0] += 0.001
        progress.advance(10)
    assert calls == [(0, 1000)]
    now[0] += 0.05
    progress.advance(10)  # 50 ms on: reported
    assert calls == [(0, 1000), (110, 1000)]
    progress.done = 0  # an upload's retry: reported at once, throttle or not
    progress.report()
    assert calls[-1] == (0, 1000)
    progress.advance(1000)
    progress.finish()  # the final count, once
    progress.finish()
    assert calls[-1] == (1000, 1000)
    assert calls.count((1000, 1000)) == 1


def test_no_callback_costs_no_clock() -> None:
    def clock() -> float:
        raise AssertionError("the clock was read")

    progress = Progress(None, clock=clock)
    progress.start(10)
    progress.advance(10)
    progress.finish()
    assert progress.done == 10
