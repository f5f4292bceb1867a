"""A download cut mid-body, retried from byte 0 while the file changed: never stitched.

The server here gives no validator (no `ETag`, no `Last-Modified`) and no
`Content-Range` support, as the chunked chat files and code artifacts do: a retry reads
the body from the start and skips what was delivered. It cuts the first response after
`CUT` bytes and serves the next version of the file on the retry. A changed file fails
with `IncompleteDownloadError` in every mode (no file written, no temporary file left,
nothing of the new version handed to a stream); the same file on the retry completes.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from claude_files import (
    AsyncClient,
    ChecksumMismatchError,
    ClaudeFilesError,
    Client,
    IncompleteDownloadError,
)
from tests._support import (
    FLAVORS,
    MODES,
    FakeSleep,
    LocalServer,
    assert_untouched,
    download_async,
    download_sync,
    prepare_dest,
)

OLD = bytes(range(256)) * 4000
CUT = 300_000  # what the first response delivers before the connection drops
WRITE = 64 * 1024


def _changed(data: bytes, *offsets: int) -> bytes:
    out = bytearray(data)
    for offset in offsets:
        out[offset] ^= 0xFF
    return bytes(out)


# Each changes a byte inside the delivered prefix (and, but for the shorter one, after it).
VERSIONS = {
    "same-length": _changed(OLD, 1000, 700_000),
    "longer": _changed(OLD, 1000) + b"appended",
    "shorter": _changed(OLD[:100_000], 1000),
}


class ChangingServer(LocalServer):
    """Serves `versions[n]` to the n-th request (the last one from then on); cuts the first."""

    def __init__(self, versions: list[bytes], *, chunked: bool, md5: bool = False) -> None:
        super().__init__(ChangingHandler)
        self.versions = versions
        self.chunked = chunked
        self.md5 = md5
        self.requests = 0


class ChangingHandler(BaseHTTPRequestHandler):
    server: ChangingServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        server = self.server
        body = server.versions[min(server.requests, len(server.versions) - 1)]
        cut = server.requests == 0
        server.requests += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if server.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(body)))
        if server.md5:
            self.send_header("Content-MD5", base64.b64encode(hashlib.md5(body).digest()).decode())
        self.end_headers()
        for start in range(0, CUT if cut else len(body), WRITE):
            piece = body[start : min(start + WRITE, CUT if cut else len(body))]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if server.chunked else piece)
        if cut:
            self.close_connection = True
        elif server.chunked:
            self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(params=[True, False], ids=["chunked", "length"])
def chunked(request: pytest.FixtureRequest) -> bool:
    result: bool = request.param
    return result


def attempt(url: str, flavor: str, mode: str, dest: Path) -> tuple[bytes, Exception | None]:
    """A download of `dest` (which exists) with overwrite, in `flavor` and `mode`: the bytes
    it got (a stream's even when it failed) and its error. It must have retried once."""
    sleep = FakeSleep()
    got = bytearray()
    error: Exception | None = None
    try:
        if flavor == "sync":
            with Client(api_key="k", base_url=url) as client:
                client._sleep = sleep
                if mode == "stream":
                    with client.files.download_stream("file_1") as stream:
                        for chunk in stream:
                            got += chunk
                else:
                    got += download_sync(client, mode, "file_1", dest)
        else:
            asyncio.run(_attempt_async(url, mode, dest, sleep, got))
    except ClaudeFilesError as exc:
        error = exc
    assert len(sleep.waits) == 1  # one retry, without really waiting
    assert_untouched(dest.parent, dest)  # as it was, nothing left beside it
    return bytes(got), error


async def _attempt_async(url: str, mode: str, dest: Path, sleep: FakeSleep, got: bytearray) -> None:
    async with AsyncClient(api_key="k", base_url=url) as client:
        client._sleep = sleep.asleep
        if mode == "stream":
            async with client.files.download_stream("file_1") as stream:
                async for chunk in stream:
                    got += chunk
        else:
            got += await download_async(client, mode, "file_1", dest)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("version", VERSIONS)
def test_a_file_changed_between_attempts_is_not_stitched(
    flavor: str, mode: str, version: str, chunked: bool, tmp_path: Path
) -> None:
    with ChangingServer([OLD, VERSIONS[version]], chunked=chunked) as server:
        got, error = attempt(server.url, flavor, mode, prepare_dest(tmp_path))
        assert server.requests == 2
    assert isinstance(error, IncompleteDownloadError)
    assert "changed while it was being downloaded" in str(error)
    assert error.received == CUT
    assert error.expected == (None if chunked else len(OLD))
    assert got == (OLD[:CUT] if mode == "stream" else b"")  # not one byte of the new version


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_the_same_file_on_the_retry_completes(
    flavor: str, mode: str, chunked: bool, tmp_path: Path
) -> None:
    with ChangingServer([OLD, OLD], chunked=chunked) as server:
        got, error = attempt(server.url, flavor, mode, prepare_dest(tmp_path))
        assert server.requests == 2
    assert error is None
    assert got == OLD


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_with_content_md5_the_final_check_catches_a_stitched_file(
    flavor: str, mode: str, chunked: bool, tmp_path: Path
) -> None:
    versions = [OLD, VERSIONS["same-length"]]
    with ChangingServer(versions, chunked=chunked, md5=True) as server:
        got, error = attempt(server.url, flavor, mode, prepare_dest(tmp_path))
    assert isinstance(error, ChecksumMismatchError)
    assert error.expected == base64.b64encode(hashlib.md5(OLD).digest()).decode()
    stitched = OLD[:CUT] + VERSIONS["same-length"][CUT:]
    assert got == (stitched if mode == "stream" else b"")  # a stream learns it at the end
    assert error.actual == base64.b64encode(hashlib.md5(stitched).digest()).decode()
