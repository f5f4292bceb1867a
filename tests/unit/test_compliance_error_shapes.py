"""Every error example of the Compliance API reference's revision J (API-NOTES), in its
bare `{"error": {...}}` shape, parses into the class the Files API envelope would give,
with `type`, `message`, `error_code` and the `request-id` header's id kept."""

from __future__ import annotations

import json
from typing import Any

import pytest

from claude_files import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
)
from claude_files._errors import make_status_error
from claude_files._retry import RetryPolicy

SCOPE_MESSAGE = (
    "API key does not have the `read:compliance_user_data` scope required for this "
    "endpoint. Got: []"
)
CONFLICT_MESSAGE = "Project claude_proj_01abc has chats and cannot be deleted."
# (status, error.type, error.message, the class) for each example in revision J.
EXAMPLES: list[tuple[int, str, str, type[APIStatusError]]] = [
    (400, "invalid_request_error", "limit must be between 1 and 1000", BadRequestError),
    (400, "invalid_request_error", "Invalid timestamp: created_at.gte", BadRequestError),
    (400, "invalid_request_error", "Unknown pagination id: page_zzz", BadRequestError),
    (401, "authentication_error", "Invalid API key", AuthenticationError),
    (401, "authentication_error", SCOPE_MESSAGE, AuthenticationError),
    (
        404,
        "not_found_error",
        "No file found with provided id, or it has already been deleted.",
        NotFoundError,
    ),
    (
        404,
        "not_found_error",
        "No project document found with provided id, or it has already been deleted.",
        NotFoundError,
    ),
    (409, "conflict_error", CONFLICT_MESSAGE, ConflictError),
    (500, "internal_error", "An internal error occurred.", InternalServerError),
]


def _bare(error_type: str, message: str, **details: Any) -> bytes:
    error: dict[str, Any] = {"type": error_type, "message": message}
    if details:
        error["details"] = details
    return json.dumps({"error": error}).encode()


@pytest.mark.parametrize(("status", "error_type", "message", "cls"), EXAMPLES)
def test_each_revision_j_example_parses_into_its_class(
    status: int, error_type: str, message: str, cls: type[APIStatusError]
) -> None:
    error = make_status_error(status, {"request-id": "req_rev_j"}, _bare(error_type, message))
    assert type(error) is cls
    assert error.status_code == status
    assert error.type == error_type
    assert error.api_message == message
    assert error.request_id == "req_rev_j"
    assert error.body is not None
    assert f"{error_type}: {message}" in str(error)


def test_the_bare_shape_keeps_error_code_and_refines_the_class() -> None:
    body = _bare("not_found_error", "expired", error_code="file_expired")
    error = make_status_error(404, {}, body)
    assert type(error).__name__ == "FileExpiredError"
    assert error.error_code == "file_expired"
    assert error.request_id is None


def test_both_shapes_give_the_same_fields() -> None:
    bare = make_status_error(404, {"request-id": "req_1"}, _bare("not_found_error", "gone"))
    full_body = json.dumps(
        {
            "type": "error",
            "error": {"type": "not_found_error", "message": "gone"},
            "request_id": "req_1",
        }
    ).encode()
    full = make_status_error(404, {}, full_body)
    assert (type(bare), bare.type, bare.api_message, bare.request_id) == (
        type(full),
        full.type,
        full.api_message,
        full.request_id,
    )


def test_a_wrong_top_level_type_is_not_an_envelope() -> None:
    body = json.dumps({"type": "nope", "error": {"type": "x", "message": "m"}}).encode()
    assert make_status_error(400, {}, body).body is None


def test_internal_error_is_retried_like_api_error() -> None:
    policy = RetryPolicy()
    assert policy.should_retry(500, {}, "An internal error occurred.") is True


def test_a_409_that_cannot_be_deleted_is_not_retried_other_409s_are() -> None:
    policy = RetryPolicy()
    assert policy.should_retry(409, {}, CONFLICT_MESSAGE) is False
    assert policy.should_retry(409, {}, "Concurrent update, try again") is True
    assert policy.should_retry(409, {"x-should-retry": "true"}, CONFLICT_MESSAGE) is True
    assert policy.wait_after(0, 409, {}, CONFLICT_MESSAGE) is None
