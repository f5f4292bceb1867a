"""Error classification from status, `error.type` and `error.details.error_code`."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

import claude_files as cf
from claude_files._errors import error_class, make_status_error


def envelope(status_type: str, message: str = "m", **details: Any) -> bytes:
    error: dict[str, Any] = {"type": status_type, "message": message}
    if details:
        error["details"] = details
    return json.dumps({"type": "error", "error": error, "request_id": "req_body"}).encode()


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, cf.BadRequestError),
        (401, cf.AuthenticationError),
        (402, cf.PaymentRequiredError),
        (403, cf.PermissionDeniedError),
        (404, cf.NotFoundError),
        (408, cf.RequestTimeoutError),
        (409, cf.ConflictError),
        (412, cf.PreconditionFailedError),
        (413, cf.RequestTooLargeError),
        (422, cf.UnprocessableEntityError),
        (429, cf.RateLimitError),
        (431, cf.RequestHeaderFieldsTooLargeError),
        (499, cf.ClientClosedRequestError),
        (500, cf.InternalServerError),
        (501, cf.HTTPNotImplementedError),
        (502, cf.InternalServerError),
        (503, cf.ServiceUnavailableError),
        (504, cf.GatewayTimeoutError),
        (529, cf.OverloadedError),
        (418, cf.APIStatusError),
    ],
)
def test_class_per_status(status: int, cls: type[cf.APIStatusError]) -> None:
    assert error_class(status, None) is cls
    error = make_status_error(status, {}, envelope("api_error"))
    assert type(error) is cls
    assert error.status_code == status


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, "file_not_downloadable", cf.FileNotDownloadableError),
        (404, "file_expired", cf.FileExpiredError),
        (400, "storage_quota_exceeded", cf.StorageQuotaExceededError),
        (400, "organization_on_hold", cf.OrganizationOnHoldError),
        (400, "cmek_key_disabled", cf.BadRequestError),
        (429, "ramp_limit_exceeded", cf.RateLimitError),
        (500, "file_expired", cf.InternalServerError),  # a code that does not fit its status
    ],
)
def test_error_code_refines_the_class(status: int, code: str, cls: type[Exception]) -> None:
    error = make_status_error(status, {}, envelope("invalid_request_error", **{"error_code": code}))
    assert type(error) is cls
    assert error.error_code == code
    assert code in str(error)


def test_organization_on_hold_has_the_appeal_url() -> None:
    body = envelope(
        "invalid_request_error", error_code="organization_on_hold", appeal_url="https://a"
    )
    error = make_status_error(400, {}, body)
    assert isinstance(error, cf.OrganizationOnHoldError)
    assert error.appeal_url == "https://a"


def test_fields_and_request_id_from_header_first() -> None:
    error = make_status_error(404, {"request-id": "req_hdr"}, envelope("not_found_error", "gone"))
    assert (error.type, error.api_message, error.request_id) == (
        "not_found_error",
        "gone",
        "req_hdr",
    )
    assert str(error) == "404 not_found_error: gone [request-id req_hdr]"
    assert make_status_error(404, {}, envelope("not_found_error")).request_id == "req_body"


@pytest.mark.parametrize("body", [b"<html><h1>413 Request Entity Too Large</h1></html>", b"", b"{"])
def test_a_non_json_body_still_gives_the_class_and_a_message(body: bytes) -> None:
    error = make_status_error(413, {}, body)
    assert type(error) is cf.RequestTooLargeError
    assert error.body is None
    assert error.error_code is None
    assert str(error).startswith("413 ")
    assert len(str(error)) > len("413 ")


def test_hierarchy_matches_the_sdk_names() -> None:
    assert issubclass(cf.APITimeoutError, cf.APIConnectionError)
    assert issubclass(cf.APIConnectionError, cf.APIError)
    assert issubclass(cf.APIStatusError, cf.APIError)
    assert issubclass(cf.APIError, cf.ClaudeFilesError)
    assert cf.ContentTooLargeError is cf.RequestTooLargeError
    for cls in (cf.FileTooLargeError, cf.IncompleteDownloadError, cf.ChecksumMismatchError):
        assert issubclass(cls, cf.ClaudeFilesError)
        assert not issubclass(cls, cf.APIError)


def test_a_message_that_quotes_the_key_is_redacted() -> None:
    request = httpx.Request("GET", "https://api.example/v1/files/x", headers={"x-api-key": "sk-1"})
    body = b'{"type": "error", "error": {"type": "authentication_error", "message": "bad sk-1"}}'
    response = httpx.Response(401, content=body, request=request)
    error = make_status_error(401, response.headers, body, response)
    assert "sk-1" not in str(error)
    assert "bad [redacted]" in str(error)


def test_a_response_without_its_request_still_classifies() -> None:
    response = httpx.Response(503, content=b"<html>busy</html>")
    error = make_status_error(503, response.headers, b"<html>busy</html>", response)
    assert isinstance(error, cf.ServiceUnavailableError)
    assert "busy" in str(error)
