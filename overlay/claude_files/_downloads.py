"""Downloads, sans I/O: one implementation for every resource kind, sync and async.

`DownloadCore` counts bytes against the cap, checks them against `Content-Length` and
`Content-MD5`, and on a retry after a mid-body failure skips what was already delivered
(or asks for the rest with `Range`), so callers never see a byte twice.
`download_protocol` wraps it in the retry loop. The transfers (`_async/_transfers.py` and
its sync twin) only move the bytes it yields: into memory, into a file, or to the caller.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from email.message import Message
from email.utils import collapse_rfc2231_value
from typing import TYPE_CHECKING, Any

from claude_files import _logs
from claude_files._errors import (
    APIConnectionError,
    ChecksumMismatchError,
    ClaudeFilesError,
    FileTooLargeError,
    IncompleteDownloadError,
    InvalidTypeError,
    make_status_error,
)
from claude_files._prefix import CHANGED, PrefixProof
from claude_files._protocol import (
    ERROR_BODY_LIMIT,
    Accepted,
    Block,
    Flow,
    ReadChunk,
    Send,
    Sleep,
    read_body,
)

if TYPE_CHECKING:
    from claude_files._concurrency import Worker
    from claude_files._retry import RetryPolicy

Prepare = Callable[[], dict[str, Any]]

#: From this size (or when the size is unknown) the MD5 is computed in a worker thread.
BACKGROUND_HASH_BYTES = 1024 * 1024
#: How far that thread may fall behind before the download waits for it: little, so that
#: a download into memory holds little more than the file (its chunks wait to be hashed).
HASH_BACKLOG_BYTES = 1024 * 1024


class RunningHash:
    """A hash of the bytes as they are delivered; with a worker, updated in its thread
    (hashlib releases the GIL on large buffers), so hashing overlaps the transfer.

    `digest()` blocks until the worker has caught up: callers wait for it first (in
    a thread, when async) with `wait`.
    """

    def __init__(self, algorithm: str, worker: Worker | None) -> None:
        self._hash = hashlib.new(algorithm)
        self._worker = worker

    def update(self, chunk: bytes) -> None:
        if self._worker is not None:
            self._worker.submit(self._hash.update, chunk, len(chunk))
        else:
            self._hash.update(chunk)

    @property
    def pending(self) -> int:
        return self._worker.pending if self._worker is not None else 0

    def wait(self, limit: int = 0) -> None:
        if self._worker is not None:
            self._worker.wait(limit)

    def digest(self) -> bytes:
        self.wait()
        return self._hash.digest()

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()

    def abandon(self) -> None:
        if self._worker is not None:
            self._worker.abandon()


class ReadBack:
    """The SHA-1 of the delivered bytes, read back from where they went (a file, memory)
    only when a restart needs it, instead of hashing every byte on the way.

    `source(n)` hashes the first n delivered bytes (blocking: async drivers run it in
    a thread, through `DownloadCore.before_restart`).
    """

    def __init__(self, source: Callable[[int], bytes]) -> None:
        self.source = source
        self._length = 0
        self._digest = b""

    def update(self, chunk: bytes) -> None:
        self._length += len(chunk)

    def read(self) -> None:
        self._digest = self.source(self._length)

    def digest(self) -> bytes:
        return self._digest


class DownloadCore:
    """What one download has received, and whether it adds up.

    `worker` makes the thread that hashes a large body (none: hashed inline); the core
    itself starts nothing. Without a validator or a `Content-MD5`, a restarted body's
    skipped prefix is proved (`PrefixProof`) against the delivered bytes' SHA-1: read
    back when the transfer keeps them (`read_back`, set before the body), else hashed
    on the way.
    """

    def __init__(
        self, max_bytes: int | None, worker: Callable[[str], Worker] | None = None
    ) -> None:
        self.max_bytes = max_bytes
        self.delivered = 0
        self.total: int | None = None
        self.started = False
        self.content_type: str | None = None
        self.filename: str | None = None
        self.status_code: int | None = None
        self.headers: Mapping[str, str] = {}
        self.request_id: str | None = None
        self._worker = worker
        self._md5: RunningHash | None = None
        self._proof: PrefixProof | None = None
        self.read_back: ReadBack | None = None
        self._hashes: list[RunningHash] = []
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
            if self._proof is not None:
                self._proof.restart()
        validator = headers.get("etag") or headers.get("last-modified")
        if self.started:
            if validator != self._validator or length != self.total:
                raise IncompleteDownloadError(
                    "the file changed while it was being downloaded",
                    expected=self.total,
                    received=self.delivered,
                )
        else:
            self._start(status, headers, length, validator, encoded)
        if self.max_bytes is not None and self.total is not None and self.total > self.max_bytes:
            raise FileTooLargeError(self.max_bytes, self.total)

    def _start(
        self,
        status: int,
        headers: Mapping[str, str],
        length: int | None,
        validator: str | None,
        encoded: bool,
    ) -> None:
        self.started = True
        self.total = length
        self._validator = validator
        self._ranges = headers.get("accept-ranges", "").lower() == "bytes"
        self._expected_md5 = None if encoded else headers.get("content-md5")
        large = length is None or length >= BACKGROUND_HASH_BYTES
        if self._expected_md5:
            self._md5 = self._hash("md5", "claude-files-md5", large)
        elif not validator:
            delivered = self.read_back or self._hash("sha1", "claude-files-prefix", large)
            self._proof = PrefixProof(length, delivered)
        self.content_type = headers.get("content-type")
        self.filename = filename_from_disposition(headers.get("content-disposition"))
        self.status_code = status
        self.headers = headers
        self.request_id = headers.get("request-id")

    def _hash(self, algorithm: str, thread: str, large: bool) -> RunningHash:
        worker = self._worker(thread) if large and self._worker is not None else None
        running = RunningHash(algorithm, worker)
        self._hashes.append(running)
        return running

    def feed(self, chunk: bytes) -> bytes:
        """The part of `chunk` the caller has not seen yet; raises past the cap."""
        if self._skip:
            dropped = min(self._skip, len(chunk))
            if self._proof is not None:
                self._proof.skipped(memoryview(chunk)[:dropped])
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
        if self._proof is not None:
            self._proof.delivered(chunk)
        self.delivered = received
        return chunk

    def before_restart(self) -> None:
        """Blocking work before a new body is checked: the hashes up to date, or the
        delivered bytes read back."""
        self.wait_for_hash()
        if self.read_back is not None:
            self.read_back.read()

    @property
    def hash_backlog(self) -> int:
        """Bytes handed to the hashing threads and not hashed yet."""
        return sum(running.pending for running in self._hashes)

    def wait_for_hash(self, limit: int = 0) -> None:
        """Block until the hashing threads are at most `limit` bytes behind."""
        for running in self._hashes:
            running.wait(limit)

    def settle(self) -> None:
        """Block until every byte is hashed, and stop the hashing threads."""
        for running in self._hashes:
            running.close()

    def finish(self) -> None:
        """Check the complete body against the length and checksum it was sent with."""
        if self._skip:  # a restarted body without a length ended inside what was delivered
            raise IncompleteDownloadError(CHANGED, expected=self.total, received=self.delivered)
        if self.total is not None and self.delivered != self.total:
            raise IncompleteDownloadError(
                f"received {self.delivered} of {self.total} bytes",
                expected=self.total,
                received=self.delivered,
            )
        self.settle()
        if self._md5 is not None and self._expected_md5 is not None:
            digest = self._md5.digest()
            expected = self._expected_md5.strip()
            if expected not in (base64.b64encode(digest).decode(), digest.hex()):
                raise ChecksumMismatchError(expected, base64.b64encode(digest).decode())

    def close(self) -> None:
        """Stop the hashing threads, if any are left (the download ended early)."""
        for running in self._hashes:
            running.abandon()
        self._hashes.clear()

    def incomplete(self, cause: ClaudeFilesError) -> IncompleteDownloadError:
        error = IncompleteDownloadError(
            f"download cut off after {self.delivered} of {self.total or 'unknown'} bytes: {cause}",
            expected=self.total,
            received=self.delivered,
        )
        error.__cause__ = cause
        return error


def download_protocol(core: DownloadCore, policy: RetryPolicy, prepare: Prepare) -> Flow[None]:
    """Download with retries: `Accepted` once the first response is, then the body's
    new bytes.

    An error about the body (cut off, too large, a bad checksum) gets the request id
    of the response it was read from."""
    try:
        yield from _download(core, policy, prepare)
    except ClaudeFilesError as exc:
        exc.request_id = exc.request_id or core.request_id
        raise
    finally:
        core.close()


def _download(core: DownloadCore, policy: RetryPolicy, prepare: Prepare) -> Flow[None]:
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
            if core.delivered:  # a restart checks the hash of what was delivered
                yield Block(core.before_restart)
            core.on_response(result.status_code, result.headers)
            if first:
                yield Accepted()
            while True:
                chunk = yield ReadChunk(result)
                if isinstance(chunk, APIConnectionError):
                    failure, wait = core.incomplete(chunk), policy.wait_after(retries)
                    break
                if not chunk:
                    if core.hash_backlog:
                        yield Block(core.settle)
                    core.finish()
                    return
                data = core.feed(chunk)
                if data:
                    yield data
                if core.hash_backlog > HASH_BACKLOG_BYTES:
                    yield Block(functools.partial(core.wait_for_hash, HASH_BACKLOG_BYTES // 2))
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


class Memory:
    """The body in memory, allocated once when its length is known and capped.

    `getvalue()` hands over the buffer itself: the peak is the file's size, not twice it.
    Without a cap a `Content-Length` is not trusted with an allocation: a lying one
    could ask for any amount of memory before the first byte.
    """

    def __init__(self, core: DownloadCore) -> None:
        self._core = core
        self._buffer = io.BytesIO()
        core.read_back = ReadBack(self._digest_of_prefix)

    def _digest_of_prefix(self, size: int) -> bytes:
        with self._buffer.getbuffer() as view:
            return hashlib.sha1(view[:size]).digest()

    def accept(self) -> None:
        """The response was accepted: make room for a capped body of known length."""
        core = self._core
        if core.total and core.max_bytes is not None:  # total <= max_bytes
            self._buffer.seek(core.total - 1)
            self._buffer.write(b"\0")
            self._buffer.seek(0)

    def write(self, chunk: bytes) -> None:
        self._buffer.write(chunk)

    def getvalue(self) -> bytes:
        return self._buffer.getvalue()
