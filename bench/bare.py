"""A plain Python program on httpx, for scale in `bench/run.py`'s command-line group.

A whole process that does what a `claude-files` command does on the wire with nothing
but asyncio and httpx: no click, no models, no retries, no checks, no staging or atomic
files. It imports httpx without httpx's own command line, as `claude-files` does
(`claude_files.cli._startup.import_httpx`), uses httpx's default transport, and skips the
interpreter's last garbage collection (`gc.freeze()`), as `claude-files` does. Timed
beside curl and `claude-files`, it shows what a Python program on httpx takes on the
machine before any of claude-files's work, so a missed target can be read against it.

    bare.py download -j N ID=PATH [ID=PATH ...]   each file's content into PATH
    bare.py upload -j N PATH [PATH ...]           each file as a multipart upload

`ANTHROPIC_API_KEY` and `ANTHROPIC_BASE_URL` say where; the exit code is 1 if any
response is not a 200.
"""

from __future__ import annotations

import sys

sys.modules["httpx._main"] = None  # type: ignore[assignment]  # as claude-files: no httpx CLI

import asyncio  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402

import httpx  # noqa: E402

HEADERS = {"anthropic-version": "2023-06-01", "anthropic-beta": "files-api-2025-04-14"}


async def download(client: httpx.AsyncClient, file_id: str, path: str) -> None:
    async with client.stream("GET", f"/v1/files/{file_id}/content") as response:
        response.raise_for_status()
        with open(path, "wb") as out:  # noqa: ASYNC230 -- plain: no thread hops
            async for chunk in response.aiter_raw():
                out.write(chunk)


async def upload(client: httpx.AsyncClient, path: str) -> None:
    with open(path, "rb") as file:  # noqa: ASYNC230 -- plain: no thread hops
        form = {"file": (Path(path).name, file, "application/octet-stream")}
        response = await client.post("/v1/files", files=form)
    response.raise_for_status()


async def run(command: str, jobs: int, items: list[str]) -> None:
    gate = asyncio.Semaphore(jobs)
    headers = {**HEADERS, "x-api-key": os.environ["ANTHROPIC_API_KEY"]}
    limits = httpx.Limits(max_connections=max(10, jobs))
    async with httpx.AsyncClient(
        base_url=os.environ["ANTHROPIC_BASE_URL"], headers=headers, timeout=120, limits=limits
    ) as client:

        async def one(item: str) -> None:
            async with gate:
                if command == "download":
                    file_id, _, path = item.partition("=")
                    await download(client, file_id, path)
                else:
                    await upload(client, item)

        await asyncio.gather(*(one(item) for item in items))


def main(argv: list[str]) -> int:
    if len(argv) < 4 or argv[0] not in ("download", "upload") or argv[1] != "-j":
        print(__doc__, file=sys.stderr)
        return 2
    try:
        asyncio.run(run(argv[0], int(argv[2]), argv[3:]))
    except httpx.HTTPError as exc:
        print(f"bare.py: {exc}", file=sys.stderr)
        return 1
    gc.freeze()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
