"""`AsyncDriver`: carries out the commands of protocols (`_protocol`) over httpx.

The only code that sends requests and reads bodies. Resources and transfers hand it
protocols; it knows nothing of what they mean. Each protocol it runs is one API call:
with tracing on (`_telemetry`), one span, told each attempt, response and the bytes
handed over.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, TypeVar, cast

import httpx

from claude_files import _logs
from claude_files._concurrency import (
    AsyncShield,
    AsyncWait,
    abuild_request,
    arun_blocking,
    asleep,
)
from claude_files._config import Config
from claude_files._errors import APIConnectionError, APITimeoutError, InvalidTypeError
from claude_files._pacing import RequestPacer
from claude_files._progress import ReportingStream
from claude_files._protocol import Accepted, Block, Event, Flow, ReadChunk, Send, Sleep
from claude_files._retry import RetryPolicy, server_wait
from claude_files._telemetry import Telemetry

T = TypeVar("T")


class AsyncDriver:
    """What the resources run requests with: the pool, the configuration, the retry
    policy, the tracing, the pacer (None: requests go at once) and the way to wait
    (`sleep`: tests replace it)."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        config: Config,
        policy: RetryPolicy,
        telemetry: Telemetry,
        pacer: RequestPacer | None = None,
    ) -> None:
        self.http = http
        self.config = config
        self.policy = policy
        self.telemetry = telemetry
        self.pacer = pacer
        self.sleep: AsyncWait = asleep

    async def paced(self) -> None:
        """Wait for the pacer's next start, when there is a pacer."""
        if self.pacer is not None:
            delay = self.pacer.reserve()
            if delay > 0:
                await self.sleep(delay)

    def rate_limited(self, response: httpx.Response) -> None:
        """A 429 holds every paced request back for as long as it asks (as far as
        the retry policy would wait), not only the one that is retried."""
        if self.pacer is not None and response.status_code == 429:
            asked = server_wait(response.headers, self.policy.now)
            if asked:
                self.pacer.hold(min(asked, self.policy.max_retry_after))

    async def execute(self, flow: Flow[T]) -> T:
        """Run a protocol that hands nothing to its caller; its value."""
        async with _Run(self, flow) as run:
            result: Any = None
            while True:
                try:
                    command = flow.send(result)
                except StopIteration as stop:
                    return cast(T, stop.value)
                if isinstance(command, Accepted | bytes):
                    raise InvalidTypeError(f"{command!r} in a protocol that returns a value")
                result = await run.perform(command)

    async def stream(self, flow: Flow[None]) -> AsyncGenerator[Event]:
        """Run a download's protocol; yield what it hands over (`Accepted`, then bytes).

        Close it (`aclosing`) to stop early: the response is closed and the protocol told.
        """
        async with _Run(self, flow) as run:
            result: Any = None
            while True:
                try:
                    command = flow.send(result)
                except StopIteration:
                    return
                if isinstance(command, Accepted | bytes):
                    result = None
                    if run.trace is not None:
                        run.trace.handed(command)
                    yield command
                else:
                    result = await run.perform(command)


class _Run:
    """One protocol's run: its current response and that response's body, and its
    trace (None: tracing is off). Leaving it (`async with`), however the run ended (an
    early close of a stream too: GeneratorExit), closes the protocol and the response
    and ends the trace with the failure."""

    def __init__(self, driver: AsyncDriver, flow: Flow[Any]) -> None:
        self._driver = driver
        self._flow = flow
        self._response: httpx.Response | None = None
        self._chunks: AsyncIterator[bytes] | None = None
        self.trace = driver.telemetry.start()

    async def __aenter__(self) -> _Run:
        return self

    async def __aexit__(self, kind: object, error: BaseException | None, tb: object) -> None:
        self._flow.close()
        with AsyncShield():
            await self.close()
        if self.trace is not None:
            self.trace.end(error)

    async def perform(self, command: Send | ReadChunk | Sleep | Block) -> Any:
        if isinstance(command, ReadChunk):
            if command.response is not self._response or self._chunks is None:
                raise InvalidTypeError("ReadChunk of a response that is not the current one")
            try:
                return await anext(self._chunks, b"")
            except httpx.TransportError as exc:
                return _connection_error(exc)
        if isinstance(command, Send):
            await self.close()
            return await self._send(command)
        if isinstance(command, Sleep):
            return await self._driver.sleep(command.seconds)
        return await arun_blocking(command.work)

    async def _send(self, command: Send) -> httpx.Response | APIConnectionError:
        http = self._driver.http
        if self._driver.pacer is not None:  # no coroutine per request when unpaced
            await self._driver.paced()
        request = await abuild_request(http, command)
        if command.on_body is not None:
            request.stream = ReportingStream(request.stream, command.on_body)
        if self.trace is not None:
            self.trace.sending(request)
        started = _logs.sending(request)
        try:
            response = await http.send(request, stream=True, follow_redirects=False)
        except httpx.TransportError as exc:
            _logs.failed(request, exc)
            return _connection_error(exc)
        _logs.received(request, response, started)
        self._driver.rate_limited(response)
        if self.trace is not None:
            self.trace.received(response)
        self._response = response
        self._chunks = response.aiter_bytes() if _encoded(response) else response.aiter_raw()
        return response

    async def close(self) -> None:
        if self._response is not None:
            response, self._response, self._chunks = self._response, None, None
            await response.aclose()


def _encoded(response: httpx.Response) -> bool:
    """Whether to read the body through httpx's decoder: when it is encoded, or already
    read (a transport that hands back a finished response). Else raw chunks skip it."""
    encoding = response.headers.get("content-encoding", "identity").lower()
    return encoding not in ("", "identity") or response.is_stream_consumed


def _connection_error(exc: httpx.TransportError) -> APIConnectionError:
    message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    timeout = isinstance(exc, httpx.TimeoutException)
    error = APITimeoutError(message) if timeout else APIConnectionError(message)
    error.__cause__ = exc
    return error
