"""A redirect never carries the API key to another origin.

Two tiny servers on 127.0.0.1 (two ports: two origins): the API answers with a 3xx
pointing at the other one, which records whatever reaches it. The client does not
follow redirects at all (the API never sends one for these endpoints; a 3xx is
surfaced as an `APIStatusError` with its status), whether it made its own httpx client
or was handed one configured with `follow_redirects=True`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
import pytest

from claude_files import APIStatusError, AsyncClient, Client
from tests._support import LocalServer

KEY = "sk-ant-api03-redirect-test-key-0123456789"


class Recorder:
    """A server that records each request's path and headers and answers `respond`."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.respond: Callable[[str], tuple[int, dict[str, str], bytes]] = lambda path: (
            200,
            {"content-type": "application/octet-stream"},
            b"elsewhere",
        )
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def _answer(self) -> None:
                owner.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                status, headers, body = owner.respond(self.path)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_DELETE = do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = LocalServer(Handler).start()

    @property
    def origin(self) -> str:
        return self.httpd.url


@pytest.fixture
def servers() -> Iterator[tuple[Recorder, Recorder]]:
    api, other = Recorder(), Recorder()
    yield api, other
    for server in (api, other):
        server.httpd.stop()


STATUSES = [301, 302, 303, 307, 308]


def redirect_to(location: str, status: int) -> Callable[[str], tuple[int, dict[str, str], bytes]]:
    return lambda path: (status, {"location": location}, b"")


def exercise(client: Client, tmp_path: Path) -> list[BaseException]:
    errors: list[BaseException] = []
    calls: list[Callable[[], object]] = [
        lambda: client.files.get("file_a"),
        lambda: client.files.download("file_a"),
        lambda: client.files.download_to_file("file_a", tmp_path / "out.bin"),
        lambda: client.files.delete("file_a"),
        lambda: client.files.upload(b"data", filename="a.txt"),
    ]
    for call in calls:
        try:
            call()
        except APIStatusError as exc:
            errors.append(exc)
    return errors


def assert_nothing_reached(other: Recorder) -> None:
    for _path, headers in other.seen:
        assert "x-api-key" not in headers
        assert "authorization" not in headers
        assert KEY not in str(headers)
    assert other.seen == []


@pytest.mark.parametrize("auth", ["x-api-key", "bearer"])
@pytest.mark.parametrize("status", STATUSES)
def test_a_redirect_to_another_origin_is_not_followed(
    servers: tuple[Recorder, Recorder], tmp_path: Path, status: int, auth: Any
) -> None:
    api, other = servers
    api.respond = redirect_to(other.origin + "/steal", status)
    with Client(api_key=KEY, base_url=api.origin, auth=auth, max_retries=0) as client:
        errors = exercise(client, tmp_path)
    assert [e.status_code for e in errors] == [status] * 5  # type: ignore[attr-defined]
    assert_nothing_reached(other)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("auth", ["x-api-key", "bearer"])
@pytest.mark.parametrize("status", STATUSES)
def test_even_a_shared_http_client_that_follows_redirects_does_not(
    servers: tuple[Recorder, Recorder], tmp_path: Path, status: int, auth: Any
) -> None:
    """httpx itself strips only `Authorization` on a cross-origin redirect, not `x-api-key`."""
    api, other = servers
    api.respond = redirect_to(other.origin + "/steal", status)
    with (
        httpx.Client(follow_redirects=True) as http,
        Client(api_key=KEY, base_url=api.origin, auth=auth, max_retries=0, http_client=http) as c,
    ):
        errors = exercise(c, tmp_path)
    assert len(errors) == 5
    assert_nothing_reached(other)


@pytest.mark.parametrize("status", STATUSES)
def test_the_async_client_too(
    servers: tuple[Recorder, Recorder], tmp_path: Path, status: int
) -> None:
    api, other = servers
    api.respond = redirect_to(other.origin + "/steal", status)

    async def main() -> None:
        async with (
            httpx.AsyncClient(follow_redirects=True) as http,
            AsyncClient(api_key=KEY, base_url=api.origin, http_client=http) as client,
        ):
            with pytest.raises(APIStatusError):
                await client.files.download("file_a")
            with pytest.raises(APIStatusError):
                await client.files.get("file_a")
        async with AsyncClient(api_key=KEY, base_url=api.origin) as client:
            with pytest.raises(APIStatusError):
                await client.files.download_to_file("file_a", tmp_path)

    asyncio.run(main())
    assert_nothing_reached(other)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("status", STATUSES)
def test_a_same_origin_redirect_is_not_followed_either(
    servers: tuple[Recorder, Recorder], tmp_path: Path, status: int
) -> None:
    """Documented: the endpoints never redirect, so a 3xx is an error, not a detour."""
    api, _ = servers
    api.respond = lambda path: (
        (status, {"location": "/v1/files/file_b/content"}, b"")
        if "file_a" in path
        else (200, {}, b"other file")
    )
    with Client(api_key=KEY, base_url=api.origin, max_retries=0) as client:
        with pytest.raises(APIStatusError) as caught:
            client.files.download("file_a")
        assert caught.value.status_code == status
    assert [path for path, _ in api.seen] == ["/v1/files/file_a/content"]


def test_the_clis_http_client_does_not_follow_redirects() -> None:
    from claude_files.cli._http import http_client

    client = http_client(verbose=True)
    try:
        assert client.follow_redirects is False
    finally:
        asyncio.run(client.aclose())
