"""`Transport` / `AsyncTransport`: the fast read path, through a real server on 127.0.0.1.

A stdlib server in a thread (`tests._support.LocalServer`) writes exactly the bytes each
test needs, plain or over TLS (a throwaway self-signed certificate made with `openssl`):
bodies with `Content-Length`, chunked or ended by the close, cut short, stalled. Every
test runs the sync transport in `httpx.Client` and the async one in `httpx.AsyncClient`.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import itertools
import random
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from claude_files._transport import READ_SIZE, AsyncTransport, Transport
from tests._support import FLAVORS, LocalServer, open_sockets

BLOB = random.Random(16).randbytes(2 * READ_SIZE + 70_000)
RECORD = 16 * 1024
SIZES = [0, 1, RECORD - 1, RECORD, RECORD + 1, 65_536]
SIZES += [READ_SIZE - 1, READ_SIZE, READ_SIZE + 1, 2 * READ_SIZE + 1]


class Server(LocalServer):
    def __init__(self, tls: ssl.SSLContext | None) -> None:
        super().__init__(Handler)
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self.connections: list[tuple[str, int]] = []  # one peer address per request
        self.targets: list[str] = []
        self.release = threading.Event()  # lets a stalled response go on
        self.stalled = threading.Event()  # set once a stalled response has sent its part
        self.finished = threading.Event()  # set when a stalled handler has returned
        self.accepted = threading.Semaphore(0)  # released once each accept is over

    def get_request(self) -> tuple[Any, Any]:
        """Accept a connection (over TLS, with its handshake: a failed one closes it)."""
        try:
            return super().get_request()
        finally:
            self.accepted.release()

    @property
    def url(self) -> str:
        host = "localhost" if self.scheme == "https" else "127.0.0.1"
        return f"{self.scheme}://{host}:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        """`/slow-read`: the body read a KiB at a time, its SHA-256 the reply;
        `/never-read`: nothing read until the test releases the server."""
        if self.path == "/never-read":
            self.server.release.wait(30)
            self.close_connection = True
            return
        digest, left = hashlib.sha256(), int(self.headers["Content-Length"])
        while left:
            piece = self.rfile.read(min(left, 1024))
            digest.update(piece)
            left -= len(piece)
        self._length(digest.hexdigest().encode())

    def do_GET(self) -> None:
        self.server.connections.append(self.client_address)
        self.server.targets.append(self.path)
        kind, _, size = urlsplit(self.path).path.strip("/").partition("/")
        body = BLOB[: int(size or 0)]
        getattr(self, f"_{kind}")(body)

    def _head(self, **headers: str) -> None:
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()

    def _length(self, body: bytes) -> None:
        self._head(Content_Length=str(len(body)))
        self.wfile.write(body)

    def _chunked(self, body: bytes) -> None:
        self._head(Transfer_Encoding="chunked")
        sizes = itertools.cycle((1, 700, RECORD + 3, READ_SIZE + 5))
        at = 0
        while at < len(body):
            piece = body[at : at + next(sizes)]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            at += len(piece)
        self.wfile.write(b"0\r\n\r\n")

    def _close(self, body: bytes) -> None:
        self.close_connection = True
        self._head(Connection="close")
        self.wfile.write(body)

    def _cut(self, body: bytes) -> None:
        self.close_connection = True
        self._head(Content_Length=str(len(body)))
        self.wfile.write(body[: len(body) // 2])

    def _stall(self, body: bytes) -> None:
        try:
            self.close_connection = True
            self._head(Content_Length=str(len(body)))
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.server.stalled.set()
            self.server.release.wait(30)
            self.wfile.write(body[len(body) // 2 :])
        except OSError:
            pass  # the client went away, as the cancellation test wants
        finally:
            # Closed now, not after `finished` is seen (the socket's files hold it open).
            for done in (self.wfile.close, self.rfile.close, self.connection.close):
                with contextlib.suppress(OSError):
                    done()
            self.server.finished.set()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("needs openssl to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def serve(tls: bool, certificate: tuple[Path, Path]) -> Iterator[Server]:
    context = None
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*certificate)
    with Server(context) as running:
        yield running
        running.release.set()


@pytest.fixture(params=["plain", "tls"])
def server(request: pytest.FixtureRequest, certificate: tuple[Path, Path]) -> Iterator[Server]:
    yield from serve(request.param == "tls", certificate)


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[Server]:
    yield from serve(True, certificate)


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def verify(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


def fetch(
    flavor: str, url: str, *paths: str, timeout: float | httpx.Timeout = 10, **transport: Any
) -> list[list[bytes]]:
    """GET each path in turn on one client; each body's chunks as `iter_raw` gave them."""
    if flavor == "sync":
        with httpx.Client(transport=Transport(**transport), timeout=timeout) as client:
            bodies = []
            for path in paths:
                with client.stream("GET", url + path) as response:
                    response.raise_for_status()
                    bodies.append(list(response.iter_raw()))
            return bodies

    async def main() -> list[list[bytes]]:
        async with httpx.AsyncClient(
            transport=AsyncTransport(**transport), timeout=timeout
        ) as client:
            bodies = []
            for path in paths:
                async with client.stream("GET", url + path) as response:
                    response.raise_for_status()
                    bodies.append([chunk async for chunk in response.aiter_raw()])
            return bodies

    return asyncio.run(main())


def post(
    flavor: str, url: str, body: bytes, timeout: httpx.Timeout, verify: ssl.SSLContext
) -> bytes:
    """POST `body` in one piece (one write of all of it); the response's body."""
    if flavor == "sync":
        with httpx.Client(transport=Transport(verify=verify), timeout=timeout) as client:
            return client.post(url, content=body).raise_for_status().content

    async def main() -> bytes:
        transport = AsyncTransport(verify=verify)
        async with httpx.AsyncClient(transport=transport, timeout=timeout) as client:
            return (await client.post(url, content=body)).raise_for_status().content

    return asyncio.run(main())


#: More than loopback's socket buffers hold, so the sender waits for the reader to drain.
LARGE = 64 * 1024 * 1024


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_body_the_socket_cannot_take_at_once_arrives_whole(
    server: Server, certificate: tuple[Path, Path], flavor: str
) -> None:
    body = random.Random(7).randbytes(LARGE // 8)
    reply = post(flavor, server.url + "/slow-read", body, httpx.Timeout(30), verify(certificate))
    assert reply == hashlib.sha256(body).hexdigest().encode()


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_server_that_stops_reading_is_a_write_timeout(
    server: Server, certificate: tuple[Path, Path], flavor: str
) -> None:
    timeout = httpx.Timeout(30, write=0.2)
    try:
        with pytest.raises(httpx.WriteTimeout):
            post(flavor, server.url + "/never-read", bytes(LARGE), timeout, verify(certificate))
    finally:
        server.release.set()


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("kind", ["length", "chunked", "close"])
def test_every_body_arrives_whole_around_the_buffer_boundaries(
    server: Server, certificate: tuple[Path, Path], flavor: str, kind: str
) -> None:
    paths = [f"/{kind}/{size}" for size in SIZES]
    bodies = fetch(flavor, server.url, *paths, verify=verify(certificate))
    assert [b"".join(chunks) for chunks in bodies] == [BLOB[:size] for size in SIZES]
    assert max(len(chunk) for chunks in bodies for chunk in chunks) <= READ_SIZE


@pytest.mark.parametrize("flavor", FLAVORS)
def test_chunks_may_be_larger_than_64_kib(
    server: Server, certificate: tuple[Path, Path], flavor: str
) -> None:
    [chunks] = fetch(flavor, server.url, f"/length/{len(BLOB)}", verify=verify(certificate))
    assert max(len(chunk) for chunk in chunks) > 65_536


@pytest.mark.parametrize("flavor", FLAVORS)
def test_keep_alive_sends_two_requests_on_one_connection(
    server: Server, certificate: tuple[Path, Path], flavor: str
) -> None:
    fetch(flavor, server.url, f"/length/{READ_SIZE + 1}", "/length/10", verify=verify(certificate))
    assert len(server.connections) == 2
    assert server.connections[0] == server.connections[1]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_body_cut_short_raises_remote_protocol_error(
    server: Server, certificate: tuple[Path, Path], flavor: str
) -> None:
    with pytest.raises(httpx.RemoteProtocolError, match="without sending complete message body"):
        fetch(flavor, server.url, f"/cut/{READ_SIZE + 3}", verify=verify(certificate))


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_stalled_body_raises_read_timeout(
    server: Server, certificate: tuple[Path, Path], flavor: str
) -> None:
    timeout = httpx.Timeout(10, read=0.2)  # a read timeout has to wait for its clock
    with pytest.raises(httpx.ReadTimeout):
        fetch(flavor, server.url, "/stall/100000", timeout=timeout, verify=verify(certificate))
    assert server.stalled.is_set()


@pytest.mark.parametrize("flavor", FLAVORS)
def test_an_unknown_certificate_is_a_connect_error(tls_server: Server, flavor: str) -> None:
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        fetch(flavor, tls_server.url, "/length/10")
    assert tls_server.connections == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_ssl_cert_file_is_trusted_as_httpx_trusts_it(
    tls_server: Server,
    certificate: tuple[Path, Path],
    flavor: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    assert fetch(flavor, tls_server.url, "/length/5") == [[BLOB[:5]]]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_plain_http_never_loads_certificates(
    certificate: tuple[Path, Path], flavor: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[dict[str, Any]] = []
    create = httpx.create_ssl_context

    def counted(**options: Any) -> ssl.SSLContext:
        made.append(options)
        return create(**options)

    monkeypatch.setattr(httpx, "create_ssl_context", counted)
    for server in serve(False, certificate):
        assert fetch(flavor, server.url, "/length/5") == [[BLOB[:5]]]
    assert made == []
    for server in serve(True, certificate):  # the same spy sees a TLS connection's
        assert fetch(flavor, server.url, "/length/5", verify=verify(certificate)) == [[BLOB[:5]]]
    assert len(made) == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_certificates_that_cannot_load_are_a_connect_error_on_the_first_tls_connection(
    tls_server: Server, flavor: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    gc.collect()  # earlier tests' garbage closes its sockets now, not while this one counts
    before = open_sockets()
    for _ in range(2):  # not made once and kept broken: each connection tries again
        with pytest.raises(httpx.ConnectError, match="cannot load the CA certificates"):
            fetch(flavor, tls_server.url, "/length/5")
    assert tls_server.connections == []
    for _ in range(2):  # the server has given up on both connections: its sockets are shut
        assert tls_server.accepted.acquire(timeout=30)
    assert open_sockets() == before  # the connection it had opened is closed, not left to GC


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_connection_refused_is_a_connect_error(flavor: str) -> None:
    with LocalServer(Handler) as closed:
        url = closed.url
    with pytest.raises(httpx.ConnectError):
        fetch(flavor, url, "/length/1")


async def test_cancelling_mid_body_closes_the_socket(
    server: Server, certificate: tuple[Path, Path]
) -> None:
    before = open_sockets()
    first_chunk = asyncio.Event()

    async def download(client: httpx.AsyncClient) -> None:
        async with client.stream("GET", f"{server.url}/stall/{READ_SIZE * 2}") as response:
            async for _ in response.aiter_raw():
                first_chunk.set()

    async with httpx.AsyncClient(transport=AsyncTransport(verify=verify(certificate))) as client:
        task = asyncio.create_task(download(client))
        await first_chunk.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        server.release.set()  # the server writes the rest into a closed connection, and ends
        assert await asyncio.to_thread(server.finished.wait, 10)
        await asyncio.sleep(0)
        assert open_sockets() == before


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_proxy_in_the_environment_goes_through_httpx_s_own_transport(
    flavor: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Server(None) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        transport = Transport() if flavor == "sync" else AsyncTransport()
        assert type(transport).__name__ in ("_EnvironmentProxies", "_AsyncEnvironmentProxies")
        assert fetch(flavor, "http://files.example", "/length/7") == [[BLOB[:7]]]
        assert proxy.targets == ["http://files.example/length/7"]

        monkeypatch.setenv("NO_PROXY", "files.example")
        with pytest.raises(httpx.ConnectError):  # straight to the name, which does not resolve
            fetch(flavor, "http://files.example", "/length/7")
        assert len(proxy.targets) == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_trust_env_false_ignores_the_environment_s_proxy(
    flavor: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Server(None) as server, Server(None) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        assert fetch(flavor, server.url, "/length/3", trust_env=False) == [[BLOB[:3]]]
        assert (len(server.targets), proxy.targets) == (1, [])
