"""The Compliance API documents no `anthropic-version`: the client sends none there unless
given `compliance_api_version`; the Files API's requests always carry `api_version`."""

from __future__ import annotations

import pytest

from claude_files import AsyncClient, Client, InvalidArgumentError
from claude_files.testing import MockServer
from tests._support import client_kwargs


def test_compliance_requests_send_no_version_by_default(
    client: Client, mock_server: MockServer
) -> None:
    chat = mock_server.add_chat_file(b"abc")
    client.compliance.files.get(chat["id"])
    assert client.compliance.files.download(chat["id"]) == b"abc"
    list(client.files.list())
    compliance, files = mock_server.requests[:2], mock_server.requests[2:]
    assert [r.headers.get("anthropic-version") for r in compliance] == [None, None]
    assert {r.headers.get("anthropic-version") for r in files} == {client.api_version}


@pytest.mark.parametrize("version", ["2023-06-01", "2026-04-20"])
def test_compliance_api_version_is_sent_as_given(mock_server: MockServer, version: str) -> None:
    chat = mock_server.add_chat_file(b"abc")
    with Client(**client_kwargs(mock_server, compliance_api_version=version)) as c:
        c.compliance.files.get(chat["id"])
        with c.with_options(max_retries=0) as twin:
            twin.compliance.files.get(chat["id"])
        with c.with_options(compliance_api_version=None) as bare:
            bare.compliance.files.get(chat["id"])
    sent = [r.headers.get("anthropic-version") for r in mock_server.requests]
    assert sent == [version, version, None]


async def test_async_compliance_requests_send_no_version(mock_server: MockServer) -> None:
    chat = mock_server.add_chat_file(b"abc")
    async with AsyncClient(**client_kwargs(mock_server)) as c:
        assert await c.compliance.files.download(chat["id"]) == b"abc"
    assert mock_server.requests[-1].headers.get("anthropic-version") is None


@pytest.mark.parametrize("bad", ["", "  ", "a\nb"])
def test_a_bad_compliance_api_version_is_refused(mock_server: MockServer, bad: str) -> None:
    with pytest.raises(InvalidArgumentError, match="compliance_api_version"):
        Client(**client_kwargs(mock_server, compliance_api_version=bad))
