"""`download_to_file(..., on_response=...)` tells the accepted response's status, headers
and request id (a `Path` has no room for `_request_id`); a project document's is its
JSON response's. A callback that raises fails the download, with nothing written."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from claude_files import AsyncClient, Client, ResponseInfo
from claude_files.testing import MockServer
from tests._support import client_kwargs


def test_a_chat_file_and_a_document_tell_their_request_ids(
    mock_server: MockServer, tmp_path: Path
) -> None:
    project = mock_server.add_project()
    chat = mock_server.add_project_file(project, b"%PDF", "a.pdf")["id"]
    document = mock_server.add_project_document(project, "notes", "n.txt")["id"]
    told: list[ResponseInfo] = []
    with Client(**client_kwargs(mock_server)) as client:
        path = client.compliance.files.download_to_file(chat, tmp_path, on_response=told.append)
        assert path.read_bytes() == b"%PDF"
        text = client.compliance.project_documents.download_to_file(
            document, tmp_path, on_response=told.append
        )
        assert text.read_text() == "notes"
    sent = mock_server.requests
    assert [info.request_id for info in told] == [r.request_id for r in sent]
    assert [info.status_code for info in told] == [200, 200]
    assert told[0].headers["content-disposition"] == 'attachment; filename="a.pdf"'


async def test_async_files_tell_it_and_a_raising_callback_leaves_nothing(
    mock_server: MockServer, tmp_path: Path
) -> None:
    file_id = mock_server.add_file(b"data", filename="d.bin")["id"]
    told: list[ResponseInfo] = []

    def refuse(info: ResponseInfo) -> None:
        raise LookupError(info.request_id)

    async with AsyncClient(**client_kwargs(mock_server)) as client:
        path = await client.files.download_to_file(file_id, tmp_path, on_response=told.append)
        assert path.read_bytes() == b"data"
        with pytest.raises(LookupError):
            await client.files.download_to_file(file_id, tmp_path / "x.bin", on_response=refuse)
    assert told[0].request_id == mock_server.requests[0].request_id
    assert sorted(await asyncio.to_thread(os.listdir, tmp_path)) == ["d.bin"]
