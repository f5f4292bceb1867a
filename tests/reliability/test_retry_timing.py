"""Attempts and waits follow the retry policy, on the wire, with a fake clock.

The clients' `_sleep` records instead of sleeping and the policy's `now` and `random`
are fixed, so every wait is known exactly: the server's `retry-after-ms`,
`retry-after` in seconds or as an HTTP date, the 60 s ceiling, `x-should-retry`, and
the jittered backoff when the server asks for nothing.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import pytest

from claude_files import ClaudeFilesError, RateLimitError, ServiceUnavailableError
from claude_files._retry import RetryPolicy
from claude_files.testing import Fault, MockServer
from tests._support import FakeSleep, async_client, sync_client

NOW = 1_900_000_000.0  # a whole second: HTTP dates have no fractions


def http_date(offset: float) -> str:
    return format_datetime(datetime.fromtimestamp(NOW + offset, UTC), usegmt=True)


def fixed_policy(max_retries: int = 2, rand: Callable[[], float] = lambda: 1.0) -> RetryPolicy:
    return RetryPolicy(max_retries=max_retries, random=rand, now=lambda: NOW)


OPERATIONS = ["get", "download", "download_to_file", "download_stream", "list"]


def call(flavor: str, operation: str, server: MockServer, policy: RetryPolicy, tmp: Any) -> Any:
    """Run one operation with `policy`; returns (outcome, waits)."""
    file_id = server.add_file(b"retry me", filename="r.bin")["id"]
    sleep = FakeSleep()

    def sync() -> Any:
        with sync_client(server, sleep) as client:
            client._policy = policy
            files = client.files
            if operation == "get":
                return files.get(file_id).id
            if operation == "download":
                return files.download(file_id)
            if operation == "download_to_file":
                return files.download_to_file(file_id, tmp / "f.bin", overwrite=True).read_bytes()
            if operation == "download_stream":
                with files.download_stream(file_id) as stream:
                    return b"".join(stream)
            return [m.id for m in files.list(limit=1000)]

    async def main() -> Any:
        async with async_client(server, sleep) as client:
            client._policy = policy
            files = client.files
            if operation == "get":
                return (await files.get(file_id)).id
            if operation == "download":
                return await files.download(file_id)
            if operation == "download_to_file":
                path = await files.download_to_file(file_id, tmp / "f.bin", overwrite=True)
                return path.read_bytes()
            if operation == "download_stream":
                async with files.download_stream(file_id) as stream:
                    return b"".join([chunk async for chunk in stream])
            return [m.id async for m in files.list(limit=1000)]

    server.clear_requests()
    started = time.monotonic()
    try:
        outcome: Any = sync() if flavor == "sync" else asyncio.run(main())
    except ClaudeFilesError as exc:
        outcome = exc
    assert time.monotonic() - started < 5.0  # no real waiting
    if isinstance(outcome, ClaudeFilesError):
        return outcome, sleep.waits
    if operation == "list":  # the whole listing, each page once: as a listing without faults
        server.clear_faults()
        with sync_client(server) as client:
            truth = [m.id for m in client.files.list(limit=1000)]
        return file_id in outcome and outcome == truth, sleep.waits
    return outcome == (file_id if operation == "get" else b"retry me"), sleep.waits


def path_of(operation: str) -> str:
    return {"get": "/v1/files/*", "list": "/v1/files"}.get(operation, "/v1/files/*/content")


WAIT_CASES: list[tuple[str, dict[str, Any], float]] = [
    ("retry-after-ms", {"retry_after_ms": "1500"}, 1.5),
    ("retry-after-ms-wins", {"retry_after_ms": "250", "retry_after": "9"}, 0.25),
    ("retry-after-seconds", {"retry_after": "2"}, 2.0),
    ("retry-after-fraction", {"retry_after": "0.75"}, 0.75),
    ("retry-after-http-date", {"retry_after": http_date(7)}, 7.0),
    ("retry-after-date-in-the-past", {"retry_after": http_date(-30)}, 0.0),
    ("retry-after-zero", {"retry_after": "0"}, 0.0),
    ("ceiling-seconds", {"retry_after": "3600"}, 60.0),
    ("ceiling-ms", {"retry_after_ms": "120000"}, 60.0),
    ("ceiling-date", {"retry_after": http_date(86400)}, 60.0),
    ("bad-ms-falls-to-seconds", {"retry_after_ms": "soon", "retry_after": "3"}, 3.0),
    ("unparsable-falls-to-backoff", {"retry_after": "whenever"}, 0.5),
    ("negative-is-zero", {"retry_after": "-5"}, 0.0),
    ("none-backoff", {}, 0.5),
]


@pytest.mark.parametrize(("name", "headers", "wait"), WAIT_CASES, ids=[c[0] for c in WAIT_CASES])
@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_the_wait_the_server_asks_for(
    flavor: str,
    operation: str,
    name: str,
    headers: dict[str, Any],
    wait: float,
    server: MockServer,
    tmp_path: Any,
) -> None:
    server.inject(Fault.status(429, **headers), path=path_of(operation), method="GET", count=1)
    ok, waits = call(flavor, operation, server, fixed_policy(), tmp_path)
    assert ok is True
    assert waits == [pytest.approx(wait, abs=1e-6)]
    hits = [r for r in server.requests if r.status == 429]
    assert len(hits) == 1


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_backoff_doubles_and_attempts_stop_at_max_retries(
    flavor: str, operation: str, server: MockServer, tmp_path: Any
) -> None:
    server.inject(Fault.status(503), path=path_of(operation), method="GET", count=None)
    outcome, waits = call(flavor, operation, server, fixed_policy(max_retries=5), tmp_path)
    assert isinstance(outcome, ServiceUnavailableError)
    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0]  # doubling, then the 8 s ceiling
    assert len([r for r in server.requests if r.status == 503]) == 6


@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_backoff_past_the_ceiling_stays_at_eight_seconds(
    flavor: str, server: MockServer, tmp_path: Any
) -> None:
    server.inject(Fault.disconnect(), path="/v1/files/*/content", count=7)
    ok, waits = call(flavor, "download", server, fixed_policy(max_retries=7), tmp_path)
    assert ok is True
    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_jitter_is_full_jitter_of_the_backoff(
    flavor: str, seed: int, server: MockServer, tmp_path: Any
) -> None:
    server.inject(Fault.status(500), path="/v1/files/*/content", count=3)
    rand = random.Random(seed)
    ok, waits = call(flavor, "download", server, fixed_policy(3, rand.random), tmp_path)
    assert ok is True
    replay = random.Random(seed)
    assert waits == [replay.random() * b for b in (0.5, 1.0, 2.0)]


@pytest.mark.parametrize("operation", ["get", "download"])
@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_x_should_retry_decides_before_the_status(
    flavor: str, operation: str, server: MockServer, tmp_path: Any
) -> None:
    path = path_of(operation)
    server.inject(Fault.status(503, should_retry=False, retry_after="1"), path=path, count=None)
    outcome, waits = call(flavor, operation, server, fixed_policy(), tmp_path)
    assert isinstance(outcome, ServiceUnavailableError)
    assert waits == []
    server.clear_faults()
    server.inject(Fault.status(400, should_retry=True, retry_after="4"), path=path, count=2)
    ok, waits = call(flavor, operation, server, fixed_policy(), tmp_path)
    assert ok is True
    assert waits == [4.0, 4.0]


@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_max_retries_zero_makes_one_attempt(flavor: str, server: MockServer, tmp_path: Any) -> None:
    server.inject(Fault.status(429, retry_after="1"), path="/v1/files/*/content", count=None)
    outcome, waits = call(flavor, "download", server, fixed_policy(max_retries=0), tmp_path)
    assert isinstance(outcome, RateLimitError)
    assert waits == []
    assert len(server.requests) == 1


def test_the_default_policy_is_the_sdks(server: MockServer) -> None:
    with sync_client(server) as client:
        policy = client._policy
    assert (policy.max_retries, policy.initial_delay, policy.max_delay) == (2, 0.5, 8.0)
    assert policy.max_retry_after == 60.0


def test_the_clients_really_sleep_by_default(server: MockServer) -> None:
    """The fake clock replaces the real one at the place the clients really wait."""
    import anyio

    from claude_files import AsyncClient, Client

    with Client(api_key="k", base_url=server.base_url) as client:
        assert client._sleep is time.sleep

    async def main() -> None:
        async with AsyncClient(api_key="k", base_url=server.base_url) as client:
            assert client._sleep is anyio.sleep

    asyncio.run(main())
