"""Resuming with `Range` after a cut, against a tiny server that supports it.

The mock server does not serve ranges, so this one does: it cuts the first response
halfway and answers a `Range` request (with a matching `If-Range`) with a 206.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from claude_files import AsyncClient, Client, IncompleteDownloadError
from tests._support import LocalServer

BODY = bytes(range(256)) * 4000
ETAG = '"v1"'


class RangeServer(LocalServer):
    def __init__(self) -> None:
        super().__init__(Handler)
        self.seen: list[dict[str, str]] = []
        self.cuts = 1
        self.etag = ETAG
        self.next_etag = ETAG  # what the file's validator becomes after a cut


class Handler(BaseHTTPRequestHandler):
    server: RangeServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.seen.append(dict(self.headers))
        start = 0
        ranged = self.headers.get("Range", "")
        if ranged.startswith("bytes=") and self.headers.get("If-Range") == self.server.etag:
            start = int(ranged[len("bytes=") :].rstrip("-"))
        self.send_response(206 if start else 200)
        self.send_header("ETag", self.server.etag)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(len(BODY) - start))
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(BODY) - 1}/{len(BODY)}")
        else:
            md5 = base64.b64encode(hashlib.md5(BODY).digest()).decode()
            self.send_header("Content-MD5", md5)
        self.end_headers()
        if self.server.cuts:
            self.server.cuts -= 1
            self.server.etag = self.server.next_etag
            self.wfile.write(BODY[start : start + 300_000])
            self.close_connection = True
            return
        self.wfile.write(BODY[start:])

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def range_server() -> Iterator[RangeServer]:
    with RangeServer() as server:
        yield server


def test_a_cut_download_resumes_where_it_stopped(range_server: RangeServer) -> None:
    with Client(api_key="k", base_url=range_server.url) as client:
        client._sleep = lambda seconds: None
        assert client.files.download("file_1") == BODY  # the MD5 of the whole still checks
    first, second = range_server.seen
    assert "Range" not in first
    assert second["Range"] == "bytes=300000-"
    assert second["If-Range"] == ETAG


def test_a_resumed_stream_yields_each_byte_once(range_server: RangeServer) -> None:
    range_server.cuts = 2
    with Client(api_key="k", base_url=range_server.url) as client:
        client._sleep = lambda seconds: None
        with client.files.download_stream("file_1") as stream:
            assert b"".join(stream) == BODY
    assert [h.get("Range") for h in range_server.seen] == [None, "bytes=300000-", "bytes=600000-"]


def test_async_resume_to_a_file(range_server: RangeServer, tmp_path: Path) -> None:
    async def main() -> Path:
        async def no_sleep(seconds: float) -> None:
            pass

        async with AsyncClient(api_key="k", base_url=range_server.url) as client:
            client._sleep = no_sleep
            return await client.files.download_to_file("file_1", tmp_path / "out.bin")

    assert asyncio.run(main()).read_bytes() == BODY
    assert len(range_server.seen) == 2


def test_a_file_that_changed_during_the_download_is_not_stitched(
    range_server: RangeServer, tmp_path: Path
) -> None:
    range_server.next_etag = '"v2"'
    with Client(api_key="k", base_url=range_server.url) as client:
        client._sleep = lambda seconds: None
        with pytest.raises(IncompleteDownloadError, match="changed"):
            client.files.download_to_file("file_1", tmp_path / "out.bin")
    assert list(tmp_path.iterdir()) == []
    assert range_server.seen[1]["If-Range"] == ETAG  # the server sent the whole new file
