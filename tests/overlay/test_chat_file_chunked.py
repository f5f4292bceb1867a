"""Chat-file content as revision J sends it: `Transfer-Encoding: chunked`, no
`Content-Length`, no `Content-MD5`. Every download guarantee holds, in every mode, sync
and async: a cut-off body (no chunked terminator) is an IncompleteDownloadError after the
retries, a body over the cap fails at the first byte over, and nothing is left on disk."""

from __future__ import annotations

import base64
import hashlib

import pytest

from claude_files import AsyncClient, Client, FileTooLargeError, IncompleteDownloadError
from claude_files.testing import Fault, MockServer

from .conftest import Transfer, client_kwargs
from .test_downloads import CONTENT, content_requests  # 256 000 bytes: several chunks

CHAT_CONTENT = "/v1/compliance/apps/chats/files/*/content"
RESOURCE = "compliance.files"


@pytest.fixture
def chat_id(mock_server: MockServer) -> str:
    return str(mock_server.add_chat_file(CONTENT, filename="chat.bin")["id"])


def test_the_content_is_chunked_without_length_or_md5(
    mock_server: MockServer, chat_id: str
) -> None:
    with (
        Client(**client_kwargs(mock_server)) as c,
        c.compliance.files.download_stream(chat_id) as stream,
    ):
        assert b"".join(stream) == CONTENT
        headers = stream.headers
    assert headers["transfer-encoding"] == "chunked"
    assert "content-length" not in headers
    assert "content-md5" not in headers
    assert stream.content_length is None


async def test_per_file_switches_send_a_length_and_a_digest(mock_server: MockServer) -> None:
    chat = mock_server.add_chat_file(CONTENT, chunked=False, content_md5=True)
    async with (
        AsyncClient(**client_kwargs(mock_server)) as c,
        c.compliance.files.download_stream(chat["id"]) as stream,
    ):
        assert b"".join([chunk async for chunk in stream]) == CONTENT
        headers = stream.headers
    assert headers["content-length"] == str(len(CONTENT))
    assert headers["content-md5"] == base64.b64encode(hashlib.md5(CONTENT).digest()).decode()


def test_a_chunked_download_arrives_whole(transfer: Transfer, chat_id: str) -> None:
    assert transfer(RESOURCE, chat_id) == CONTENT
    assert transfer.leftovers() == []


@pytest.mark.parametrize("after", [0, 70_000])
def test_a_body_cut_off_every_time_is_an_incomplete_download(
    transfer: Transfer, mock_server: MockServer, chat_id: str, after: int
) -> None:
    mock_server.inject(Fault.truncate(after), path=CHAT_CONTENT, count=None)
    with pytest.raises(IncompleteDownloadError):
        transfer(RESOURCE, chat_id)
    assert content_requests(mock_server) == 3  # max_retries=2
    assert len(transfer.sleeps) == 2
    assert transfer.leftovers() == []


def test_a_body_cut_off_once_is_retried_to_the_whole(
    transfer: Transfer, mock_server: MockServer, chat_id: str
) -> None:
    mock_server.inject(Fault.truncate(70_000), path=CHAT_CONTENT)
    assert transfer(RESOURCE, chat_id) == CONTENT
    assert content_requests(mock_server) == 2
    assert transfer.leftovers() == []


@pytest.mark.parametrize("cap", [1, 65_536, len(CONTENT) - 1])
def test_a_body_over_the_cap_fails_and_is_not_retried(
    transfer: Transfer, mock_server: MockServer, chat_id: str, cap: int
) -> None:
    with pytest.raises(FileTooLargeError) as caught:
        transfer(RESOURCE, chat_id, max_bytes=cap)
    assert caught.value.limit == cap
    assert caught.value.size is None  # no length was announced
    assert content_requests(mock_server) == 1
    assert transfer.leftovers() == []


def test_a_body_exactly_at_the_cap_passes(transfer: Transfer, chat_id: str) -> None:
    assert transfer(RESOURCE, chat_id, max_bytes=len(CONTENT)) == CONTENT


@pytest.mark.parametrize("cap", [1, 100_000])
def test_the_stream_stops_at_the_first_byte_over(
    mock_server: MockServer, chat_id: str, cap: int
) -> None:
    received = 0
    with (  # noqa: PT012
        Client(**client_kwargs(mock_server)) as c,
        pytest.raises(FileTooLargeError),
        c.compliance.files.download_stream(chat_id, max_bytes=cap) as stream,
    ):
        for chunk in stream:
            received += len(chunk)
    assert received <= cap


def test_a_chunked_body_that_the_mock_cuts_with_a_chunked_fault_too(
    transfer: Transfer, mock_server: MockServer, chat_id: str
) -> None:
    mock_server.inject(Fault.chunked(), path=CHAT_CONTENT, count=None)
    mock_server.inject(Fault.truncate(100_000), path=CHAT_CONTENT, count=None)
    with pytest.raises(IncompleteDownloadError):
        transfer(RESOURCE, chat_id)
    assert transfer.leftovers() == []
