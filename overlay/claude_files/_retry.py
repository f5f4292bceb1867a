"""When to retry and how long to wait, plus the I/O commands that protocols yield.

A protocol is a generator that does no I/O: it yields commands (`Send`, `ReadChunk`, `Sleep`,
...) and is sent back their results. `Client` and `AsyncClient` each run protocols with
one small driver, so retrying, classifying errors and checking downloads are written
once for both.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any, TypeVar

import dateutil.parser

from claude_files import _logs
from claude_files._errors import (
    APIConnectionError,
    APIError,
    APIStatusError,
    ClaudeFilesError,
    make_status_error,
)
from claude_files._models import set_request_id

T = TypeVar("T")

#: In a 409's message: a conflict that retrying cannot clear (see RetryPolicy).
_LASTING_CONFLICT = "cannot be deleted"

#: The most an error body is read: enough for any envelope, not for a hostile page.
ERROR_BODY_LIMIT = 64 * 1024


@dataclass(frozen=True)
class Send:
    """Open a request (streamed). Result: the response, or an APIConnectionError.

    The driver closes the previous response first, and the last one when the protocol ends.
    """

    prepare: Callable[[], dict[str, Any]]
    #: prepare() touches the disk (uploads): async drivers run it in a thread.
    blocking: bool = False


@dataclass(frozen=True)
class ReadChunk:
    """The next chunk of the body; b"" at its end. Result: bytes or APIConnectionError."""

    response: Any


@dataclass(frozen=True)
class Sleep:
    seconds: float


Command = Send | ReadChunk | Sleep
#: Yields commands (and, for downloads, the body's bytes); returns T.
Protocol = Generator[Command | bytes, Any, T]


@dataclass(frozen=True)
class RetryPolicy:
    """The anthropic SDK's policy: 0.5 s doubling up to 8 s, here with full jitter.

    Connection errors, 408, 409, 429 and 5xx are retried; a response's
    `x-should-retry: true|false` decides first. A server's `retry-after-ms` or
    `retry-after` (seconds or HTTP date) is obeyed up to `max_retry_after`.

    409: the Files API lists `conflict_error` as transient (a concurrent change), so a
    409 is retried, except one whose message says a resource "cannot be deleted" (the
    Compliance API's revision J: a project that still holds chats). That conflict is a
    state only the caller can change; retrying it would only repeat the answer.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    random: Callable[[], float] = field(default=random.random, repr=False)
    now: Callable[[], float] = field(default=time.time, repr=False)

    def should_retry(self, status: int, headers: Mapping[str, str], message: str = "") -> bool:
        """`message` is the error's `error.message` (it tells a lasting 409 apart)."""
        verdict = headers.get("x-should-retry", "").lower()
        if verdict in ("true", "false"):
            return verdict == "true"
        if status == 409:
            return _LASTING_CONFLICT not in message.lower()
        return status in (408, 429) or status >= 500

    def wait(self, retries_done: int, headers: Mapping[str, str] | None = None) -> float:
        """Seconds to wait before retry number `retries_done + 1`."""
        asked = server_wait(headers, self.now) if headers is not None else None
        if asked is not None:
            return min(asked, self.max_retry_after)
        backoff = min(self.initial_delay * 2.0 ** min(retries_done, 60), self.max_delay)
        return self.random() * backoff

    def wait_after(
        self,
        retries_done: int,
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
        message: str = "",
    ) -> float | None:
        """The wait before retrying after a failure, or None to give up.

        `status` None means a connection error (no response); `message` is the error's
        `error.message`.
        """
        if retries_done >= self.max_retries:
            return None
        if status is not None and not self.should_retry(status, headers or {}, message):
            return None
        return self.wait(retries_done, headers)

    def wait_after_error(self, retries_done: int, error: APIStatusError) -> float | None:
        """`wait_after` for an error response."""
        headers = error.response.headers if error.response is not None else {}
        return self.wait_after(retries_done, error.status_code, headers, error.api_message or "")


def server_wait(headers: Mapping[str, str], now: Callable[[], float]) -> float | None:
    """The wait a response asks for, in seconds, or None when it asks for none."""
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / scale
        except ValueError:
            if scale != 1.0:
                continue
            try:
                when = dateutil.parser.parse(value)
            except (ValueError, OverflowError):
                continue
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            seconds = when.timestamp() - now()
        if seconds == seconds:  # not NaN
            return max(seconds, 0.0)
    return None


def read_body(
    response: Any, limit: int | None
) -> Protocol[tuple[bytes, APIConnectionError | None]]:
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


def capture(protocol: Protocol[T], box: list[T]) -> Protocol[None]:
    """Run `protocol`, putting its result in `box` (an async generator cannot return one)."""
    box.append((yield from protocol))


def request_protocol(
    policy: RetryPolicy,
    prepare: Callable[[], dict[str, Any]],
    parse: Callable[[bytes], T],
    *,
    blocking: bool = False,
) -> Protocol[T]:
    """Send a request, retrying per `policy`; parse a 2xx body, raise the typed error."""
    retries = 0
    while True:
        result = yield Send(prepare, blocking)
        failure: APIError
        if isinstance(result, APIConnectionError):
            failure, wait = result, policy.wait_after(retries)
        else:
            ok = 200 <= result.status_code < 300
            body, cut = yield from read_body(result, None if ok else ERROR_BODY_LIMIT)
            if ok and cut is None:
                return _parsed(parse, body, result.headers.get("request-id"))
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
