"""The vocabulary of a sans-I/O protocol, and the protocol of one JSON request.

A protocol is a generator that does no I/O: it yields commands and is sent back their
results. `Send`, `ReadChunk`, `Sleep` and `Block` ask the driver for I/O; `Accepted` and
`bytes` go through the driver to its caller (the response was accepted; the body's next
bytes). The drivers (`_async/_driver.py` and its generated sync twin) carry commands
out; the unit tests carry them out with fakes, and each means the same to both.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, TypeVar

from claude_files import _logs
from claude_files._errors import APIConnectionError, APIError, ClaudeFilesError, make_status_error
from claude_files._models import ResponseCallback, ResponseInfo, set_request_id
from claude_files._retry import RetryPolicy

T = TypeVar("T")

#: The most an error body is read: enough for any envelope, not for a hostile page.
ERROR_BODY_LIMIT = 64 * 1024


@dataclass(frozen=True)
class Send:
    """Open a request (streamed). Result: the response, or an APIConnectionError.

    The driver closes the protocol's previous response first, and the last one when the
    protocol ends.
    """

    prepare: Callable[[], dict[str, Any]]
    #: prepare() touches the disk (uploads): async drivers run it in a thread.
    blocking: bool = False
    #: Called as each chunk of the request's body is read to be sent (an upload's progress).
    on_body: Callable[[], object] | None = None


@dataclass(frozen=True)
class ReadChunk:
    """The next chunk of `response`'s body; b"" at its end. Result: bytes or
    APIConnectionError."""

    response: Any


@dataclass(frozen=True)
class Sleep:
    """Wait before a retry. Result: None."""

    seconds: float


@dataclass(frozen=True)
class Block:
    """Run blocking work (waiting for a worker thread): async drivers run it in a thread,
    off the event loop. Result: None."""

    work: Callable[[], object]


@dataclass(frozen=True)
class Accepted:
    """A download's response was accepted: its headers are known, its body follows.

    Passed through to the driver's caller (which may name the file now, or refuse).
    """


#: The commands a driver carries out, and what passes through it to its caller.
Command = Send | ReadChunk | Sleep | Block
Event = Accepted | bytes
#: A protocol: yields commands and events, returns T.
Flow = Generator[Command | Event, Any, T]


def read_body(response: Any, limit: int | None) -> Flow[tuple[bytes, APIConnectionError | None]]:
    """The body (or its first `limit` bytes), and the error that cut it short if any."""
    body = bytearray()
    while limit is None or len(body) < limit:
        chunk = yield ReadChunk(response)
        if isinstance(chunk, APIConnectionError):
            return bytes(body), chunk
        if not chunk:
            break
        body += chunk
    return bytes(body[:limit]), None


def request_protocol(
    policy: RetryPolicy,
    prepare: Callable[[], dict[str, Any]],
    parse: Callable[[bytes], T],
    *,
    blocking: bool = False,
    on_body: Callable[[], object] | None = None,
    on_response: ResponseCallback | None = None,
) -> Flow[T]:
    """Send a request, retrying per `policy`; parse a 2xx body, raise the typed error.
    `on_response` is told the 2xx response whose body was parsed."""
    retries = 0
    while True:
        result = yield Send(prepare, blocking, on_body)
        failure: APIError
        if isinstance(result, APIConnectionError):
            failure, wait = result, policy.wait_after(retries)
        else:
            ok = 200 <= result.status_code < 300
            body, cut = yield from read_body(result, None if ok else ERROR_BODY_LIMIT)
            if ok and cut is None:
                value = _parsed(parse, body, result.headers.get("request-id"))
                if on_response is not None:
                    on_response(ResponseInfo.of(result.status_code, result.headers))
                return value
            if ok and cut is not None:
                failure, wait = cut, policy.wait_after(retries)
            else:  # an error body, maybe partial: still the best message there is
                failure = make_status_error(result.status_code, result.headers, body, result)
                wait = policy.wait_after_error(retries, failure)
        _logs.retry_decision(failure, wait, retries)
        if wait is None:
            raise failure
        yield Sleep(wait)
        retries += 1


def _parsed(parse: Callable[[bytes], T], body: bytes, request_id: str | None) -> T:
    """The parsed body with its response's request id (an error from parsing too)."""
    try:
        value = parse(body)
    except ClaudeFilesError as exc:
        exc.request_id = exc.request_id or request_id
        raise
    set_request_id(value, request_id)
    return value
