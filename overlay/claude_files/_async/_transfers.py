"""The download trio over a driver: into memory, into a file (or a ZIP extracted into a
folder), or out to the caller as a stream.

Each runs `download_protocol` and moves the bytes it yields; file work goes through
`arun_blocking`, so in async code it never runs on the event loop. A file is written by
a worker thread while the next bytes arrive (`AsyncFileWriter`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncGenerator, AsyncIterator
from pathlib import Path

from claude_files._async._driver import AsyncDriver
from claude_files._concurrency import AsyncShield, Worker, arun_blocking
from claude_files._downloads import (
    DownloadCore,
    DownloadStream,
    Memory,
    Prepare,
    ReadBack,
    download_protocol,
)
from claude_files._errors import InvalidArgumentError
from claude_files._extract import ExtractLimits, extract_zip
from claude_files._files import (
    AtomicFile,
    final_path,
    folder_path,
    resolve_dest,
    resolve_extract_dest,
)
from claude_files._models import ResponseCallback, ResponseInfo
from claude_files._progress import Progress, ProgressCallback
from claude_files._protocol import Event

#: The writer thread is handed this much at a time, and may fall this far behind.
WRITE_BATCH_BYTES = 1024 * 1024
WRITE_BACKLOG_BYTES = 16 * 1024 * 1024


async def download(
    driver: AsyncDriver,
    prepare: Prepare,
    max_bytes: int | None,
    on_progress: ProgressCallback | None = None,
) -> bytes:
    progress = Progress(on_progress)
    core = DownloadCore(max_bytes, Worker)
    memory = Memory(core)
    flow = download_protocol(core, driver.policy, prepare)
    async with contextlib.aclosing(driver.stream(flow)) as events:
        async for event in events:
            if isinstance(event, bytes):
                memory.write(event)
                progress.advance(len(event))
            else:
                memory.accept()
                progress.start(core.total)
    progress.finish()
    return memory.getvalue()


async def download_to_file(
    driver: AsyncDriver,
    prepare: Prepare,
    file_id: str,
    dest: str | os.PathLike[str],
    *,
    overwrite: bool,
    max_bytes: int | None,
    extract: ExtractLimits | None = None,
    on_progress: ProgressCallback | None = None,
    on_response: ResponseCallback | None = None,
) -> Path:
    """Into `dest` atomically; with `extract`, a ZIP extracted into a new folder instead.
    `on_response` is told the response once accepted (a failure there is the download's)."""
    progress = Progress(on_progress)
    if extract is not None:
        if overwrite:
            raise InvalidArgumentError(
                "extract makes a new folder: overwrite is not supported with it"
            )
        return await _download_and_extract(
            driver, prepare, file_id, dest, max_bytes, extract, progress, on_response
        )
    directory, target, out = await arun_blocking(_open, dest, overwrite)
    core = DownloadCore(max_bytes, Worker)
    sink = _Sink(out, core)
    try:
        flow = download_protocol(core, driver.policy, prepare)
        async with contextlib.aclosing(driver.stream(flow)) as events:
            await anext(events)  # Accepted: the file's name is known, and refused if it exists
            _accepted(core, on_response)
            final = await arun_blocking(final_path, directory, target, core, file_id, overwrite)
            await sink.write(events, progress, core.total)
        return await arun_blocking(sink.commit, final, overwrite)
    except BaseException:
        with AsyncShield():
            await arun_blocking(sink.discard)
        raise


def _open(dest: str | os.PathLike[str], overwrite: bool) -> tuple[Path, Path | None, AtomicFile]:
    """Where the file goes, and its temporary file there: one trip to a worker thread."""
    directory, target = resolve_dest(dest, overwrite)
    return directory, target, AtomicFile(directory)


async def _download_and_extract(
    driver: AsyncDriver,
    prepare: Prepare,
    file_id: str,
    dest: str | os.PathLike[str],
    max_bytes: int | None,
    limits: ExtractLimits,
    progress: Progress,
    on_response: ResponseCallback | None,
) -> Path:
    directory, target = await arun_blocking(resolve_extract_dest, dest)
    core = DownloadCore(max_bytes, Worker)
    archive = await arun_blocking(AtomicFile, directory)
    sink = _Sink(archive, core)
    try:
        flow = download_protocol(core, driver.policy, prepare)
        async with contextlib.aclosing(driver.stream(flow)) as events:
            await anext(events)  # Accepted: the folder is known, and refused if it exists
            _accepted(core, on_response)
            folder = await arun_blocking(folder_path, directory, target, core, file_id)
            await sink.write(events, progress, core.total)
        await arun_blocking(sink.close)
        return await arun_blocking(extract_zip, archive.path, folder, limits)
    finally:
        with AsyncShield():
            await arun_blocking(sink.discard)


def _accepted(core: DownloadCore, on_response: ResponseCallback | None) -> None:
    if on_response is not None and core.status_code is not None:
        on_response(ResponseInfo(core.status_code, core.headers, core.request_id))


class _Sink:
    """Writes a body into a file from a worker thread, a batch at a time, while the next
    bytes arrive; and reads back what it wrote when a restart needs proving.

    The thread starts with the second batch: a body of one batch or less (most files
    are small) is written by `commit` (or `close`), in the one trip to a worker thread
    that renames it into place."""

    def __init__(self, out: AtomicFile, core: DownloadCore) -> None:
        self._out = out
        self._batch: list[bytes] = []
        self._size = 0
        self._writer = Worker("claude-files-write", start=False)
        self._started = False
        core.read_back = ReadBack(self._digest_of_prefix)

    def _digest_of_prefix(self, size: int) -> bytes:
        """Blocking, while the body waits: what is written and what is batched."""
        self._write_rest()
        return self._out.digest_of_prefix(size)

    def _flush(self) -> None:
        if not self._started:
            self._writer.start()
            self._started = True
        self._writer.submit(self._out.write_batch, self._batch, self._size)
        self._batch, self._size = [], 0

    def _write_rest(self) -> None:
        """Blocking: what the thread was given, then what is still batched."""
        self._writer.wait()
        self._out.write_batch(self._batch)
        self._batch, self._size = [], 0

    async def write(
        self, events: AsyncGenerator[Event], progress: Progress, total: int | None
    ) -> None:
        """Take in the body; the progress is the bytes received, the last call once all
        are (before the commit)."""
        progress.start(total)
        async for event in events:
            assert isinstance(event, bytes)
            self._batch.append(event)
            self._size += len(event)
            progress.advance(len(event))
            if self._size >= WRITE_BATCH_BYTES:
                self._flush()
                if self._writer.pending > WRITE_BACKLOG_BYTES:
                    await arun_blocking(self._writer.wait, WRITE_BACKLOG_BYTES // 2)
        progress.finish()

    def close(self) -> None:
        """Blocking: all of the body written, the thread stopped, the file closed."""
        self._writer.close()
        self._write_rest()
        self._out.close()

    def commit(self, dest: Path, overwrite: bool) -> Path:
        """Blocking: all of the body written, then the file renamed into place."""
        self._writer.close()
        self._write_rest()
        return self._out.commit(dest, overwrite)

    def discard(self) -> None:
        """Blocking: the thread stopped (its work skipped), the file gone."""
        self._writer.abandon()
        self._out.discard()


@contextlib.asynccontextmanager
async def download_stream(
    driver: AsyncDriver,
    prepare: Prepare,
    max_bytes: int | None,
    on_progress: ProgressCallback | None = None,
) -> AsyncIterator[DownloadStream]:
    progress = Progress(on_progress)
    core = DownloadCore(max_bytes, Worker)
    flow = download_protocol(core, driver.policy, prepare)
    async with contextlib.aclosing(driver.stream(flow)) as events:
        await anext(events)  # sends the request: an error response raises here
        progress.start(core.total)
        yield DownloadStream(_data(events, progress), core)


async def _data(events: AsyncGenerator[Event], progress: Progress) -> AsyncIterator[bytes]:
    """The body's chunks; the progress counts those handed to the caller."""
    async for event in events:
        assert isinstance(event, bytes)
        progress.advance(len(event))
        yield event
    progress.finish()
