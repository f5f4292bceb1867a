"""Compliance errors over HTTP: the mock's bare shape (and the full one when switched or
injected) reach the caller as the same typed errors; a lasting 409 is not retried."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claude_files import Client, ConflictError, InternalServerError, NotFoundError
from claude_files.testing import Fault, MockServer

CHAT = "/v1/compliance/apps/chats/files/*"
LASTING = "Project claude_proj_01 has chats and cannot be deleted."


@pytest.mark.parametrize("envelope", ["bare", "full"])
def test_a_compliance_404_parses_in_either_envelope(
    client: Client, mock_server: MockServer, envelope: str
) -> None:
    if envelope == "full":
        mock_server.compliance_error_envelope = "full"
    with pytest.raises(NotFoundError) as caught:
        client.compliance.files.get("claude_file_missing")
    error = caught.value
    assert error.type == "not_found_error"
    assert error.api_message
    last = mock_server.requests[-1]
    assert error.request_id == last.request_id
    assert error.body is not None
    assert (error.body.request_id == last.request_id) is (envelope == "full")


def test_an_injected_bare_error_on_a_files_path_parses(
    client: Client, mock_server: MockServer
) -> None:
    mock_server.inject(
        Fault.status(404, envelope="bare", message="No file found"), path="/v1/files/*"
    )
    with pytest.raises(NotFoundError) as caught:
        client.files.get("file_x")
    assert caught.value.api_message == "No file found"
    assert caught.value.request_id == mock_server.requests[-1].request_id


def test_a_409_that_cannot_be_deleted_is_sent_once(
    client: Client, mock_server: MockServer, sleeps: list[float]
) -> None:
    mock_server.inject(Fault.status(409, message=LASTING), method="DELETE", path=CHAT, count=None)
    with pytest.raises(ConflictError) as caught:
        client.compliance.files.delete("claude_file_x")
    assert caught.value.api_message == LASTING
    assert len(mock_server.requests) == 1
    assert sleeps == []


def test_a_transient_409_is_retried(
    client: Client, mock_server: MockServer, sleeps: list[float]
) -> None:
    chat = mock_server.add_chat_file(b"x")
    mock_server.inject(Fault.status(409, message="Concurrent update"), method="DELETE", path=CHAT)
    client.compliance.files.delete(chat["id"])
    assert len(mock_server.requests) == 2
    assert len(sleeps) == 1


def test_internal_error_500_is_retried_then_raised(
    client: Client, mock_server: MockServer, sleeps: list[float]
) -> None:
    fault = Fault.status(500, error_type="internal_error", message="An internal error occurred.")
    mock_server.inject(fault, path=CHAT, count=None)
    with pytest.raises(InternalServerError) as caught:
        client.compliance.files.get("claude_file_x")
    assert caught.value.type == "internal_error"
    assert len(mock_server.requests) == 3
    assert len(sleeps) == 2


@pytest.mark.parametrize(
    ("path", "call", "error_type"),
    [
        (CHAT, lambda c: c.compliance.files.get("claude_file_x"), "internal_error"),
        ("/v1/files/*", lambda c: c.files.get("file_x"), "api_error"),
    ],
)
def test_the_mocks_500_of_either_api_is_an_internal_server_error(
    client: Client,
    mock_server: MockServer,
    path: str,
    call: Callable[[Client], object],
    error_type: str,
) -> None:
    mock_server.inject(Fault.status(500), path=path, count=None)
    with pytest.raises(InternalServerError) as caught:
        call(client)
    assert caught.value.type == error_type
    assert caught.value.status_code == 500
