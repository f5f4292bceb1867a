"""Downloads: one implementation for every resource kind, sync and async.

`DownloadCore` is the sans-I/O part: it counts bytes against the cap, checks them
against `Content-Length` and `Content-MD5`, and on a retry after a mid-body failure
skips what was already delivered (or asks for the rest with `Range`), so callers never
see a byte twice. `download_protocol` wraps it in the retry loop. The drivers below
only move bytes: into memory, into a temporary file renamed into place, or out to the
caller.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import io
import os
import queue
import secrets
import threading
import unicodedata
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from email.message import Message
from email.utils import collapse_rfc2231_value
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_thread

from claude_files import _logs
from claude_files._errors import (
    APIConnectionError,
    ChecksumMismatchError,
    ClaudeFilesError,
    DestinationExistsError,
    DestinationNotFoundError,
    FileTooLargeError,
    IncompleteDownloadError,
    InvalidArgumentError,
    InvalidTypeError,
    make_status_error,
)
from claude_files._extract import ExtractLimits, extract_zip, fsync_directory
from claude_files._retry import (
    ERROR_BODY_LIMIT,
    Protocol,
    ReadChunk,
    RetryPolicy,
    Send,
    Sleep,
    read_body,
)

if TYPE_CHECKING:
    from claude_files._client import AsyncClient, Client

Prepare = Callable[[], dict[str, Any]]

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation

#: From this size (or when the size is unknown) the MD5 is computed in a worker thread.
BACKGROUND_HASH_BYTES = 1024 * 1024


class DownloadCore:
    """What one download has received, and whether it adds up."""

    def __init__(self, max_bytes: int | None) -> None:
        self.max_bytes = max_bytes
        self.delivered = 0
        self.total: int | None = None
        self.started = False
        self.content_type: str | None = None
        self.filename: str | None = None
        self.status_code: int | None = None
        self.headers: Mapping[str, str] = {}
        self.request_id: str | None = None
        self._md5: _Digest | None = None
        self._expected_md5: str | None = None
        self._validator: str | None = None
        self._ranges = False
        self._skip = 0

    def request_headers(self) -> dict[str, str]:
        """Headers for the next attempt: resume with `Range` when the server allows it."""
        headers = {"Accept-Encoding": "identity"}  # the stored bytes, as Content-MD5 covers them
        if self.delivered and self._ranges and self._validator:
            headers.update({"Range": f"bytes={self.delivered}-", "If-Range": self._validator})
        return headers

    def on_response(self, status: int, headers: Mapping[str, str]) -> None:
        """Take a 2xx response's headers; fail early when the file is over the cap."""
        encoded = headers.get("content-encoding", "identity").lower() not in ("", "identity")
        length = None if encoded else _int(headers.get("content-length"))
        if status == 206:
            start, total = _content_range(headers.get("content-range"))
            if start != self.delivered or (self.started and total != self.total):
                raise IncompleteDownloadError("the server resumed at the wrong place")
            self._skip = 0
            length = total
        else:
            self._skip = self.delivered
        validator = headers.get("etag") or headers.get("last-modified")
        if self.started:
            if validator != self._validator or length != self.total:
                raise IncompleteDownloadError(
                    "the file changed while it was being downloaded",
                    expected=self.total,
                    received=self.delivered,
                )
        else:
            self.started = True
            self.total = length
            self._validator = validator
            self._ranges = headers.get("accept-ranges", "").lower() == "bytes"
            self._expected_md5 = None if encoded else headers.get("content-md5")
            large = length is None or length >= BACKGROUND_HASH_BYTES
            self._md5 = _Digest(background=large) if self._expected_md5 else None
            self.content_type = headers.get("content-type")
            self.filename = filename_from_disposition(headers.get("content-disposition"))
            self.status_code = status
            self.headers = headers
            self.request_id = headers.get("request-id")
        if self.max_bytes is not None and self.total is not None and self.total > self.max_bytes:
            raise FileTooLargeError(self.max_bytes, self.total)

    def feed(self, chunk: bytes) -> bytes:
        """The part of `chunk` the caller has not seen yet; raises past the cap."""
        if self._skip:
            dropped = min(self._skip, len(chunk))
            self._skip -= dropped
            chunk = chunk[dropped:]
        if not chunk:
            return b""
        received = self.delivered + len(chunk)
        if self.max_bytes is not None and received > self.max_bytes:
            raise FileTooLargeError(self.max_bytes, self.total)
        if self.total is not None and received > self.total:
            raise IncompleteDownloadError(
                "more bytes than Content-Length", expected=self.total, received=received
            )
        if self._md5 is not None:
            self._md5.update(chunk)
        self.delivered = received
        return chunk

    def finish(self) -> None:
        """Check the complete body against the length and checksum it was sent with."""
        if self._skip or (self.total is not None and self.delivered != self.total):
            raise IncompleteDownloadError(
                f"received {self.delivered} of {self.total} bytes",
                expected=self.total,
                received=self.delivered,
            )
        if self._md5 is not None and self._expected_md5 is not None:
            digest = self._md5.digest()
            expected = self._expected_md5.strip()
            if expected not in (base64.b64encode(digest).decode(), digest.hex()):
                raise ChecksumMismatchError(expected, base64.b64encode(digest).decode())

    def close(self) -> None:
        if self._md5 is not None:
            self._md5.close()

    def incomplete(self, cause: ClaudeFilesError) -> IncompleteDownloadError:
        error = IncompleteDownloadError(
            f"download cut off after {self.delivered} of {self.total or 'unknown'} bytes: {cause}",
            expected=self.total,
            received=self.delivered,
        )
        error.__cause__ = cause
        return error


class _Digest:
    """MD5 of the body; for a large one, computed in a worker thread as chunks arrive.

    hashlib releases the GIL while it hashes, so checking costs little: one chunk is
    hashed while the next is received.
    """

    def __init__(self, background: bool) -> None:
        self._md5 = hashlib.md5()
        self._chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=64)
        self._thread = None
        if background:
            self._thread = threading.Thread(target=self._run, name="claude-files-md5", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while (chunk := self._chunks.get()) is not None:
            self._md5.update(chunk)

    def update(self, chunk: bytes) -> None:
        if self._thread is None:
            self._md5.update(chunk)
        else:
            self._chunks.put(chunk)

    def close(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._chunks.put(None)
            self._thread.join()

    def digest(self) -> bytes:
        self.close()
        return self._md5.digest()


def download_protocol(core: DownloadCore, policy: RetryPolicy, prepare: Prepare) -> Protocol[None]:
    """Download with retries; yields the body's new bytes (and b"" once, when accepted).

    An error about the body (cut off, too large, a bad checksum) gets the request id
    of the response it was read from."""
    try:
        yield from _download(core, policy, prepare)
    except ClaudeFilesError as exc:
        exc.request_id = exc.request_id or core.request_id
        raise
    finally:
        core.close()


def _download(core: DownloadCore, policy: RetryPolicy, prepare: Prepare) -> Protocol[None]:
    retries = 0
    while True:
        extra = core.request_headers()
        result = yield Send(functools.partial(_with_headers, prepare, extra))
        failure: ClaudeFilesError
        if isinstance(result, APIConnectionError):
            failure = core.incomplete(result) if core.started else result
            wait = policy.wait_after(retries)
        elif not 200 <= result.status_code < 300:
            body, _ = yield from read_body(result, ERROR_BODY_LIMIT)
            status_error = make_status_error(result.status_code, result.headers, body, result)
            failure, wait = status_error, policy.wait_after_error(retries, status_error)
        else:
            first = not core.started
            core.on_response(result.status_code, result.headers)
            if first:
                yield b""  # tells download_stream that the response was accepted
            while True:
                chunk = yield ReadChunk(result)
                if isinstance(chunk, APIConnectionError):
                    failure, wait = core.incomplete(chunk), policy.wait_after(retries)
                    break
                if not chunk:
                    core.finish()
                    return
                data = core.feed(chunk)
                if data:
                    yield data
        _logs.retry_decision(failure, wait, retries)
        if wait is None:
            raise failure
        yield Sleep(wait)
        retries += 1


def _with_headers(prepare: Prepare, extra: Mapping[str, str]) -> dict[str, Any]:
    kwargs = prepare()
    return {**kwargs, "headers": {**kwargs.get("headers", {}), **extra}}


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _content_range(value: str | None) -> tuple[int | None, int | None]:
    """(start, total) of `Content-Range: bytes start-end/total`."""
    try:
        unit, _, spec = (value or "").partition(" ")
        span, _, total = spec.partition("/")
        start = int(span.partition("-")[0])
        return (start if unit == "bytes" else None), _int(total)
    except ValueError:
        return None, None


def filename_from_disposition(value: str | None) -> str | None:
    """The filename of a `Content-Disposition`, preferring RFC 5987 `filename*`."""
    if not value:
        return None
    message = Message()
    message["content-disposition"] = value
    names = [v for k, v in message.get_params([], header="content-disposition") if k == "filename"]
    names.sort(key=lambda v: not isinstance(v, tuple))
    return collapse_rfc2231_value(names[0]) if names else None


#: The longest name most file systems take, in bytes of UTF-8.
MAX_NAME_BYTES = 255


def safe_filename(name: str | None, fallback: str | None = None) -> str | None:
    """A server-chosen name made safe to create inside a folder, on any system.

    Keeps the last path component (either separator), drops control characters,
    replaces the characters Windows forbids with `_` and drops leading dots (no hidden
    file, no `..`); a name over 255 bytes is shortened, keeping its extension. What is
    left empty gives `fallback` made safe the same way, or None.
    """
    cleaned = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(
        "_" if c in '<>:"|?*' else c for c in cleaned if unicodedata.category(c)[0] != "C"
    )
    cleaned = cleaned.strip().lstrip(".").strip()
    if not cleaned:
        return safe_filename(fallback) if fallback is not None else None
    return _shorten(cleaned)


def _shorten(name: str) -> str:
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext) > 16:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    stem_bytes = stem.encode()[: MAX_NAME_BYTES - len(suffix.encode())]
    return stem_bytes.decode(errors="ignore") + suffix


def _names_folder(dest: str | os.PathLike[str]) -> bool:
    """Whether `dest` is written as a folder: with a trailing separator (`"out/"`).

    A `Path` drops the separator, so a `Path` that does not exist names a file.
    """
    text = os.fspath(dest)
    return text.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep))


def _existing(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _folder(dest: str | os.PathLike[str]) -> Path | None:
    """`dest` when it means a folder (one that exists, or one written `"out/"`), else None.

    A folder that does not exist is an error: the library does not create it.
    """
    path = Path(dest)
    if path.is_dir():
        return path
    if not _names_folder(dest):
        return None
    what = "is not a folder" if _existing(path) else "does not exist"
    raise DestinationNotFoundError(f"the folder {dest} {what}: create it first", path)


def _parent(path: Path) -> Path:
    if not path.parent.is_dir():
        raise DestinationNotFoundError(
            f"the folder {path.parent} does not exist: create it first", path.parent
        )
    return path.parent


def resolve_dest(dest: str | os.PathLike[str], overwrite: bool) -> tuple[Path, Path | None]:
    """(directory, path) before the request: path is None when the file is to be named
    after the server's filename, inside the folder `dest`."""
    folder = _folder(dest)
    if folder is not None:
        return folder, None
    path = Path(dest)
    if not overwrite:
        check_free(path)
    return _parent(path), path


def check_free(path: Path, request_id: str | None = None) -> None:
    """Refuse to create `path` over a file that exists (without `overwrite`)."""
    if _existing(path):
        raise DestinationExistsError.file(path, request_id)


class AtomicFile:
    """A temporary file beside the destination, renamed into place only when complete.

    It gets the mode any new file would (0666 less the umask), as `open()` and curl give,
    not `mkstemp`'s 0600. Blocking: async code calls each method in a worker thread.
    """

    def __init__(self, directory: Path) -> None:
        while True:
            path = directory / f".claude-files-{secrets.token_hex(8)}.part"
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
            except FileExistsError:
                continue
            break
        self.path = path
        self._file = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self._file.write(data)

    def close(self) -> None:
        """Finish writing without renaming (for a file that is read, then discarded)."""
        self._file.close()

    def commit(self, dest: Path, overwrite: bool) -> Path:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        if overwrite:
            os.replace(self.path, dest)
        else:
            try:
                os.link(self.path, dest)  # FileExistsError rather than replacing a file
            except FileExistsError:
                raise DestinationExistsError.file(dest) from None
            except OSError:  # no hard links here (FAT, some network file systems)
                if dest.exists():
                    raise DestinationExistsError.file(dest) from None
                os.replace(self.path, dest)
            else:
                os.unlink(self.path)
        fsync_directory(dest.parent)
        return dest

    def discard(self) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)


def _final_path(
    directory: Path, target: Path | None, core: DownloadCore, file_id: str, overwrite: bool
) -> Path:
    """Where the file goes, once the headers are in; refused there (before the body)
    when the file exists and `overwrite` is not set."""
    final = target or directory / (safe_filename(core.filename, file_id) or "file")
    if not overwrite:
        check_free(final, core.request_id)
    return final


class DownloadStream:
    """The body of a download as it arrives, and what its response said.

    `status_code`, `headers` and `request_id` are the first accepted response's (a
    resumed download keeps them); `content_length` is the whole file's size.
    """

    def __init__(self, chunks: Iterator[bytes] | AsyncIterator[bytes], core: DownloadCore) -> None:
        self._chunks = chunks
        self.content_length = core.total
        self.content_type = core.content_type
        self.filename = core.filename
        self.status_code = core.status_code
        self.headers = core.headers
        self.request_id = core.request_id

    def __iter__(self) -> Iterator[bytes]:
        if not isinstance(self._chunks, Iterator):
            raise InvalidTypeError("a download from AsyncClient: use `async for`")
        return self._chunks

    def __aiter__(self) -> AsyncIterator[bytes]:
        if not isinstance(self._chunks, AsyncIterator):
            raise InvalidTypeError("a download from Client: use `for`")
        return self._chunks


# The drivers: `prepare` gives the request's kwargs, `client._run` moves the bytes.


class _Memory:
    """The body in memory, allocated once when its length is known and capped.

    `getvalue()` hands over the buffer itself: the peak is the file's size, not twice it.
    Without a cap a `Content-Length` is not trusted with an allocation: a lying one
    could ask for any amount of memory before the first byte.
    """

    def __init__(self, core: DownloadCore) -> None:
        self._core = core
        self._buffer = io.BytesIO()

    def write(self, chunk: bytes) -> None:
        core = self._core
        accepted = not chunk and not self._buffer.tell()
        if accepted and core.total and core.max_bytes is not None:  # total <= max_bytes
            self._buffer.seek(core.total - 1)
            self._buffer.write(b"\0")
            self._buffer.seek(0)
        self._buffer.write(chunk)

    def getvalue(self) -> bytes:
        return self._buffer.getvalue()


def download(client: Client, prepare: Prepare, max_bytes: int | None) -> bytes:
    core = DownloadCore(max_bytes)
    memory = _Memory(core)
    with contextlib.closing(client._run(download_protocol(core, client._policy, prepare))) as body:
        for chunk in body:
            memory.write(chunk)
    return memory.getvalue()


async def adownload(client: AsyncClient, prepare: Prepare, max_bytes: int | None) -> bytes:
    core = DownloadCore(max_bytes)
    memory = _Memory(core)
    protocol = download_protocol(core, client._policy, prepare)
    async with contextlib.aclosing(client._run(protocol)) as body:
        async for chunk in body:
            memory.write(chunk)
    return memory.getvalue()


def resolve_extract_dest(dest: str | os.PathLike[str]) -> tuple[Path, Path | None]:
    """(directory, folder) for an extraction: folder is None when it is to be named
    after the archive, inside the existing folder `dest`."""
    folder = _folder(dest)
    if folder is not None:
        return folder, None
    path = Path(dest)
    if _existing(path):
        raise DestinationExistsError.folder(path)
    return _parent(path), path


def _folder_path(directory: Path, target: Path | None, core: DownloadCore, file_id: str) -> Path:
    """The folder to extract into; refused as soon as the headers name one that exists."""
    if target is None:
        name = safe_filename(core.filename, file_id) or "archive"
        stem = name[: -len(".zip")] if name.lower().endswith(".zip") else name
        target = directory / (safe_filename(stem) or "archive")
    if _existing(target):
        raise DestinationExistsError.folder(target, core.request_id)
    return target


def _download_and_extract(
    client: Client,
    prepare: Prepare,
    file_id: str,
    dest: str | os.PathLike[str],
    max_bytes: int | None,
    limits: ExtractLimits,
) -> Path:
    directory, target = resolve_extract_dest(dest)
    core = DownloadCore(max_bytes)
    archive = AtomicFile(directory)
    try:
        protocol = download_protocol(core, client._policy, prepare)
        with contextlib.closing(client._run(protocol)) as body:
            next(body)  # the headers: the folder is known, and refused if it exists
            folder = _folder_path(directory, target, core, file_id)
            for chunk in body:
                archive.write(chunk)
        archive.close()
        return extract_zip(archive.path, folder, limits)
    finally:
        archive.discard()


async def _adownload_and_extract(
    client: AsyncClient,
    prepare: Prepare,
    file_id: str,
    dest: str | os.PathLike[str],
    max_bytes: int | None,
    limits: ExtractLimits,
) -> Path:
    directory, target = await anyio.to_thread.run_sync(resolve_extract_dest, dest)
    core = DownloadCore(max_bytes)
    archive = await anyio.to_thread.run_sync(AtomicFile, directory)
    try:
        protocol = download_protocol(core, client._policy, prepare)
        async with contextlib.aclosing(client._run(protocol)) as body:
            await anext(body)
            folder = await anyio.to_thread.run_sync(_folder_path, directory, target, core, file_id)
            await _write_in_thread(body, archive)
        await anyio.to_thread.run_sync(archive.close)
        return await anyio.to_thread.run_sync(extract_zip, archive.path, folder, limits)
    finally:
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(archive.discard)


#: Async downloads hand the disk this much at a time: one thread hop per MiB, not per chunk.
WRITE_BATCH_BYTES = 1024 * 1024


async def _write_in_thread(body: AsyncIterator[bytes], out: AtomicFile) -> None:
    """Write the body off the event loop, in batches of up to `WRITE_BATCH_BYTES`."""
    batch = bytearray()
    async for chunk in body:
        batch += chunk
        if len(batch) >= WRITE_BATCH_BYTES:
            await anyio.to_thread.run_sync(out.write, bytes(batch))
            batch.clear()
    if batch:
        await anyio.to_thread.run_sync(out.write, bytes(batch))


def download_to_file(
    client: Client,
    prepare: Prepare,
    file_id: str,
    dest: str | os.PathLike[str],
    *,
    overwrite: bool,
    max_bytes: int | None,
    extract: ExtractLimits | None = None,
) -> Path:
    """Into `dest` atomically; with `extract`, a ZIP extracted into a new folder instead."""
    if extract is not None:
        if overwrite:
            raise InvalidArgumentError(
                "extract makes a new folder: overwrite is not supported with it"
            )
        return _download_and_extract(client, prepare, file_id, dest, max_bytes, extract)
    directory, target = resolve_dest(dest, overwrite)
    core = DownloadCore(max_bytes)
    out = AtomicFile(directory)
    try:
        protocol = download_protocol(core, client._policy, prepare)
        with contextlib.closing(client._run(protocol)) as body:
            next(body)  # the headers: the file's name is known, and refused if it exists
            final = _final_path(directory, target, core, file_id, overwrite)
            for chunk in body:
                out.write(chunk)
        return out.commit(final, overwrite)
    except BaseException:
        out.discard()
        raise


async def adownload_to_file(
    client: AsyncClient,
    prepare: Prepare,
    file_id: str,
    dest: str | os.PathLike[str],
    *,
    overwrite: bool,
    max_bytes: int | None,
    extract: ExtractLimits | None = None,
) -> Path:
    if extract is not None:
        if overwrite:
            raise InvalidArgumentError(
                "extract makes a new folder: overwrite is not supported with it"
            )
        return await _adownload_and_extract(client, prepare, file_id, dest, max_bytes, extract)
    directory, target = await anyio.to_thread.run_sync(resolve_dest, dest, overwrite)
    core = DownloadCore(max_bytes)
    out = await anyio.to_thread.run_sync(AtomicFile, directory)
    try:
        protocol = download_protocol(core, client._policy, prepare)
        async with contextlib.aclosing(client._run(protocol)) as body:
            await anext(body)
            final = await anyio.to_thread.run_sync(
                _final_path, directory, target, core, file_id, overwrite
            )
            await _write_in_thread(body, out)
        return await anyio.to_thread.run_sync(out.commit, final, overwrite)
    except BaseException:
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(out.discard)
        raise


@contextlib.contextmanager
def download_stream(
    client: Client, prepare: Prepare, max_bytes: int | None
) -> Iterator[DownloadStream]:
    core = DownloadCore(max_bytes)
    with contextlib.closing(client._run(download_protocol(core, client._policy, prepare))) as body:
        next(body)  # sends the request: an error response raises here
        yield DownloadStream(body, core)


@contextlib.asynccontextmanager
async def adownload_stream(
    client: AsyncClient, prepare: Prepare, max_bytes: int | None
) -> AsyncIterator[DownloadStream]:
    core = DownloadCore(max_bytes)
    protocol = download_protocol(core, client._policy, prepare)
    async with contextlib.aclosing(client._run(protocol)) as body:
        await anext(body)
        yield DownloadStream(body, core)
