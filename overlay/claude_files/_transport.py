# ruff: noqa: ASYNC109 -- `timeout` arguments are httpcore's stream interface.
"""The fast read path: httpx transports whose connections read the body in big pieces.

`Transport()` and `AsyncTransport()` are what the client hands httpx:

    httpx.AsyncClient(timeout=timeout, transport=AsyncTransport())
    httpx.Client(timeout=timeout, transport=Transport())

They are httpcore connection pools, as httpx's own `HTTPTransport` is, with a network backend
of our own underneath. httpx is not what limits a download over loopback: how the body is
read is. httpcore's backends ask the socket for 64 KiB at a time into a fresh `bytes`
(and over TLS get at most one 16 KiB record per call, through anyio's Python TLS layer on
asyncio); the per-read Python work then sets the speed. Our streams instead:

- read `READ_SIZE` at a time and hand httpcore up to that much per call (more than the
  64 KiB it asks for: h11 takes any amount): plain text straight into the `bytes` handed
  up (`recv`: one copy, where reading into a buffer and copying out made two), TLS
  through one plaintext buffer per connection, reused. So the chunks
  `response.iter_raw()` / `aiter_raw()` yield may be larger than 64 KiB, up to
  `READ_SIZE`;
- over TLS, run OpenSSL on memory buffers (`ssl.MemoryBIO`): one socket read takes in
  many records, and every record OpenSSL already holds is decrypted into the buffer before
  the socket is read again;
- on asyncio, wait with `loop.sock_recv` on the socket itself (no transport, no
  protocol, no anyio layer), yielding to the event loop after every read; a write the
  socket takes at once is sent without a timer (only a partial one waits, timed). Other event
  loops (trio) get httpcore's anyio backend.

What httpx's default transport does and users rely on is kept: the same SSL defaults
(`httpx.create_ssl_context`, so `verify`, `SSL_CERT_FILE` / `SSL_CERT_DIR`; made when
the first TLS connection needs it, so a plain-HTTP client never loads certificates), limits,
timeouts raising `httpx.ConnectTimeout` / `ReadTimeout` / `WriteTimeout`, httpcore's
errors mapped to httpx's (`RemoteProtocolError` for a body cut short), keep-alive reuse,
closing. Only HTTP/1.1 is spoken. A client given a transport no longer looks up proxies in
the environment (httpx skips them then); so when `trust_env` holds and the environment
names a proxy (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, as `urllib.request.getproxies()`
reads them), these factories return httpx's own `HTTPTransport` / `AsyncHTTPTransport`
behind httpx's own proxy routing (`_EnvironmentProxies`), so proxies and `NO_PROXY` behave
exactly as in a plain `httpx.Client()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import select
import socket
import ssl
import threading
import urllib.request
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    MutableMapping,
)
from types import TracebackType
from typing import Any, Self, TypeVar

import httpcore
import httpx

__all__ = ["READ_SIZE", "AsyncTransport", "Transport"]

R = TypeVar("R")

READ_SIZE = 512 * 1024
"""The most a connection reads from its socket at once, and the largest body chunk.

Measured (`bench/transport_speed.py`): 256 KiB cost as much CPU per byte as httpcore's own
64 KiB reads, 512 KiB and 1 MiB about 0.55 of it; the smaller of the two wins on memory."""

_TLS_RECORD = 16 * 1024  # the most plaintext one TLS record carries (RFC 8446, 5.1)

# httpcore's exceptions and httpx's twins, most specific last (httpx maps them the same way).
_EXCEPTIONS: tuple[tuple[type[Exception], type[httpx.HTTPError]], ...] = (
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
)


@contextlib.contextmanager
def _httpx_errors() -> Iterator[None]:
    """httpcore's exceptions raised as httpx's, as `httpx.HTTPTransport` raises them."""
    try:
        yield
    except Exception as exc:
        mapped: type[httpx.HTTPError] | None = None
        for source, target in _EXCEPTIONS:
            if isinstance(exc, source) and (mapped is None or issubclass(target, mapped)):
                mapped = target
        if mapped is None:
            raise
        raise mapped(str(exc)) from exc


@contextlib.contextmanager
def _errors(timeout: type[Exception], other: type[Exception]) -> Iterator[None]:
    """Socket and TLS failures as httpcore's exceptions (`timeout` for a timeout)."""
    try:
        yield
    except TimeoutError as exc:  # socket.timeout is an alias of it
        raise timeout(str(exc) or "timed out") from exc
    except OSError as exc:  # ssl.SSLError included
        raise other(str(exc)) from exc


def _readable(sock: socket.socket) -> bool:
    """Whether a read would return at once (data, or the end): httpcore's idle check."""
    fd = sock.fileno()
    if fd < 0:
        return True
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


def _configure(sock: socket.socket, options: Iterable[httpcore.SOCKET_OPTION] | None) -> None:
    for option in options or ():
        sock.setsockopt(*option)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _TLS:
    """One TLS connection's OpenSSL state on memory buffers; no I/O of its own.

    The driver feeds it what the socket gave (`feed`), sends what it has to send
    (`outgoing`), and takes plaintext out with `decrypt_into`, which drains every record
    already received before it asks for more.
    """

    def __init__(self, context: ssl.SSLContext, server_hostname: str | None) -> None:
        self._incoming = ssl.MemoryBIO()
        self._outgoing = ssl.MemoryBIO()
        self.object = context.wrap_bio(
            self._incoming, self._outgoing, server_side=False, server_hostname=server_hostname
        )
        self.closed = False  # the peer ended the TLS stream (close_notify or EOF)

    def feed(self, data: memoryview) -> None:
        if data:
            self._incoming.write(data)
        else:
            self._incoming.write_eof()

    def outgoing(self) -> bytes:
        return self._outgoing.read()

    def handshake(self) -> bool:
        """True once the handshake is done; False while it waits for the peer's bytes."""
        try:
            self.object.do_handshake()
        except ssl.SSLWantReadError:
            return False
        return True

    def encrypt(self, data: bytes) -> None:
        self.object.write(data)

    @property
    def buffered(self) -> bool:
        """Whether received bytes wait to be decrypted."""
        return bool(self._incoming.pending or self.object.pending())

    def decrypt_into(self, buffer: memoryview) -> int:
        """Fill `buffer` from the records at hand: the bytes written (0: feed me more)."""
        filled, size = 0, len(buffer)
        while filled < size:
            try:
                # with a buffer, read() gives the count (typeshed only knows bytes)
                count: int = self.object.read(size - filled, buffer[filled:])  # type: ignore[assignment]
            except ssl.SSLWantReadError:
                break
            except (ssl.SSLZeroReturnError, ssl.SSLEOFError):
                count = 0
            if not count:
                # close_notify (read gives 0), or the socket ended without it: the end, as
                # httpx's default transports take it (h11 then rejects a body cut short).
                self.closed = True
                break
            filled += count
        return filled


class _Socket:
    """What a connection's stream holds, plain or TLS, and what it does without waiting.

    `_Stream` and `_AsyncStream` are the two drivers around it: the same steps, one
    blocking on the socket, one waiting on asyncio.
    """

    def __init__(self, sock: socket.socket, tls: _TLS | None = None) -> None:
        self._sock = sock
        self._tls = tls
        self._buffer = memoryview(bytearray(READ_SIZE))  # plaintext, handed up
        self._encrypted = memoryview(bytearray(READ_SIZE if tls else 0))  # from the socket

    def _take(self, count: int) -> bytes:
        return self._buffer[:count].tobytes()

    def _wrap(self, ssl_context: ssl.SSLContext, server_hostname: str | None) -> _TLS:
        if self._tls is not None:
            raise httpcore.UnsupportedProtocol("TLS inside TLS (an HTTPS proxy) is not supported")
        return _TLS(ssl_context, server_hostname)

    def get_extra_info(self, info: str) -> Any:
        tls = self._tls
        if info == "is_readable":
            return (tls is not None and tls.buffered) or _readable(self._sock)
        if info == "ssl_object":
            return None if tls is None else tls.object
        if info == "client_addr":
            return self._sock.getsockname()
        if info == "server_addr":
            return self._sock.getpeername()
        if info == "socket":
            return self._sock
        return None


# -- sync ---------------------------------------------------------------------------------


class _Stream(_Socket, httpcore.NetworkStream):
    """A connection that blocks on its socket: one `recv` per read, or per TLS batch."""

    def __init__(self, sock: socket.socket, tls: _TLS | None = None) -> None:
        super().__init__(sock, tls)
        self._timeout: float | None = sock.gettimeout()

    def _settimeout(self, timeout: float | None) -> None:
        if timeout != self._timeout:
            self._sock.settimeout(timeout)
            self._timeout = timeout

    def _receive(self) -> None:
        assert self._tls is not None
        count = self._sock.recv_into(self._encrypted)
        self._tls.feed(self._encrypted[:count])

    def _flush(self) -> None:
        assert self._tls is not None
        data = self._tls.outgoing()
        if data:
            self._sock.sendall(data)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        tls = self._tls
        with _errors(httpcore.ReadTimeout, httpcore.ReadError):
            self._settimeout(timeout)
            if tls is None:
                return self._sock.recv(READ_SIZE)
            while True:
                count = tls.decrypt_into(self._buffer)
                self._flush()  # a key update or an alert may want an answer
                if count or tls.closed:
                    return self._take(count)
                self._receive()

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:  # httpcore writes the end of a body-less request as b"": no syscall
            return
        with _errors(httpcore.WriteTimeout, httpcore.WriteError):
            self._settimeout(timeout)
            if self._tls is None:
                self._sock.sendall(buffer)
            else:
                self._tls.encrypt(buffer)
                self._flush()

    def close(self) -> None:
        self._sock.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        try:
            stream = _Stream(self._sock, self._wrap(ssl_context, server_hostname))
            with _errors(httpcore.ConnectTimeout, httpcore.ConnectError):
                stream._handshake(timeout)
        except BaseException:
            self.close()
            raise
        return stream

    def _handshake(self, timeout: float | None) -> None:
        assert self._tls is not None
        self._settimeout(timeout)
        while not self._tls.handshake():
            self._flush()
            self._receive()
        self._flush()


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._fallback = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        source = None if local_address is None else (local_address, 0)
        with _errors(httpcore.ConnectTimeout, httpcore.ConnectError):
            sock = socket.create_connection((host, port), timeout, source_address=source)
        try:
            _configure(sock, socket_options)
        except BaseException:
            sock.close()
            raise
        return _Stream(sock)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return self._fallback.connect_unix_socket(path, timeout, socket_options)

    def sleep(self, seconds: float) -> None:
        self._fallback.sleep(seconds)


# -- async --------------------------------------------------------------------------------


class _AsyncStream(_Socket, httpcore.AsyncNetworkStream):
    """A connection on asyncio, waiting on the socket itself (`loop.sock_recv`)."""

    def __init__(self, sock: socket.socket, tls: _TLS | None = None) -> None:
        super().__init__(sock, tls)
        self._loop = asyncio.get_running_loop()

    async def _read(
        self, timeout: float | None, now: Callable[[], R], wait: Callable[[], Awaitable[R]]
    ) -> R:
        """`now()` when the socket has data waiting, else `wait()` for it (at most
        `timeout`)."""
        try:
            result = now()
        except BlockingIOError:
            async with asyncio.timeout(timeout):
                return await wait()
        await asyncio.sleep(0)  # data was waiting: still let other tasks (and a cancel) in
        return result

    async def _recv_into(self, buffer: memoryview, timeout: float | None) -> int:
        sock = self._sock
        return await self._read(
            timeout, lambda: sock.recv_into(buffer), lambda: self._loop.sock_recv_into(sock, buffer)
        )

    async def _recv(self, timeout: float | None) -> bytes:
        """Plain text, straight into the `bytes` handed up."""
        sock = self._sock
        return await self._read(
            timeout, lambda: sock.recv(READ_SIZE), lambda: self._loop.sock_recv(sock, READ_SIZE)
        )

    async def _send(self, data: bytes, timeout: float | None) -> None:
        """All of `data`: at once when the socket takes it (no timer is set), else the
        rest as the socket drains (at most `timeout`)."""
        try:
            sent = self._sock.send(data)
        except BlockingIOError:
            sent = 0
        if sent < len(data):
            async with asyncio.timeout(timeout):
                await self._loop.sock_sendall(self._sock, memoryview(data)[sent:])
            return
        await asyncio.sleep(0)  # sent at once: still let other tasks (and a cancel) in

    async def _receive(self, timeout: float | None) -> None:
        assert self._tls is not None
        count = await self._recv_into(self._encrypted, timeout)
        self._tls.feed(self._encrypted[:count])

    async def _flush(self, timeout: float | None) -> None:
        assert self._tls is not None
        data = self._tls.outgoing()
        if data:
            await self._send(data, timeout)

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        tls = self._tls
        with _errors(httpcore.ReadTimeout, httpcore.ReadError):
            if tls is None:
                return await self._recv(timeout)
            while True:
                count = tls.decrypt_into(self._buffer)
                await self._flush(timeout)
                if count or tls.closed:
                    return self._take(count)
                await self._receive(timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:  # as in `_Stream.write`
            return
        with _errors(httpcore.WriteTimeout, httpcore.WriteError):
            if self._tls is None:
                await self._send(buffer, timeout)
            else:
                self._tls.encrypt(buffer)
                await self._flush(timeout)

    async def aclose(self) -> None:
        # No await: closing cannot be cancelled half-way. The loop forgets the socket
        # first, so a cancelled wait on it never touches a reused descriptor.
        if self._sock.fileno() >= 0:
            self._loop.remove_reader(self._sock)
            self._loop.remove_writer(self._sock)
        self._sock.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            stream = _AsyncStream(self._sock, self._wrap(ssl_context, server_hostname))
            with _errors(httpcore.ConnectTimeout, httpcore.ConnectError):
                async with asyncio.timeout(timeout):
                    await stream._handshake()
        except BaseException:
            await self.aclose()
            raise
        return stream

    async def _handshake(self) -> None:
        assert self._tls is not None
        while not self._tls.handshake():
            await self._flush(None)
            await self._receive(None)
        await self._flush(None)


class _AsyncBackend(httpcore.AsyncNetworkBackend):
    """Our streams on asyncio; httpcore's anyio backend anywhere else (trio)."""

    def __init__(self) -> None:
        self._fallback = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        if not _on_asyncio():
            return await self._fallback.connect_tcp(
                host, port, timeout, local_address, socket_options
            )
        with _errors(httpcore.ConnectTimeout, httpcore.ConnectError):
            async with asyncio.timeout(timeout):
                sock = await _connect(host, port, local_address)
        try:
            _configure(sock, socket_options)
        except BaseException:
            sock.close()
            raise
        return _AsyncStream(sock)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return await self._fallback.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self._fallback.sleep(seconds)


def _on_asyncio() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # trio, or another loop anyio knows
        return False
    return True


async def _connect(host: str, port: int, local_address: str | None) -> socket.socket:
    """A connected non-blocking socket to the first address of `host` that answers."""
    loop = asyncio.get_running_loop()
    addresses = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    error: OSError | None = None
    for family, kind, proto, _, address in addresses:
        sock = socket.socket(family, kind, proto)
        try:
            sock.setblocking(False)
            if local_address is not None:
                sock.bind((local_address, 0))
            await loop.sock_connect(sock, address)
        except OSError as exc:
            sock.close()
            error = exc
        except BaseException:
            sock.close()
            raise
        else:
            return sock
    raise error or OSError(f"no address found for {host!r}")


# -- the transports -------------------------------------------------------------------------


class _ResponseStream(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _httpx_errors():
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            with _httpx_errors():
                close()


class _AsyncResponseStream(httpx.AsyncByteStream):
    def __init__(self, stream: AsyncIterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors():
            async for part in self._stream:
                yield part

    async def aclose(self) -> None:
        aclose = getattr(self._stream, "aclose", None)
        if aclose is not None:
            with _httpx_errors():
                await aclose()


def _core_request(request: httpx.Request) -> httpcore.Request:
    return httpcore.Request(
        method=request.method,
        url=httpcore.URL(
            scheme=request.url.raw_scheme,
            host=request.url.raw_host,
            port=request.url.port,
            target=request.url.raw_path,
        ),
        headers=request.headers.raw,
        content=request.stream,
        extensions=request.extensions,
    )


def _response(
    status: int,
    headers: list[tuple[bytes, bytes]],
    stream: httpx.SyncByteStream | httpx.AsyncByteStream,
    extensions: MutableMapping[str, Any],
) -> httpx.Response:
    return httpx.Response(status_code=status, headers=headers, stream=stream, extensions=extensions)


def _copy(response: httpx.Response) -> httpx.Response:
    """A fresh response on `response`'s stream, for the outer client to make its own."""
    return _response(
        response.status_code, response.headers.raw, response.stream, response.extensions
    )


class _TLSContext:
    """A transport's SSL context, made as httpx makes it (`httpx.create_ssl_context`) when
    a TLS connection first needs it: loading the CA certificates is the dearest step of
    starting a client (about 45 ms), and a client of a plain-HTTP server (a mock, a local
    proxy) never needs them. It stands in for the `ssl.SSLContext` httpcore is given:
    every attribute is the real context's, made on first use, once. httpcore sets the ALPN
    protocols before it starts TLS, where a failure would leave the socket open; so they
    are kept until the context is made, in `start_tls`, which closes the socket when it
    fails."""

    def __init__(self, verify: ssl.SSLContext | bool, trust_env: bool) -> None:
        self._verify = verify
        self._trust_env = trust_env
        self._context: ssl.SSLContext | None = None
        self._alpn: list[str] | None = None
        self._lock = threading.Lock()

    def set_alpn_protocols(self, protocols: Iterable[str]) -> None:
        with self._lock:
            self._alpn = list(protocols)
            if self._context is not None:
                self._context.set_alpn_protocols(self._alpn)

    def get(self) -> ssl.SSLContext:
        with self._lock:
            if self._context is None:
                try:
                    self._context = httpx.create_ssl_context(
                        verify=self._verify, trust_env=self._trust_env
                    )
                except (OSError, ssl.SSLError) as exc:  # SSL_CERT_FILE names no certificates
                    raise httpcore.ConnectError(f"cannot load the CA certificates: {exc}") from exc
                if self._alpn is not None:
                    self._context.set_alpn_protocols(self._alpn)
            return self._context

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)


def _pool_options(
    verify: ssl.SSLContext | bool, trust_env: bool, limits: httpx.Limits
) -> dict[str, Any]:
    return {
        "ssl_context": _TLSContext(verify, trust_env),
        "max_connections": limits.max_connections,
        "max_keepalive_connections": limits.max_keepalive_connections,
        "keepalive_expiry": limits.keepalive_expiry,
        "http1": True,
        "http2": False,
    }


class _FastTransport(httpx.BaseTransport):
    def __init__(
        self, verify: ssl.SSLContext | bool, trust_env: bool, limits: httpx.Limits
    ) -> None:
        self._pool = httpcore.ConnectionPool(
            network_backend=_Backend(), **_pool_options(verify, trust_env, limits)
        )

    def __enter__(self) -> Self:
        self._pool.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        with _httpx_errors():
            self._pool.__exit__(exc_type, exc_value, traceback)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with _httpx_errors():
            response = self._pool.handle_request(_core_request(request))
        assert isinstance(response.stream, Iterable)
        return _response(
            response.status, response.headers, _ResponseStream(response.stream), response.extensions
        )

    def close(self) -> None:
        self._pool.close()


class _AsyncFastTransport(httpx.AsyncBaseTransport):
    def __init__(
        self, verify: ssl.SSLContext | bool, trust_env: bool, limits: httpx.Limits
    ) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            network_backend=_AsyncBackend(), **_pool_options(verify, trust_env, limits)
        )

    async def __aenter__(self) -> Self:
        await self._pool.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        with _httpx_errors():
            await self._pool.__aexit__(exc_type, exc_value, traceback)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        with _httpx_errors():
            response = await self._pool.handle_async_request(_core_request(request))
        assert isinstance(response.stream, AsyncIterable)
        return _response(
            response.status,
            response.headers,
            _AsyncResponseStream(response.stream),
            response.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()


class _EnvironmentProxies(httpx.BaseTransport):
    """httpx's default transports behind the environment's proxies, routed as httpx routes
    them: a client of httpx's own that sends each request unchanged."""

    def __init__(self, verify: ssl.SSLContext | bool, limits: httpx.Limits) -> None:
        self._client = httpx.Client(verify=verify, limits=limits, trust_env=True)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return _copy(self._client.send(request, stream=True))

    def close(self) -> None:
        self._client.close()


class _AsyncEnvironmentProxies(httpx.AsyncBaseTransport):
    """`_EnvironmentProxies` for `httpx.AsyncClient`."""

    def __init__(self, verify: ssl.SSLContext | bool, limits: httpx.Limits) -> None:
        self._client = httpx.AsyncClient(verify=verify, limits=limits, trust_env=True)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return _copy(await self._client.send(request, stream=True))

    async def aclose(self) -> None:
        await self._client.aclose()


_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)  # httpx's defaults


def _environment_names_a_proxy() -> bool:
    proxies = urllib.request.getproxies()
    return any(proxies.get(scheme) for scheme in ("http", "https", "all"))


def Transport(
    *, verify: ssl.SSLContext | bool = True, trust_env: bool = True, limits: httpx.Limits = _LIMITS
) -> httpx.BaseTransport:
    """A transport for `httpx.Client(transport=...)` that reads bodies in big pieces.

    `verify`, `trust_env` and `limits` mean what they mean to `httpx.Client`. When
    `trust_env` holds and the environment names a proxy, httpx's own transports carry
    the requests instead, through the proxies as `httpx.Client()` would pick them.
    """
    if trust_env and _environment_names_a_proxy():
        return _EnvironmentProxies(verify, limits)
    return _FastTransport(verify, trust_env, limits)


def AsyncTransport(
    *, verify: ssl.SSLContext | bool = True, trust_env: bool = True, limits: httpx.Limits = _LIMITS
) -> httpx.AsyncBaseTransport:
    """A transport for `httpx.AsyncClient(transport=...)`: `Transport`'s async twin."""
    if trust_env and _environment_names_a_proxy():
        return _AsyncEnvironmentProxies(verify, limits)
    return _AsyncFastTransport(verify, trust_env, limits)
