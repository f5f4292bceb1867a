"""AsyncClient over real HTTP: the same surface, awaited, with file I/O off the loop."""

from __future__ import annotations

import io
import os
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from claude_files import (
    AsyncClient,
    ClaudeFilesError,
    FileMetadata,
    NotFoundError,
    ServiceUnavailableError,
)
from claude_files._files import AtomicFile
from claude_files.testing import Fault, MockServer

from .conftest import client_kwargs


@pytest.mark.parametrize("kind", ["path", "file", "bytes", "tuple"])
async def test_upload_every_input_kind(
    aclient: AsyncClient, mock_server: MockServer, tmp_path: Path, kind: str
) -> None:
    mock_server.uploaded_files_downloadable = True  # it downloads its upload (the real API refuses)
    content = b"async\r\n--+++\r\n" * 1000
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    with path.open("rb") as opened:
        file: Any = {
            "path": path,
            "file": opened,
            "bytes": content,
            "tuple": ("a.txt", content, None),
        }[kind]
        meta = await aclient.files.upload(file, filename="a.txt", expires_in=3600)
    assert (meta.filename, meta.mime_type, meta.size_bytes) == ("a.txt", "text/plain", 14000)
    assert meta.expires_at is not None
    assert await aclient.files.download(meta.id) == content


async def test_upload_reads_the_file_off_the_event_loop(aclient: AsyncClient) -> None:
    readers: set[str] = set()

    class Watched(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            readers.add(threading.current_thread().name)
            return super().read(size)

    meta = await aclient.files.upload(Watched(b"x" * 200_000), filename="w.bin")
    assert meta.size_bytes == 200_000
    assert readers
    assert threading.current_thread().name not in readers


async def test_download_to_file_writes_off_the_event_loop(
    aclient: AsyncClient, mock_server: MockServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers: set[str] = set()
    original = AtomicFile.write

    def write(self: AtomicFile, data: bytes) -> None:
        writers.add(threading.current_thread().name)
        original(self, data)

    monkeypatch.setattr(AtomicFile, "write", write)
    file_id = mock_server.add_file(b"y" * 300_000)["id"]
    path = await aclient.files.download_to_file(file_id, tmp_path / "y.bin")
    assert path.stat().st_size == 300_000
    assert writers
    assert threading.current_thread().name not in writers


async def test_get_retrieve_delete(aclient: AsyncClient, mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"x", filename="x.txt")["id"]
    meta = await aclient.files.get(file_id)
    assert isinstance(meta, FileMetadata)
    assert (await aclient.files.retrieve(file_id)).filename == "x.txt"
    assert (await aclient.files.delete(file_id)).id == file_id
    with pytest.raises(NotFoundError):
        await aclient.files.get(file_id)


async def test_list_items_pages_and_ids(mock_server_factory: Callable[..., MockServer]) -> None:
    server = mock_server_factory()
    ids = [server.add_file(b"x")["id"] for _ in range(5)][::-1]
    async with AsyncClient(**client_kwargs(server)) as client:
        assert [f.id async for f in client.files.list(limit=2)] == ids
        assert [len(p.data) async for p in client.files.list(limit=2).pages] == [2, 2, 1]
        backwards = [f.id async for f in client.files.list(limit=2, before_id=ids[4])]
        assert backwards == ids[2:4] + ids[0:2]
        assert [f.id async for f in client.files.list(ids=[ids[0]])] == [ids[0]]


async def test_compliance_methods(aclient: AsyncClient, mock_server: MockServer) -> None:
    chat_id = mock_server.add_chat_file(b"c", filename="c.txt")["id"]
    gen_id = mock_server.add_generated_file(b"g", filename="g.txt")["id"]
    assert (await aclient.compliance.files.get(chat_id)).filename == "c.txt"
    assert (await aclient.compliance.generated_files.get(gen_id)).filename == "g.txt"
    assert (await aclient.compliance.files.delete(chat_id)).id == chat_id
    with pytest.raises(NotFoundError):
        await aclient.compliance.files.download(chat_id)


async def test_headers_per_call_and_retries(
    aclient: AsyncClient, mock_server: MockServer, sleeps: list[float]
) -> None:
    file_id = mock_server.add_file(b"x")["id"]
    mock_server.inject(Fault.status(503, retry_after="2"), path="/v1/files/*")
    await aclient.files.get(file_id, workspace_id="wrkspc_1")
    assert sleeps == [2.0]
    assert [r.headers.get("anthropic-workspace-id") for r in mock_server.requests] == [
        "wrkspc_1",
        "wrkspc_1",
    ]
    mock_server.inject(Fault.status(503), path="/v1/files/*", count=None)
    with pytest.raises(ServiceUnavailableError):
        await aclient.files.get(file_id)
    assert len(sleeps) == 3


async def test_a_missing_key_names_the_variable(
    mock_server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTHROPIC_COMPLIANCE_API_KEY", raising=False)
    async with AsyncClient(**client_kwargs(mock_server, compliance_api_key=None)) as client:
        with pytest.raises(ClaudeFilesError, match="ANTHROPIC_COMPLIANCE_API_KEY"):
            await client.compliance.generated_files.get("claude_gen_file_x")
    assert mock_server.requests == []


async def test_a_shared_http_client_is_left_open(mock_server: MockServer) -> None:
    async with httpx.AsyncClient() as http:
        file_id = mock_server.add_file(b"shared")["id"]
        async with AsyncClient(**client_kwargs(mock_server, http_client=http)) as client:
            assert await client.files.download(file_id) == b"shared"
        assert not http.is_closed


async def test_a_path_upload_streams_from_disk(aclient: AsyncClient, tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(os.urandom(1 << 20) * 32)
    await aclient.files.upload(b"warm", filename="w.bin")
    tracemalloc.start()
    try:
        meta = await aclient.files.upload(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert meta.size_bytes == 32 << 20
    assert peak < 8 << 20
