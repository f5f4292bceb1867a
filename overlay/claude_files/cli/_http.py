"""The one httpx client a run shares: progress counting and `--verbose` request logs.

Progress is counted on the wire, in a transport wrapped around httpx's own: each item
runs in its own asyncio task and sets `current_bar`, so the bytes of its requests
(an upload's body, a download's body) move its bar. The client library needs no hook
for this; it only has to accept an `http_client`, which it does.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

import httpx

log = logging.getLogger("claude_files.cli")


class Bar(Protocol):
    """What the transport moves: one transfer's progress bar."""

    def total(self, total: int | None) -> None: ...
    def advance(self, n: int) -> None: ...
    def set(self, done: int) -> None: ...


current_bar: ContextVar[Bar | None] = ContextVar("claude_files_cli_bar", default=None)

TIMEOUT = httpx.Timeout(600.0, connect=10.0)


@contextmanager
def bar_for_this_task(bar: Bar | None) -> Iterator[None]:
    """Count the bytes of the requests made inside the block on `bar`."""
    token = current_bar.set(bar)
    try:
        yield
    finally:
        current_bar.reset(token)


class _CountingStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, bar: Bar) -> None:
        self._inner = inner
        self._bar = bar

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._bar.advance(len(chunk))
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class ProgressTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        bar = current_bar.get()
        if bar is not None and request.method in ("POST", "PUT"):
            bar.set(0)  # a retried upload starts over
            length = request.headers.get("content-length")
            if length is not None and length.isdigit():
                bar.total(int(length))
            assert isinstance(request.stream, httpx.AsyncByteStream)
            request.stream = _CountingStream(request.stream, bar)
        response = await self._inner.handle_async_request(request)
        if bar is not None and request.method == "GET" and 200 <= response.status_code < 300:
            if response.status_code != 206:  # a resumed download keeps what it has
                bar.set(0)
                length = response.headers.get("content-length")
                if length is not None and length.isdigit():
                    bar.total(int(length))
            assert isinstance(response.stream, httpx.AsyncByteStream)
            response.stream = _CountingStream(response.stream, bar)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


async def _log_request(request: httpx.Request) -> None:
    log.info("-> %s %s", request.method, request.url)


async def _log_response(response: httpx.Response) -> None:
    request = response.request
    log.info(
        "<- %s %s: %d %s (request id %s)",
        request.method,
        request.url,
        response.status_code,
        response.reason_phrase,
        response.headers.get("request-id", "none"),
    )


def http_client(*, verbose: bool) -> httpx.AsyncClient:
    hooks = {"request": [_log_request], "response": [_log_response]} if verbose else {}
    return httpx.AsyncClient(
        transport=ProgressTransport(httpx.AsyncHTTPTransport()),
        timeout=TIMEOUT,
        event_hooks=hooks,  # type: ignore[arg-type]
    )
