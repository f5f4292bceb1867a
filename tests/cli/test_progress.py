"""Progress is counted on the wire, per task: what the bars of a run would show."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from claude_files import AsyncClient
from claude_files.cli._http import bar_for_this_task, http_client
from claude_files.testing import Fault, MockServer


class Recorder:
    """A bar that remembers what it was told."""

    def __init__(self) -> None:
        self.size: int | None = None
        self.done = 0

    def total(self, total: int | None) -> None:
        self.size = total

    def advance(self, n: int) -> None:
        self.done += n

    def set(self, done: int) -> None:
        self.done = done


async def test_each_task_counts_its_own_bytes(mock_server: MockServer, tmp_path: Path) -> None:
    sizes = [300_000, 1_000, 70_000]
    ids = [mock_server.add_file(os.urandom(n), filename=f"{n}.bin")["id"] for n in sizes]
    bars = [Recorder() for _ in sizes]
    async with (
        http_client(verbose=False) as http,
        AsyncClient(
            api_key=mock_server.api_key, base_url=mock_server.base_url, http_client=http
        ) as client,
    ):

        async def fetch(file_id: str, bar: Recorder) -> None:
            with bar_for_this_task(bar):
                await client.files.download_to_file(file_id, tmp_path / file_id)

        await asyncio.gather(*(fetch(i, b) for i, b in zip(ids, bars, strict=True)))
        # Outside any bar's task nothing is counted (and nothing fails).
        await client.files.get(ids[0])
    assert [(b.size, b.done) for b in bars] == [(n, n) for n in sizes]


async def test_uploads_count_the_request_body(mock_server: MockServer, tmp_path: Path) -> None:
    path = tmp_path / "up.bin"
    path.write_bytes(os.urandom(250_000))
    bar = Recorder()
    async with (
        http_client(verbose=False) as http,
        AsyncClient(
            api_key=mock_server.api_key, base_url=mock_server.base_url, http_client=http
        ) as client,
    ):
        with bar_for_this_task(bar):
            await client.files.upload(path)
    assert bar.size is not None
    assert bar.size == bar.done > 250_000  # the file plus its multipart envelope


async def test_a_retried_download_does_not_count_twice(
    mock_server: MockServer, tmp_path: Path
) -> None:
    data = os.urandom(200_000)
    file_id = mock_server.add_file(data, filename="retry.bin")["id"]
    mock_server.inject(Fault.truncate(50_000), path=f"/v1/files/{file_id}/content", count=1)
    bar = Recorder()
    async with (
        http_client(verbose=False) as http,
        AsyncClient(
            api_key=mock_server.api_key, base_url=mock_server.base_url, http_client=http
        ) as client,
    ):
        with bar_for_this_task(bar):
            path = await client.files.download_to_file(file_id, tmp_path / "retry.bin")
    assert path.read_bytes() == data
    # Restarted (the bar goes back to 0) or resumed with Range (it carries on): 100%.
    assert (bar.size, bar.done) == (200_000, 200_000)
