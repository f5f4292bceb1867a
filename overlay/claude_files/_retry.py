"""When to retry and how long to wait: the policy the protocols (`_protocol`) follow."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claude_files._errors import APIStatusError

#: In a 409's message: a conflict that retrying cannot clear (see RetryPolicy).
_LASTING_CONFLICT = "cannot be deleted"


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
            import dateutil.parser  # an HTTP date is rare: not paid for on every import

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
