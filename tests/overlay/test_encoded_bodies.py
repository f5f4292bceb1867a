"""A server that compresses despite `Accept-Encoding: identity`: the caller gets the file.

The client reads identity bodies raw (no decoder in the way) and lets httpx decode an
encoded one; its length checks then count the decoded bytes, not `Content-Length`.
"""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from claude_files import AsyncClient, Client
from tests._support import LocalServer

BODY = b"a line of a compressible file\n" * 10_000
GZIPPED = gzip.compress(BODY)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(GZIPPED)))
        self.send_header("Content-Disposition", 'attachment; filename="lines.txt"')
        self.end_headers()
        self.wfile.write(GZIPPED)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def gzip_url() -> Iterator[str]:
    with LocalServer(Handler) as server:
        yield server.url


def test_a_gzipped_body_arrives_decoded(gzip_url: str, tmp_path: Path) -> None:
    with Client(api_key="k", base_url=gzip_url) as client:
        assert client.files.download("file_1") == BODY
        assert client.files.download_to_file("file_1", tmp_path).read_bytes() == BODY
        with client.files.download_stream("file_1") as stream:
            assert b"".join(stream) == BODY


def test_a_gzipped_body_arrives_decoded_async(gzip_url: str) -> None:
    async def main() -> bytes:
        async with AsyncClient(api_key="k", base_url=gzip_url) as client:
            return await client.files.download("file_1")

    assert asyncio.run(main()) == BODY
