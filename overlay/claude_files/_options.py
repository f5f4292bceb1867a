"""Per-call options, named as in the anthropic SDK: `timeout`, `extra_headers`, `extra_query`.

Every resource method takes them; `RequestOptions` carries them to where the request is
built (`_BaseClient._complete`). `NOT_GIVEN` tells "not passed" from `timeout=None`,
which means no timeout at all, as in httpx and the SDK.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, TypedDict, TypeVar

import httpx


class NotGiven:
    """The type of `NOT_GIVEN`: an option that was not passed."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

Timeout = float | httpx.Timeout | None
T = TypeVar("T")


def given(value: T | NotGiven, default: T) -> T:
    """`value`, or `default` when it was not given."""
    return default if isinstance(value, NotGiven) else value


@dataclass(frozen=True)
class RequestOptions:
    """What one call adds to its requests (every attempt, every page).

    `extra_headers` are merged last, over the client's own headers (so they can
    replace them); `extra_query` is added to the query; `timeout` replaces the
    client's for this call.
    """

    timeout: Timeout | NotGiven = NOT_GIVEN
    extra_headers: Mapping[str, str] | None = None
    extra_query: Mapping[str, object] | None = None

    def apply(self, kwargs: dict[str, Any], timeout: Timeout | NotGiven) -> dict[str, Any]:
        """`kwargs` for httpx's `build_request`, with these options (or the client's
        `timeout`) applied."""
        result = dict(kwargs)
        if self.extra_headers:
            result["headers"] = {**result.get("headers", {}), **self.extra_headers}
        if self.extra_query:
            result["params"] = {**result.get("params", {}), **self.extra_query}
        chosen = timeout if isinstance(self.timeout, NotGiven) else self.timeout
        if not isinstance(chosen, NotGiven):
            result["timeout"] = chosen
        return result


NO_OPTIONS: Final = RequestOptions()


class CallOptions(TypedDict, total=False):
    """What every resource method also takes, for its requests (as in the anthropic SDK):
    `extra_headers`, `extra_query` and `timeout` (see `RequestOptions`)."""

    extra_headers: Mapping[str, str] | None
    extra_query: Mapping[str, object] | None
    timeout: Timeout | NotGiven
