"""The response behind a result (issue 14.4): `_request_id` on every parsed result, as
the anthropic SDK has it, `request_id` on every error that comes from a response, and
`status_code`, `headers`, `request_id` on a `DownloadStream`."""

from __future__ import annotations

import copy
import itertools
import pickle
from pathlib import Path
from typing import Any

import httpx
import pytest

import claude_files as cf
from claude_files.testing import Fault, MockServer
from tests._support import async_client, sync_client


def rid(result: Any) -> Any:
    """`result._request_id` (the models' type stubs do not declare it)."""
    return result._request_id


def last_id(server: MockServer) -> str:
    return server.requests[-1].request_id


def test_every_parsed_result_has_its_request_id(mock_server: MockServer) -> None:
    mock_server.add_file(b"older")
    file_id = mock_server.add_file(b"data", filename="a.txt")["id"]
    chat = mock_server.add_chat_file(b"chat")["id"]
    with sync_client(mock_server) as client:
        meta = client.files.get(file_id)
        assert rid(meta) == last_id(mock_server)
        uploaded = client.files.upload(b"up", filename="up.txt")
        assert rid(uploaded) == last_id(mock_server)
        deleted = client.files.delete(uploaded.id)
        assert rid(deleted) == last_id(mock_server)
        pages = list(itertools.islice(client.files.list(limit=1).pages, 2))
        assert len(pages) >= 2
        page_ids = [r.request_id for r in mock_server.requests[-len(pages) :]]
        assert [rid(p) for p in pages] == page_ids
        assert rid(client.compliance.files.get(chat)) == last_id(mock_server)
    assert isinstance(meta, cf.FileMetadata)
    assert meta == cf.FileMetadata.from_dict(meta.to_dict())  # the id is not a field
    assert cf.FileMetadata.from_dict(meta.to_dict()) == meta
    assert repr(meta) == repr(cf.FileMetadata.from_dict(meta.to_dict()))
    assert "_request_id" not in meta.to_dict()
    assert pickle.loads(pickle.dumps(meta)) == meta
    assert copy.copy(meta) == meta


async def test_async_results_have_their_request_id(mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"data")["id"]
    async with async_client(mock_server) as client:
        meta = await client.files.retrieve_metadata(file_id)
        assert rid(meta) == last_id(mock_server)
        async for page in client.files.list(limit=1).pages:
            assert rid(page) == last_id(mock_server)
            break


def test_status_errors_have_the_request_id(mock_server: MockServer) -> None:
    with sync_client(mock_server) as client, pytest.raises(cf.NotFoundError) as info:
        client.files.get("file_missing")
    assert info.value.request_id == last_id(mock_server)


def test_a_body_that_is_not_the_documented_json_has_the_request_id() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"nope": 1}, headers={"request-id": "req_bad"})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = cf.Client(api_key="k", base_url="http://api.test", http_client=http)
    with pytest.raises(cf.APIResponseValidationError) as info:
        client.files.get("file_x")
    assert info.value.request_id == "req_bad"


def test_download_errors_have_the_request_id(mock_server: MockServer, tmp_path: Path) -> None:
    file_id = mock_server.add_file(b"x" * 1000, filename="a.bin")["id"]
    with sync_client(mock_server, max_retries=0) as client:
        with pytest.raises(cf.FileTooLargeError) as too_large:
            client.files.download(file_id, max_bytes=10)
        assert too_large.value.request_id == last_id(mock_server)
        mock_server.inject(Fault.truncate(10), path="/v1/files/*/content")
        with pytest.raises(cf.IncompleteDownloadError) as cut:
            client.files.download(file_id)
        assert cut.value.request_id == last_id(mock_server)
        (tmp_path / "a.bin").write_bytes(b"mine")
        with pytest.raises(cf.DestinationExistsError) as exists:
            client.files.download_to_file(file_id, tmp_path)
        assert exists.value.request_id == last_id(mock_server)
    assert len({too_large.value.request_id, cut.value.request_id, exists.value.request_id}) == 3


def test_errors_without_a_response_have_none() -> None:
    assert cf.InvalidIdError("bad").request_id is None
    assert cf.APIConnectionError().request_id is None


def test_a_download_stream_shows_its_response(mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"data", filename="a.txt", mime_type="text/plain")["id"]
    with sync_client(mock_server) as client, client.files.download_stream(file_id) as stream:
        assert stream.status_code == 200
        assert stream.request_id == last_id(mock_server)
        assert stream.headers["Content-Type"].startswith("text/plain")  # any case
        assert stream.headers["content-length"] == "4"
        assert b"".join(stream) == b"data"


async def test_an_async_download_stream_shows_its_response(mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"data")["id"]
    client = async_client(mock_server)
    async with client, client.files.download_stream(file_id) as stream:
        assert stream.status_code == 200
        assert stream.request_id == last_id(mock_server)
        assert stream.headers["request-id"] == stream.request_id
        assert b"".join([c async for c in stream]) == b"data"
