"""`RequestPacer`: at most `max_requests` requests started in any `per`-second window.

The Compliance API allows 600 requests a minute per parent organisation, shared by all
its keys. A client given a pacer (`Client(pacer=...)`, `AsyncClient(pacer=...)`) asks it
before every attempt it sends: list pages, downloads and retries alike, so the count is
of requests on the wire, not of calls. Clients that share one pacer share its budget.

The pacer does no I/O and never sleeps: `reserve()` claims the next start and says how
long to wait for it, and the client waits in its own way (a thread sleeps, a task
awaits). Its clock is injectable, so tests drive it without waiting.

A sliding window of start times: the k-th start is at least `per` seconds after the
(k - max_requests)-th, so no window `[t, t + per)` holds more than `max_requests`.
Reservations never move backwards, so one that is given up (a cancelled task) only
leaves the budget unused, never exceeded.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from claude_files._errors import InvalidArgumentError


class RequestPacer:
    """Paces request starts: at most `max_requests` in any `per` seconds (thread-safe).

    `hold(seconds)` starts nothing for that long (a 429's `retry-after`: the
    organisation's budget is spent, for every request, not only the one retried).
    """

    def __init__(
        self,
        max_requests: int,
        per: float = 60.0,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not isinstance(max_requests, int) or isinstance(max_requests, bool):
            raise InvalidArgumentError(f"max_requests must be an int, not {max_requests!r}")
        if max_requests < 1:
            raise InvalidArgumentError(f"max_requests must be at least 1, not {max_requests}")
        if not per > 0:
            raise InvalidArgumentError(f"per must be a positive number of seconds, not {per!r}")
        self.max_requests = max_requests
        self.per = float(per)
        self._clock = clock
        self._starts: deque[float] = deque(maxlen=max_requests)
        self._not_before = float("-inf")
        self._lock = threading.Lock()
        self.reserved = 0
        """How many starts were claimed so far (for figures and tests)."""

    def reserve(self) -> float:
        """Claim the next start: the seconds to wait before sending (0.0: now)."""
        with self._lock:
            now = self._clock()
            start = max(now, self._not_before)
            if len(self._starts) == self.max_requests:
                start = max(start, self._starts[0] + self.per)
            if self._starts:
                start = max(start, self._starts[-1])  # never before an earlier claim
            self._starts.append(start)
            self.reserved += 1
            return start - now

    def hold(self, seconds: float) -> None:
        """Start nothing for `seconds` from now (a longer hold already set stays)."""
        if seconds > 0:
            with self._lock:
                self._not_before = max(self._not_before, self._clock() + seconds)

    def __repr__(self) -> str:
        return f"RequestPacer(max_requests={self.max_requests}, per={self.per})"
