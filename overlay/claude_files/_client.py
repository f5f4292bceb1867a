"""`Client` and `AsyncClient`: configuration, authentication, and the I/O drivers.

Everything that decides (which headers, when to retry, whether a download adds up) is
shared; each client only runs protocols (see `_retry`) with its own way of waiting.
This is the one module that talks to httpx.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, Literal, Self, TypeVar

import anyio
import anyio.to_thread
import httpx

from claude_files import _logs
from claude_files._errors import (
    APIConnectionError,
    APITimeoutError,
    ClaudeFilesError,
    InvalidArgumentError,
)
from claude_files._options import NO_OPTIONS, NOT_GIVEN, NotGiven, RequestOptions, Timeout
from claude_files._resources import AsyncCompliance, AsyncFiles, Compliance, Files
from claude_files._retry import Protocol, RetryPolicy, Send, Sleep, capture
from claude_files._version import __version__
from claude_files_openapi.models.anthropic_version import ANTHROPIC_VERSION_VALUES

T = TypeVar("T")

DEFAULT_BASE_URL = "https://api.anthropic.com"
DEFAULT_API_VERSION = "2026-10-21"
DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
DEFAULT_MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024

Api = Literal["files", "compliance"]
#: Where each API's key may come from, first set wins. The seeds name the Compliance
#: key ANTHROPIC_COMPLIANCE_API_KEY, the Compliance API reference's revision J
#: ANTHROPIC_COMPLIANCE_ACCESS_KEY: the first keeps precedence, so a setup that works
#: today keeps the key it uses when the second is set as well.
_KEYS: dict[Api, tuple[str, ...]] = {
    "files": ("ANTHROPIC_API_KEY",),
    "compliance": ("ANTHROPIC_COMPLIANCE_API_KEY", "ANTHROPIC_COMPLIANCE_ACCESS_KEY"),
}


def _key_from_env(api: Api) -> str | None:
    return next((os.environ[name] for name in _KEYS[api] if os.environ.get(name)), None)


H = TypeVar("H", httpx.Client, httpx.AsyncClient)


class _BaseClient(Generic[H]):
    """Configuration and request building, shared by `Client` and `AsyncClient`."""

    _sleep: Callable[[float], Any]
    """How the client waits before a retry (tests replace it)."""

    def __init__(
        self,
        api_key: str | None = None,
        compliance_api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = 2,
        max_download_bytes: int | None = DEFAULT_MAX_DOWNLOAD_BYTES,
        api_version: str = DEFAULT_API_VERSION,
        workspace_id: str | None = None,
        auth: Literal["x-api-key", "bearer"] = "x-api-key",
        http_client: H | None = None,
        compliance_api_version: str | None = None,
    ) -> None:
        """Keys default to `ANTHROPIC_API_KEY` and `ANTHROPIC_COMPLIANCE_API_KEY` (else
        `ANTHROPIC_COMPLIANCE_ACCESS_KEY`, the name in the Compliance API's reference), the URL
        to `ANTHROPIC_BASE_URL` or the public API; a missing key is an error only when
        an API that needs it is used.

        `timeout` is per request: float seconds, an `httpx.Timeout`, or None for none
        (by default 600 s, 5 s to connect, or the `http_client`'s own). Pass
        `http_client` to share one httpx client: it is then yours to close (`copy()` and
        `with_options()` share this client's). `max_download_bytes` caps what
        `download()` holds in memory (None: no cap); downloads to a file or a stream are
        capped only by their own `max_bytes`. `workspace_id` is sent with every Files
        API request; `auth="bearer"` sends the key as `Authorization: Bearer`.
        `api_version` is the Files API's `anthropic-version`; the Compliance API
        documents no such header, so its requests send one only when
        `compliance_api_version` is given (any value: it is passed as is).
        """
        if max_retries < 0:
            raise InvalidArgumentError("max_retries must be >= 0")
        if max_download_bytes is not None and max_download_bytes < 0:
            raise InvalidArgumentError("max_download_bytes must be >= 0 (or None for no cap)")
        if api_version not in ANTHROPIC_VERSION_VALUES:
            raise InvalidArgumentError(
                f"api_version must be one of {sorted(ANTHROPIC_VERSION_VALUES)}"
            )
        if compliance_api_version is not None and (
            not isinstance(compliance_api_version, str)
            or not compliance_api_version.strip()
            or not compliance_api_version.isprintable()
        ):
            raise InvalidArgumentError("compliance_api_version must be a non-empty header value")
        if auth not in ("x-api-key", "bearer"):
            raise InvalidArgumentError('auth must be "x-api-key" or "bearer"')
        self._keys = {
            "files": api_key or _key_from_env("files"),
            "compliance": compliance_api_key or _key_from_env("compliance"),
        }
        url = base_url or os.environ.get("ANTHROPIC_BASE_URL") or DEFAULT_BASE_URL
        self.base_url = url.rstrip("/")
        self.max_download_bytes = max_download_bytes
        self.api_version = api_version
        self.compliance_api_version = compliance_api_version
        self.workspace_id = workspace_id
        self.auth = auth
        _logs.setup_logging()
        self.timeout = timeout
        self._policy = RetryPolicy(max_retries=max_retries)
        self._owns_http = http_client is None
        own_timeout = DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout
        self._http: H = http_client or self._new_http(own_timeout)
        self._setup()

    def _new_http(self, timeout: Timeout) -> H:
        raise NotImplementedError

    def copy(
        self,
        *,
        api_key: str | None = None,
        compliance_api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        max_download_bytes: int | NotGiven | None = NOT_GIVEN,
        api_version: str | None = None,
        workspace_id: str | NotGiven | None = NOT_GIVEN,
        auth: Literal["x-api-key", "bearer"] | None = None,
        compliance_api_version: str | NotGiven | None = NOT_GIVEN,
    ) -> Self:
        """A client with these options changed and the rest as this one's (also
        `with_options`, as in the anthropic SDK).

        The copy sends through this client's connection pool and does not own it:
        closing the copy leaves the pool open, closing this client closes it for both.
        """
        twin = type(self)(
            api_key=api_key or self._keys["files"],
            compliance_api_key=compliance_api_key or self._keys["compliance"],
            base_url=base_url or self.base_url,
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if max_retries is None else max_retries,
            max_download_bytes=self.max_download_bytes
            if isinstance(max_download_bytes, NotGiven)
            else max_download_bytes,
            api_version=api_version or self.api_version,
            workspace_id=self.workspace_id if isinstance(workspace_id, NotGiven) else workspace_id,
            auth=auth or self.auth,
            http_client=self._http,
            compliance_api_version=self.compliance_api_version
            if isinstance(compliance_api_version, NotGiven)
            else compliance_api_version,
        )
        twin._policy = dataclasses.replace(self._policy, max_retries=twin.max_retries)
        twin._sleep = self._sleep
        return twin

    with_options = copy

    def _setup(self) -> None:
        """Attach the resources and the way to wait (sync or async)."""

    @property
    def max_retries(self) -> int:
        """How many times a failed request is retried (connection errors, 408, 409,
        429, 5xx)."""
        return self._policy.max_retries

    def _auth(self, api: Api) -> dict[str, str]:
        """The auth header for `api`; a clear error when its key is missing."""
        key = self._keys[api]
        if not key:
            what = "api_key" if api == "files" else "compliance_api_key"
            raise ClaudeFilesError(
                f"no {api} API key: pass {what}= to the client or set " + " or ".join(_KEYS[api])
            )
        return {"Authorization": f"Bearer {key}"} if self.auth == "bearer" else {"x-api-key": key}

    def _complete(
        self, kwargs: dict[str, Any], api: Api, options: RequestOptions = NO_OPTIONS
    ) -> dict[str, Any]:
        """A generated `_get_kwargs` result made sendable: absolute URL, auth, and the
        call's options (its `extra_headers` last, so they can replace any header)."""
        headers = {
            **kwargs.get("headers", {}),
            **self._auth(api),
            "User-Agent": f"claude-files/{__version__}",
        }
        complete = {**kwargs, "url": self.base_url + kwargs["url"], "headers": headers}
        return options.apply(complete, self.timeout)

    def _max_bytes(self, max_bytes: int | None, *, memory: bool = False) -> int | None:
        """A call's cap. The client's `max_download_bytes` protects memory: it is the
        default for `download()` only; to a file or a stream, no cap unless asked."""
        if max_bytes is None:
            return self.max_download_bytes if memory else None
        if max_bytes < 0:
            raise InvalidArgumentError("max_bytes must be >= 0")
        return max_bytes

    def __repr__(self) -> str:
        keys = ", ".join(
            f"{api}_key={'set' if key else 'missing'}" for api, key in self._keys.items()
        )
        return f"{type(self).__name__}(base_url={self.base_url!r}, {keys})"


class Client(_BaseClient[httpx.Client]):
    """A client for the Files API and the Compliance API's file endpoints."""

    def _setup(self) -> None:
        self._sleep: Callable[[float], object] = time.sleep
        self.files = Files(self)
        self.compliance = Compliance(self)

    def _new_http(self, timeout: Timeout) -> httpx.Client:
        return httpx.Client(timeout=timeout)

    def close(self) -> None:
        """Close the connection pool, when this client made it (not a `copy()`'s, nor
        an `http_client` you passed: that one is yours to close)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _execute(self, protocol: Protocol[T]) -> T:
        box: list[T] = []
        for _ in self._run(capture(protocol, box)):
            pass
        return box[0]

    def _run(self, protocol: Protocol[Any]) -> Generator[bytes, None, None]:
        """Carry out a protocol's commands; yield the bytes it yields."""
        response: httpx.Response | None = None
        chunks: Iterator[bytes] = iter(())
        result: Any = None
        try:
            while True:
                try:
                    command = protocol.send(result)
                except StopIteration:
                    return
                result = None
                if isinstance(command, bytes):
                    yield command
                elif isinstance(command, Sleep):
                    self._sleep(command.seconds)
                elif isinstance(command, Send):
                    if response is not None:
                        response.close()
                    response = None
                    request = self._http.build_request(**command.prepare())
                    started = _logs.sending(request)
                    try:
                        response = result = self._http.send(
                            request, stream=True, follow_redirects=False
                        )
                        chunks = (
                            response.iter_bytes() if _encoded(response) else response.iter_raw()
                        )
                    except httpx.TransportError as exc:
                        _logs.failed(request, exc)
                        result = _connection_error(exc)
                    else:
                        _logs.received(request, response, started)
                else:
                    try:
                        result = next(chunks, b"")
                    except httpx.TransportError as exc:
                        result = _connection_error(exc)
        finally:
            protocol.close()
            if response is not None:
                response.close()


class AsyncClient(_BaseClient[httpx.AsyncClient]):
    """`Client`'s twin for asyncio (and trio): the same surface, awaited.

    File reads and writes run in worker threads, never on the event loop.
    """

    def _setup(self) -> None:
        self._sleep: Callable[[float], Awaitable[object]] = anyio.sleep
        self.files = AsyncFiles(self)
        self.compliance = AsyncCompliance(self)

    def _new_http(self, timeout: Timeout) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=timeout)

    async def close(self) -> None:
        """Close the connection pool, when this client made it (not a `copy()`'s, nor
        an `http_client` you passed: that one is yours to close)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _execute(self, protocol: Protocol[T]) -> T:
        box: list[T] = []
        async for _ in self._run(capture(protocol, box)):
            pass
        return box[0]

    async def _run(self, protocol: Protocol[Any]) -> AsyncGenerator[bytes, None]:
        response: httpx.Response | None = None
        chunks: AsyncIterator[bytes] | None = None
        result: Any = None
        try:
            while True:
                try:
                    command = protocol.send(result)
                except StopIteration:
                    return
                result = None
                if isinstance(command, bytes):
                    yield command
                elif isinstance(command, Sleep):
                    await self._sleep(command.seconds)
                elif isinstance(command, Send):
                    await _aclose(response)
                    response = None
                    try:
                        response = result = await self._send(command)
                        chunks = (
                            response.aiter_bytes() if _encoded(response) else response.aiter_raw()
                        )
                    except httpx.TransportError as exc:
                        result = _connection_error(exc)
                else:
                    try:
                        result = await anext(chunks, b"") if chunks else b""
                    except httpx.TransportError as exc:
                        result = _connection_error(exc)
        finally:
            protocol.close()
            with anyio.CancelScope(shield=True):
                await _aclose(response)

    async def _send(self, command: Send) -> httpx.Response:
        if not command.blocking:
            request = self._http.build_request(**command.prepare())
        else:  # an upload: open the file and read it in worker threads
            prepare = command.prepare
            request = await anyio.to_thread.run_sync(lambda: self._http.build_request(**prepare()))
            assert isinstance(request.stream, httpx.SyncByteStream)  # httpx's multipart stream
            request.stream = _ThreadedStream(iter(request.stream))
        started = _logs.sending(request)
        try:
            response = await self._http.send(request, stream=True, follow_redirects=False)
        except httpx.TransportError as exc:
            _logs.failed(request, exc)
            raise
        _logs.received(request, response, started)
        return response


def _encoded(response: httpx.Response) -> bool:
    """Whether to read the body through httpx's decoder: when it is encoded, or already
    read (a transport that hands back a finished response). Else raw chunks skip it."""
    encoding = response.headers.get("content-encoding", "identity").lower()
    return encoding not in ("", "identity") or response.is_stream_consumed


async def _aclose(response: httpx.Response | None) -> None:
    if response is not None:
        await response.aclose()


def _connection_error(exc: httpx.TransportError) -> APIConnectionError:
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    timeout = isinstance(exc, httpx.TimeoutException)
    error = APITimeoutError(message) if timeout else APIConnectionError(message)
    error.__cause__ = exc
    return error


class _ThreadedStream(httpx.AsyncByteStream):
    """An async request body whose chunks are produced in a worker thread.

    httpx reads a multipart file with blocking calls even in async code; this keeps
    those reads off the event loop.
    """

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while (chunk := await anyio.to_thread.run_sync(next, self._chunks, None)) is not None:
            yield chunk
