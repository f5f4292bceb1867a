"""The retry policy and the request protocol, without sockets."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import httpx
import pytest

from claude_files import APIConnectionError, BadRequestError, InternalServerError, RateLimitError
from claude_files._protocol import ERROR_BODY_LIMIT, Flow, ReadChunk, Send, Sleep, request_protocol
from claude_files._retry import RetryPolicy, server_wait

NOW = 1_800_000_000.0


def policy(**kwargs: Any) -> RetryPolicy:
    return RetryPolicy(random=lambda: 1.0, now=lambda: NOW, **kwargs)


@pytest.mark.parametrize(
    ("status", "retried"),
    [
        *[(400, False), (401, False), (404, False), (413, False)],
        *[(408, True), (409, True), (429, True), (500, True), (503, True), (529, True)],
    ],
)
def test_status_rules(status: int, retried: bool) -> None:
    assert policy().should_retry(status, {}) is retried


def test_x_should_retry_decides_before_the_status() -> None:
    assert policy().should_retry(400, {"x-should-retry": "true"}) is True
    assert policy().should_retry(503, {"x-should-retry": "false"}) is False
    assert policy().should_retry(503, {"x-should-retry": "maybe"}) is True


def test_backoff_doubles_up_to_the_maximum_with_full_jitter() -> None:
    assert [policy().wait(n) for n in range(7)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    zero = RetryPolicy(random=lambda: 0.0)
    assert zero.wait(3) == 0.0
    assert 0.0 <= RetryPolicy().wait(2) <= 2.0


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after-ms": "junk", "retry-after": "3"}, 3.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"retry-after": format_datetime(datetime.fromtimestamp(NOW + 7, UTC), usegmt=True)}, 7.0),
        ({"retry-after": format_datetime(datetime.fromtimestamp(NOW - 7, UTC), usegmt=True)}, 0.0),
        ({"retry-after": "not a date"}, None),
        ({"retry-after": "nan"}, None),
        ({}, None),
    ],
)
def test_server_wait(headers: Mapping[str, str], seconds: float | None) -> None:
    assert server_wait(headers, lambda: NOW) == seconds


def test_server_wait_is_capped_by_the_ceiling() -> None:
    assert policy(max_retry_after=60.0).wait(0, {"retry-after": "3600"}) == 60.0
    assert policy().wait(0, {"retry-after": "0"}) == 0.0


def test_wait_after_gives_up_when_retries_are_spent_or_status_says_no() -> None:
    p = policy(max_retries=2)
    assert p.wait_after(0) == 0.5  # connection error
    assert p.wait_after(1, 503, {}) == 1.0
    assert p.wait_after(2, 503, {}) is None
    assert p.wait_after(0, 400, {}) is None
    assert p.wait_after(0, 429, {"retry-after": "4"}) == 4.0
    assert policy(max_retries=0).wait_after(0) is None


class FakeResponse:
    def __init__(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None):
        self.status_code = status
        self.headers = headers or {}
        self.chunks = [body[i : i + 4] for i in range(0, len(body), 4)]
        self.request = httpx.Request("GET", "https://api.example/", headers={"x-api-key": "k"})


def drive(protocol: Flow[Any], outcomes: list[Any]) -> tuple[Any, list[Any]]:
    """Run a protocol against scripted Send outcomes; returns (result, commands seen)."""
    seen: list[Any] = []
    result: Any = None
    try:
        while True:
            command = protocol.send(result)
            seen.append(command)
            if isinstance(command, Send):
                result = outcomes.pop(0)
            elif isinstance(command, ReadChunk):
                chunks = command.response.chunks
                result = chunks.pop(0) if chunks else b""
            else:
                result = None
    except StopIteration as stop:
        return stop.value, seen


def prepare() -> dict[str, Any]:
    return {"method": "GET", "url": "/x"}


def test_request_protocol_retries_then_parses() -> None:
    outcomes = [APIConnectionError(), FakeResponse(503), FakeResponse(200, b'{"a": 1}')]
    value, seen = drive(request_protocol(policy(), prepare, lambda b: b), outcomes)
    assert value == b'{"a": 1}'
    assert [c.seconds for c in seen if isinstance(c, Sleep)] == [0.5, 1.0]


def test_request_protocol_raises_the_typed_error_when_not_retryable() -> None:
    body = b'{"type":"error","error":{"type":"invalid_request_error","message":"no"}}'
    with pytest.raises(BadRequestError, match="no"):
        drive(request_protocol(policy(), prepare, bytes), [FakeResponse(400, body)])


def test_request_protocol_gives_up_after_max_retries() -> None:
    outcomes = [FakeResponse(429, headers={"retry-after": "2"}) for _ in range(3)]
    with pytest.raises(RateLimitError) as caught:
        drive(request_protocol(policy(max_retries=2), prepare, bytes), outcomes)
    assert caught.value.status_code == 429
    assert outcomes == []


def test_error_bodies_are_read_with_a_bound() -> None:
    huge = FakeResponse(500, b"x" * (ERROR_BODY_LIMIT * 4))
    with pytest.raises(InternalServerError) as caught:
        drive(request_protocol(policy(max_retries=0), prepare, bytes), [huge])
    assert len(huge.chunks) > 0  # the rest was never read
    assert len(str(caught.value)) < 400
