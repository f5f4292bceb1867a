"""What a user of the anthropic SDK reaches for (issue 14.4): per-call `timeout`,
`extra_headers` and `extra_query`; `with_options`; `files.retrieve_metadata`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import claude_files as cf
from claude_files._async._resources import AsyncFiles
from claude_files._sync._resources import Files
from claude_files.testing import Fault, MockServer
from tests._support import FakeSleep, async_client, sync_client

EXTRA: dict[str, Any] = {
    "extra_headers": {"x-trace": "t-1", "User-Agent": "mine/1.0"},
    "extra_query": {"trace": "q-1"},
}


def sync_calls(client: cf.Client, file_id: str, tmp_path: Path) -> Iterator[Any]:
    """Each Files and Compliance method once, with EXTRA; yields after each call."""
    yield client.files.get(file_id, **EXTRA)
    yield client.files.retrieve_metadata(file_id, **EXTRA)
    yield list(client.files.list(limit=1, **EXTRA))  # two pages or more
    yield client.files.download(file_id, **EXTRA)
    yield client.files.download_to_file(file_id, tmp_path / "a.bin", overwrite=True, **EXTRA)
    with client.files.download_stream(file_id, **EXTRA) as stream:
        yield b"".join(stream)
    yield client.files.upload(b"up", filename="up.txt", **EXTRA)
    yield list(client.compliance.code_artifacts.list(**EXTRA))


async def async_calls(client: cf.AsyncClient, file_id: str, tmp_path: Path) -> list[Any]:
    results = [
        await client.files.get(file_id, **EXTRA),
        await client.files.retrieve_metadata(file_id, **EXTRA),
        [f async for f in client.files.list(limit=1, **EXTRA)],
        await client.files.download(file_id, **EXTRA),
        await client.files.download_to_file(file_id, tmp_path / "a.bin", overwrite=True, **EXTRA),
    ]
    async with client.files.download_stream(file_id, **EXTRA) as stream:
        results.append(b"".join([c async for c in stream]))
    results.append(await client.files.upload(b"up", filename="up.txt", **EXTRA))
    results.append([a async for a in client.compliance.code_artifacts.list(**EXTRA)])
    return results


def check_every_request_had_the_extras(server: MockServer) -> None:
    requests = server.requests
    assert len(requests) >= 9
    for request in requests:
        assert request.headers["x-trace"] == "t-1"
        assert request.headers["user-agent"] == "mine/1.0"  # merged last: replaces ours
        assert request.query["trace"] == ["q-1"]
        assert "x-api-key" in request.headers  # the rest is still there
        if request.path.startswith("/v1/files"):  # (the Compliance API's requests carry none)
            assert "anthropic-version" in request.headers


def test_extra_headers_and_query_reach_every_request(
    mock_server: MockServer, tmp_path: Path
) -> None:
    mock_server.add_file(b"other")
    file_id = mock_server.add_file(b"data")["id"]
    mock_server.clear_requests()
    with sync_client(mock_server) as client:
        results = list(sync_calls(client, file_id, tmp_path))
    assert results[0] == results[1]
    assert results[3] == b"data"
    check_every_request_had_the_extras(mock_server)


async def test_extra_headers_and_query_reach_every_async_request(
    mock_server: MockServer, tmp_path: Path
) -> None:
    mock_server.add_file(b"other")
    file_id = mock_server.add_file(b"data")["id"]
    mock_server.clear_requests()
    async with async_client(mock_server) as client:
        results = await async_calls(client, file_id, tmp_path)
    assert results[0] == results[1]
    assert results[3] == b"data"
    check_every_request_had_the_extras(mock_server)


def test_retrieve_metadata_is_get_on_both_clients() -> None:
    assert Files.retrieve_metadata is Files.get
    assert AsyncFiles.retrieve_metadata is AsyncFiles.get


class Timeouts:
    """An httpx transport that records the timeout each request was sent with."""

    def __init__(self) -> None:
        self.seen: list[dict[str, float | None]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request.extensions["timeout"])
        meta = {
            "type": "file",
            "id": "file_x",
            "filename": "a",
            "mime_type": "text/plain",
            "size_bytes": 1,
            "created_at": "2026-01-01T00:00:00Z",
        }
        return httpx.Response(200, json=meta, headers={"request-id": "req_t"})


def every(value: float | None) -> dict[str, float | None]:
    return dict.fromkeys(("connect", "read", "write", "pool"), value)


@pytest.mark.parametrize(
    ("timeout", "expected"),
    [
        (1.5, every(1.5)),
        (httpx.Timeout(3.0, connect=1.0), {**every(3.0), "connect": 1.0}),
        (None, every(None)),  # no timeout at all, as in httpx and the SDK
    ],
)
def test_a_per_call_timeout_is_sent_with_the_request(
    timeout: float | httpx.Timeout | None, expected: dict[str, float | None]
) -> None:
    recorder = Timeouts()
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = cf.Client(api_key="k", base_url="http://api.test", http_client=http, timeout=9.0)
    client.files.get("file_x", timeout=timeout)
    client.files.get("file_x")
    assert recorder.seen == [expected, every(9.0)]


async def test_a_per_call_timeout_on_the_async_client() -> None:
    recorder = Timeouts()
    http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    async with cf.AsyncClient(api_key="k", base_url="http://api.test", http_client=http) as c:
        await c.files.get("file_x", timeout=2.0)
        await c.with_options(timeout=4.0).files.get("file_x")
        await c.files.get("file_x")  # the http client's own: httpx's default, 5 s
    await http.aclose()
    assert recorder.seen == [every(2.0), every(4.0), every(5.0)]


def test_the_default_timeout_is_600_s_with_5_s_to_connect() -> None:
    with cf.Client(api_key="k") as client:
        assert client._http.timeout == httpx.Timeout(600.0, connect=5.0)


def test_with_options_changes_a_copy_that_shares_the_pool(mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"data")["id"]
    sleep = FakeSleep()
    client = sync_client(mock_server, sleep, max_retries=2)
    fewer = client.with_options(max_retries=0, workspace_id="wrkspc_1", timeout=30.0)
    assert fewer._http is client._http
    assert (fewer.max_retries, client.max_retries) == (0, 2)
    assert (fewer.timeout, client.timeout) == (30.0, cf.Client(api_key="k").timeout)
    assert client.workspace_id is None
    mock_server.inject(Fault.status(503), path="/v1/files/*", count=1)
    with pytest.raises(cf.ServiceUnavailableError):
        fewer.files.get(file_id)
    assert mock_server.requests[-1].headers["anthropic-workspace-id"] == "wrkspc_1"
    fewer.close()  # the copy does not own the pool: the original still works
    mock_server.inject(Fault.status(503), path="/v1/files/*", count=1)
    assert client.files.get(file_id).id == file_id  # retried once
    assert len(sleep.waits) == 1
    assert "anthropic-workspace-id" not in mock_server.requests[-1].headers
    client.close()
    with pytest.raises(RuntimeError):  # closing the original closes the shared pool
        fewer._http.get(mock_server.base_url)


async def test_async_with_options_shares_the_pool(mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"data")["id"]
    async with async_client(mock_server) as client:
        copy = client.with_options(max_download_bytes=2)
        assert copy._http is client._http
        await copy.close()
        with pytest.raises(cf.FileTooLargeError):
            await copy.files.download(file_id)
        assert await client.files.download(file_id) == b"data"


def test_with_options_keeps_what_it_is_not_given(mock_server: MockServer) -> None:
    client = sync_client(mock_server, max_download_bytes=None, workspace_id="w", max_retries=5)
    copy = client.copy(api_version=client.api_version)
    assert copy.max_download_bytes is None
    assert copy.workspace_id == "w"
    assert copy.max_retries == 5
    assert copy._sleep is client._sleep
    assert copy.with_options(workspace_id=None).workspace_id is None
    assert repr(copy) == repr(client)
