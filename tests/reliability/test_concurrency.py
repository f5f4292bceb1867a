"""Many downloads at once through one client: 64 async tasks, 16 threads; all byte-exact.

Faults are injected while they run (cut bodies, dropped connections, 503s), so retries
and resumes happen concurrently too; no download may get another's bytes.
"""

from __future__ import annotations

import asyncio
import random
import threading
from pathlib import Path

from claude_files import AsyncClient
from claude_files.testing import Fault, MockServer
from tests._support import (
    CONTENT_PATH,
    MODES,
    async_client,
    download_async,
    download_sync,
    part_files,
    sync_client,
)


def seed_files(server: MockServer, count: int, seed: int) -> dict[str, bytes]:
    rand = random.Random(seed)
    contents = [rand.randbytes(rand.randrange(1, 150_000)) for _ in range(count)]
    return {server.add_file(c, filename=f"c{i}.bin")["id"]: c for i, c in enumerate(contents)}


def inject_trouble(server: MockServer) -> None:
    server.inject(Fault.truncate(5_000), path=CONTENT_PATH, count=8)
    server.inject(Fault.disconnect(), path=CONTENT_PATH, count=6)
    server.inject(Fault.status(503, retry_after="0"), path=CONTENT_PATH, count=6)


def test_64_simultaneous_async_downloads(server: MockServer, tmp_path: Path) -> None:
    files = seed_files(server, 64, seed=64)
    inject_trouble(server)

    async def one(client: AsyncClient, index: int, file_id: str) -> bytes:
        folder = tmp_path / f"t{index}"
        folder.mkdir()
        dest = folder / "out.bin"
        dest.write_bytes(b"")
        return await download_async(client, MODES[index % 3], file_id, dest)

    async def main() -> list[bytes]:
        async with async_client(server, max_retries=4) as client:
            return await asyncio.gather(*(one(client, i, f) for i, f in enumerate(files)))

    results = asyncio.run(main())
    assert results == list(files.values())
    assert server.faults == []  # every injected fault was met, so retries ran concurrently
    assert part_files(tmp_path) == []


def test_16_threads_share_one_sync_client(server: MockServer, tmp_path: Path) -> None:
    files = seed_files(server, 48, seed=16)
    ids = list(files)
    inject_trouble(server)
    results: dict[tuple[int, int], bytes] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(16)

    with sync_client(server, max_retries=4) as client:

        def worker(index: int) -> None:
            folder = tmp_path / f"w{index}"
            folder.mkdir()
            dest = folder / "out.bin"
            dest.write_bytes(b"")
            barrier.wait()
            try:
                for n in range(6):
                    file_id = ids[(index * 3 + n) % len(ids)]
                    mode = MODES[(index + n) % 3]
                    results[index, n] = download_sync(client, mode, file_id, dest)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)

    assert errors == []
    assert len(results) == 16 * 6
    for (index, n), data in results.items():
        assert data == files[ids[(index * 3 + n) % len(ids)]]
    assert server.faults == []
    assert part_files(tmp_path) == []
