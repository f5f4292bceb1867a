"""Compliance keys carry scopes (revision J): GET needs read:compliance_user_data, DELETE
delete:compliance_user_data; a key without it (an Admin key too) gets 401
authentication_error naming the scope. The constructed key has both."""

from __future__ import annotations

import httpx
import pytest

from claude_files import AuthenticationError, Client
from claude_files.testing import ADMIN_SCOPES, MockServer


def _url(server: MockServer, chat_id: str) -> str:
    return f"{server.base_url}/v1/compliance/apps/chats/files/{chat_id}"


def test_the_default_key_reads_and_deletes(mock_server: MockServer) -> None:
    chat = mock_server.add_chat_file(b"x")
    headers = {"x-api-key": mock_server.compliance_api_key}
    assert httpx.get(_url(mock_server, chat["id"]), headers=headers).status_code == 200
    assert httpx.delete(_url(mock_server, chat["id"]), headers=headers).status_code == 200


@pytest.mark.parametrize(
    ("scopes", "method", "missing"),
    [
        ((), "GET", "read:compliance_user_data"),
        (("read:compliance_user_data",), "DELETE", "delete:compliance_user_data"),
        (tuple(ADMIN_SCOPES), "GET", "read:compliance_user_data"),
        (tuple(ADMIN_SCOPES), "DELETE", "delete:compliance_user_data"),
    ],
)
def test_a_missing_scope_is_a_401_naming_it(
    mock_server: MockServer, scopes: tuple[str, ...], method: str, missing: str
) -> None:
    chat = mock_server.add_chat_file(b"x")
    key = mock_server.add_compliance_key(scopes)
    answer = httpx.request(method, _url(mock_server, chat["id"]), headers={"x-api-key": key})
    assert answer.status_code == 401
    error = answer.json()["error"]
    assert error["type"] == "authentication_error"
    assert f"does not have the `{missing}` scope required for this endpoint" in error["message"]
    assert error["message"].endswith(f"Got: {list(sorted(scopes))}".replace("'", '"'))


def test_the_client_names_the_missing_scope(mock_server: MockServer) -> None:
    chat = mock_server.add_chat_file(b"x")
    key = mock_server.add_compliance_key(["read:compliance_user_data"])
    with Client(base_url=mock_server.base_url, api_key="x", compliance_api_key=key) as client:
        assert client.compliance.files.get(chat["id"]).id == chat["id"]
        with pytest.raises(AuthenticationError) as caught:
            client.compliance.files.delete(chat["id"])
    assert caught.value.missing_scope == "delete:compliance_user_data"
    assert len(mock_server.requests) == 2  # a 401 is not retried


def test_an_invalid_key_has_no_missing_scope(mock_server: MockServer) -> None:
    client = Client(base_url=mock_server.base_url, api_key="x", compliance_api_key="bad")
    with client, pytest.raises(AuthenticationError) as caught:
        client.compliance.files.get("claude_file_x")
    assert caught.value.missing_scope is None


def test_reset_removes_added_keys_and_unknown_scopes_are_refused(mock_server: MockServer) -> None:
    key = mock_server.add_compliance_key()
    chat = mock_server.add_chat_file(b"x")
    assert httpx.get(_url(mock_server, chat["id"]), headers={"x-api-key": key}).status_code == 200
    mock_server.reset(clear_data=False)
    assert httpx.get(_url(mock_server, chat["id"]), headers={"x-api-key": key}).status_code == 401
    with pytest.raises(ValueError, match="unknown scope"):
        mock_server.add_compliance_key(["write:everything"])
