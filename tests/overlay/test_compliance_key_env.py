"""The Compliance key may come from ANTHROPIC_COMPLIANCE_ACCESS_KEY (the Compliance API
reference's name) as well as ANTHROPIC_COMPLIANCE_API_KEY, which wins when both are set."""

from __future__ import annotations

import pytest

from claude_files import AsyncClient, ClaudeFilesError, Client
from claude_files.testing import MockServer

API_KEY = "ANTHROPIC_COMPLIANCE_API_KEY"
ACCESS_KEY = "ANTHROPIC_COMPLIANCE_ACCESS_KEY"


def _sent_key(server: MockServer) -> str:
    return server.requests[-1].headers["x-api-key"]


def test_the_access_key_variable_is_used_when_the_other_is_unset(
    mock_server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(API_KEY, raising=False)
    monkeypatch.setenv(ACCESS_KEY, mock_server.compliance_api_key)
    chat = mock_server.add_chat_file(b"abc")
    with Client(base_url=mock_server.base_url, api_key="unused") as client:
        assert client.compliance.files.download(chat["id"]) == b"abc"
    assert _sent_key(mock_server) == mock_server.compliance_api_key


@pytest.mark.parametrize("empty", ["", None])
def test_an_empty_api_key_variable_falls_through(
    mock_server: MockServer, monkeypatch: pytest.MonkeyPatch, empty: str | None
) -> None:
    if empty is None:
        monkeypatch.delenv(API_KEY, raising=False)
    else:
        monkeypatch.setenv(API_KEY, empty)
    monkeypatch.setenv(ACCESS_KEY, mock_server.compliance_api_key)
    chat = mock_server.add_chat_file(b"abc")
    with Client(base_url=mock_server.base_url, api_key="unused") as client:
        client.compliance.files.get(chat["id"])
    assert _sent_key(mock_server) == mock_server.compliance_api_key


async def test_the_api_key_variable_wins_when_both_are_set(
    mock_server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(API_KEY, mock_server.compliance_api_key)
    monkeypatch.setenv(ACCESS_KEY, "sk-ant-compliance-other")
    chat = mock_server.add_chat_file(b"abc")
    async with AsyncClient(base_url=mock_server.base_url, api_key="unused") as client:
        await client.compliance.files.get(chat["id"])
    assert _sent_key(mock_server) == mock_server.compliance_api_key


def test_an_argument_wins_over_both_variables(
    mock_server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(API_KEY, "sk-ant-compliance-a")
    monkeypatch.setenv(ACCESS_KEY, "sk-ant-compliance-b")
    chat = mock_server.add_chat_file(b"abc")
    key = mock_server.compliance_api_key
    with Client(base_url=mock_server.base_url, api_key="x", compliance_api_key=key) as client:
        client.compliance.files.get(chat["id"])
    assert _sent_key(mock_server) == key


def test_with_neither_the_error_names_both(
    mock_server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(API_KEY, raising=False)
    monkeypatch.delenv(ACCESS_KEY, raising=False)
    expected = pytest.raises(ClaudeFilesError, match=f"{API_KEY} or {ACCESS_KEY}")
    with Client(base_url=mock_server.base_url, api_key="x") as client, expected:
        client.compliance.files.get("claude_file_x")
    assert mock_server.requests == []
