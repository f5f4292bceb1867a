"""Every fault the mock injects x every download mode x sync/async.

Each case says what the caller gets (the exact bytes, after retries, or the documented
typed error) and how many requests it takes; in every case the destination file is as
it was and no temporary file remains beside it.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from claude_files import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    ChecksumMismatchError,
    ClaudeFilesError,
    ConflictError,
    FileExpiredError,
    FileNotDownloadableError,
    FileTooLargeError,
    IncompleteDownloadError,
    InternalServerError,
    NotFoundError,
    OverloadedError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    RequestTooLargeError,
    ServiceUnavailableError,
)
from claude_files.testing import Fault, MockServer
from tests._support import (
    CONTENT_PATH,
    FLAVORS,
    MODES,
    FakeSleep,
    assert_untouched,
    async_client,
    download_async,
    download_sync,
    prepare_dest,
    sync_client,
)

CONTENT = random.Random(7).randbytes(200_003)  # several chunks, not a round size


@dataclass(frozen=True)
class Case:
    id: str
    faults: tuple[tuple[Fault, int | None], ...]
    expected: type[ClaudeFilesError] | None  # None: the exact bytes
    attempts: int
    kwargs: dict[str, Any] = field(default_factory=dict)


def once(fault: Fault) -> tuple[tuple[Fault, int | None], ...]:
    return ((fault, 1),)


def always(fault: Fault) -> tuple[tuple[Fault, int | None], ...]:
    return ((fault, None),)


CASES = [
    Case("no-fault", (), None, 1),
    # Statuses: retried ones recover once and give up after max_retries (2) retries.
    Case("503-once", once(Fault.status(503)), None, 2),
    Case("429-once-retry-after-ms", once(Fault.status(429, retry_after_ms=5)), None, 2),
    Case("500-always", always(Fault.status(500)), InternalServerError, 3),
    Case("503-always", always(Fault.status(503)), ServiceUnavailableError, 3),
    Case("529-always", always(Fault.status(529)), OverloadedError, 3),
    Case("408-always", always(Fault.status(408)), RequestTimeoutError, 3),
    Case("409-always", always(Fault.status(409)), ConflictError, 3),
    Case("429-always", always(Fault.status(429, retry_after="0")), RateLimitError, 3),
    Case("400", always(Fault.status(400)), BadRequestError, 1),
    Case("401", always(Fault.status(401)), AuthenticationError, 1),
    Case("403", always(Fault.status(403)), PermissionDeniedError, 1),
    Case("404", always(Fault.status(404)), NotFoundError, 1),
    Case("413", always(Fault.status(413)), RequestTooLargeError, 1),
    Case(
        "404-file-expired",
        always(Fault.status(404, error_code="file_expired")),
        FileExpiredError,
        1,
    ),
    Case(
        "400-not-downloadable",
        always(Fault.status(400, error_code="file_not_downloadable")),
        FileNotDownloadableError,
        1,
    ),
    Case(
        "503-should-retry-false",
        always(Fault.status(503, should_retry=False)),
        ServiceUnavailableError,
        1,
    ),
    Case("400-should-retry-true-once", once(Fault.status(400, should_retry=True)), None, 2),
    # The connection.
    Case("disconnect-once", once(Fault.disconnect()), None, 2),
    Case("disconnect-always", always(Fault.disconnect()), APIConnectionError, 3),
    Case("truncate-mid-body-once", once(Fault.truncate(70_000)), None, 2),
    Case("truncate-at-0-once", once(Fault.truncate(0)), None, 2),
    Case("truncate-always", always(Fault.truncate(70_000)), IncompleteDownloadError, 3),
    Case(
        "chunked-truncate-always",
        ((Fault.chunked(), None), (Fault.truncate(90_000), None)),
        IncompleteDownloadError,
        3,
    ),
    Case("lying-length-once", once(Fault.lying_length(10)), IncompleteDownloadError, 2),
    Case("lying-length-always", always(Fault.lying_length(10)), IncompleteDownloadError, 3),
    # The body and its headers.
    Case("wrong-md5", always(Fault.wrong_md5()), ChecksumMismatchError, 1),
    Case("chunked", always(Fault.chunked()), None, 1),
    Case("slow", always(Fault.slow(20_000_000)), None, 1),
    Case("non-json-502-once", once(Fault.non_json(502)), None, 2),
    Case("non-json-502-always", always(Fault.non_json(502)), InternalServerError, 3),
    Case("non-json-413", always(Fault.non_json(413)), RequestTooLargeError, 1),
    Case("x-should-retry-false-on-200", always(Fault.header("x-should-retry", "false")), None, 1),
    Case("over-the-cap", (), FileTooLargeError, 1, {"max_bytes": len(CONTENT) - 1}),
    Case(
        "over-the-cap-chunked",
        always(Fault.chunked()),
        FileTooLargeError,
        1,
        {"max_bytes": len(CONTENT) // 2},
    ),
    Case("exactly-the-cap", (), None, 1, {"max_bytes": len(CONTENT)}),
]


@pytest.fixture(scope="module")
def file_id(shared_server: MockServer) -> str:
    return str(shared_server.add_file(CONTENT, filename="matrix.bin")["id"])


def run_case(
    flavor: str, mode: str, server: MockServer, file_id: str, dest: Path, case: Case
) -> tuple[Any, list[float]]:
    """The bytes (or the exception the download raised), and the waits before retries."""
    sleep = FakeSleep()
    try:
        if flavor == "sync":
            with sync_client(server, sleep) as client:
                return download_sync(client, mode, file_id, dest, **case.kwargs), sleep.waits

        async def main() -> bytes:
            async with async_client(server, sleep) as client:
                return await download_async(client, mode, file_id, dest, **case.kwargs)

        return asyncio.run(main()), sleep.waits
    except ClaudeFilesError as exc:
        return exc, sleep.waits


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_fault(
    flavor: str, mode: str, case: Case, server: MockServer, file_id: str, tmp_path: Path
) -> None:
    for fault, count in case.faults:
        server.inject(fault, path=CONTENT_PATH, count=count)
    dest = prepare_dest(tmp_path / "downloads")

    outcome, waits = run_case(flavor, mode, server, file_id, dest, case)

    if case.expected is None:
        assert isinstance(outcome, bytes), f"expected the bytes, got {outcome!r}"
        assert outcome == CONTENT
    else:
        assert type(outcome) is case.expected, f"expected {case.expected.__name__}: {outcome!r}"
    attempts = [r for r in server.requests if r.path.endswith("/content")]
    assert len(attempts) == case.attempts
    assert len(waits) == case.attempts - 1  # one wait before each retry
    assert_untouched(dest.parent, dest)
