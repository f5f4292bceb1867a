"""A file's writer thread starts only for a body of more than one batch; a smaller body is
written by the commit's one trip to a worker thread, and is as complete as a large one."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from claude_files import AsyncClient, Client
from claude_files._async._transfers import WRITE_BATCH_BYTES
from claude_files.testing import Fault, MockServer


def _writers() -> int:
    return sum(t.name == "claude-files-write" for t in threading.enumerate())


def _watch(seen: list[int]) -> Any:
    return lambda done, total: seen.append(_writers())


@pytest.mark.parametrize(
    ("size", "threads"), [(1000, 0), (WRITE_BATCH_BYTES, 1), (3 * WRITE_BATCH_BYTES, 1)]
)
def test_sync(
    client: Client, mock_server: MockServer, tmp_path: Path, size: int, threads: int
) -> None:
    data = os.urandom(size)
    file_id = mock_server.add_file(data, filename="f.bin")["id"]
    seen: list[int] = []
    path = client.files.download_to_file(file_id, tmp_path / "f.bin", on_progress=_watch(seen))
    assert path.read_bytes() == data
    assert max(seen) == threads
    assert _writers() == 0  # stopped by the end


@pytest.mark.parametrize(("size", "threads"), [(1000, 0), (3 * WRITE_BATCH_BYTES, 1)])
async def test_async(
    aclient: AsyncClient, mock_server: MockServer, tmp_path: Path, size: int, threads: int
) -> None:
    data = os.urandom(size)
    file_id = mock_server.add_file(data, filename="f.bin")["id"]
    seen: list[int] = []
    path = await aclient.files.download_to_file(
        file_id, tmp_path / "f.bin", on_progress=_watch(seen)
    )
    assert path.read_bytes() == data
    assert max(seen) == threads
    assert _writers() == 0


def test_a_small_body_resumed_after_a_cut_is_whole(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    data = os.urandom(300_000)
    file_id = mock_server.add_file(data, filename="f.bin")["id"]
    mock_server.inject(Fault.truncate(100_000), path=f"/v1/files/{file_id}/content", count=1)
    path = client.files.download_to_file(file_id, tmp_path / "f.bin")
    assert path.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]
