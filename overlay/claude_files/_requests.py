"""What every resource's requests share: checked ids, the JSON parser, the JSON-list
parameters of the Compliance API."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from claude_files._errors import (
    APIResponseValidationError,
    InvalidArgumentError,
    InvalidIdError,
    InvalidIdTypeError,
    InvalidTypeError,
)
from claude_files._extract import ExtractLimits
from claude_files._paging import Params

T = TypeVar("T")

# A `/`, or a control character (Unicode category Cc: U+0000-U+001F and U+007F-U+009F).
_NOT_IN_AN_ID = re.compile("[/\x00-\x1f\x7f-\x9f]")


def check_id(value: str, name: str = "file_id") -> str:
    """An id that stays one path segment: the generated code percent-encodes the rest.

    Refused before any request: a non-str, an empty or blank id, `.` and `..`, and any
    `/` or control character (a newline would be sent as is, percent-encoded).
    """
    if not isinstance(value, str):
        raise InvalidIdTypeError(f"{name} must be a str, not {type(value).__name__}")
    if value in (".", "..") or not value.strip() or _NOT_IN_AN_ID.search(value):
        raise InvalidIdError(f"{name} {value!r} is not a valid id")
    return value


def json_parser(parse: Callable[[Any], T]) -> Callable[[bytes], T]:
    """`parse` over a JSON body; whatever it chokes on is the server's fault."""

    def parse_body(body: bytes) -> T:
        try:
            return parse(json.loads(body))
        except Exception as exc:
            raise APIResponseValidationError(
                f"the response is not the documented JSON: {type(exc).__name__}: {exc}"[:500]
            ) from exc

    return parse_body


def files_list_params(**params: Any) -> Params:
    if params["ids"] is not None and params["limit"] is not None:
        raise InvalidArgumentError("ids cannot be combined with limit")
    return {k: v for k, v in params.items() if v is not None}


def check_limit(limit: int | None, most: int) -> int | None:
    """A page size from 1 to `most` (or None: the server's default), refused before any
    request otherwise."""
    if limit is not None and not 1 <= limit <= most:
        raise InvalidArgumentError(f"limit must be from 1 to {most}")
    return limit


def code_artifacts_params(
    limit: int | None,
    organization_ids: Sequence[str] | None,
    user_ids: Sequence[str] | None,
    updated_at: dict[str, datetime | None],
) -> Params:
    params: Params = {
        "limit": check_limit(limit, 100),
        "organization_ids": _strings(organization_ids, "organization_ids"),
        "user_ids": _strings(user_ids, "user_ids"),
    }
    for op, moment in updated_at.items():
        if moment is not None and moment.tzinfo is None:
            raise InvalidArgumentError(f"updated_at_{op} needs a timezone (an aware datetime)")
        params[f"updated_at_{op}"] = moment
    return {k: v for k, v in params.items() if v is not None}


def _strings(values: Sequence[str] | None, name: str) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        raise InvalidTypeError(f"{name} is a list of ids, not a str")
    return [check_id(v, name) for v in values]


def limits_for(extract: bool, limits: ExtractLimits | None) -> ExtractLimits | None:
    if limits is not None and not extract:
        raise InvalidArgumentError("extract_limits needs extract=True")
    return (limits or ExtractLimits()) if extract else None
