"""Receiving a multipart upload as a stream, straight to disk.

The body is fed chunk by chunk to python-multipart's push parser; the `file` part's
bytes go to a file in the server's temporary directory while their size and MD5 are
counted. Nothing holds the whole body, so memory stays flat however large the upload.
Past the size cap the bytes are still read (and dropped) so the client, which is busy
sending, gets to read the `413` instead of a reset connection.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import BinaryIO

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from claude_files.testing._store import Blob, Store

MAX_FIELD_BYTES = 1024
"""A form field (such as `expires_in_seconds`) longer than this is a 400."""
FORM_FIELDS = ("expires_in_seconds",)
"""The fields besides `file` the upload reads; each at most once. Other parts are ignored
(the spec allows additional properties), their bytes dropped as they arrive."""


class UploadError(Exception):
    """The upload cannot be stored: `status` and `message` go into the error envelope."""

    def __init__(self, status: int, message: str, error_type: str = "invalid_request_error"):
        super().__init__(message)
        self.status = status
        self.message = message
        self.error_type = error_type


@dataclass
class ReceivedUpload:
    """What the body held: the stored `file` part and the known form fields, as text."""

    blob: Blob
    filename: str | None
    content_type: str | None
    fields: dict[str, str] = field(default_factory=dict)


def _decode(raw: bytes) -> str:
    # Header values arrive as latin-1 bytes; clients put UTF-8 filenames in them.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


class _Receiver:
    """The parser's callbacks: route each part's bytes to disk or to a small field buffer."""

    def __init__(self, store: Store, max_file_bytes: int) -> None:
        self.store = store
        self.max_file_bytes = max_file_bytes
        self.fields: dict[str, str] = {}
        self.too_large = False
        self.error: UploadError | None = None
        self.finished = False
        self.blob: Blob | None = None
        self.filename: str | None = None
        self.content_type: str | None = None
        self._headers: dict[str, bytes] = {}
        self._header_field = b""
        self._header_value = b""
        self._part: str | None = None
        self._is_file = False
        self._buffer = bytearray()
        self._out: BinaryIO | None = None
        self._digest = hashlib.md5()
        self._size = 0

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_end": self.on_end,
        }

    def fail(self, status: int, message: str, error_type: str = "invalid_request_error") -> None:
        if self.error is None:
            self.error = UploadError(status, message, error_type)

    def on_part_begin(self) -> None:
        self._headers = {}
        self._part = None
        self._is_file = False
        self._buffer = bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_field.decode("latin-1").lower()] = self._header_value
        self._header_field = b""
        self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get("content-disposition"))
        name = options.get(b"name")
        self._part = _decode(name) if name is not None else None
        if self._part != "file":
            return
        if self._out is not None or self.blob is not None:
            self.fail(400, "file: only one file part is allowed")
            return
        self._is_file = True
        raw_filename = options.get(b"filename")
        self.filename = _decode(raw_filename) if raw_filename is not None else None
        content_type = self._headers.get("content-type")
        self.content_type = content_type.decode("latin-1").strip() if content_type else None
        self.blob = Blob(path=self.store.blob_path(), size=0, md5=b"")
        self._out = self.blob.path.open("wb")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._is_file:
            chunk = data[start:end]
            self._size += len(chunk)
            if self._size > self.max_file_bytes:
                self.too_large = True
                self._close_file()
                return
            if self._out is not None:
                self._out.write(chunk)
                self._digest.update(chunk)
        elif self._part in FORM_FIELDS:
            self._buffer += data[start:end]
            if len(self._buffer) > MAX_FIELD_BYTES:
                self.fail(400, f"{self._part}: field too long")
                self._buffer = bytearray()

    def on_part_end(self) -> None:
        if self._is_file:
            self._is_file = False
            if not self.too_large and self._out is not None and self.blob is not None:
                self._out.close()
                self._out = None
                self.blob = Blob(path=self.blob.path, size=self._size, md5=self._digest.digest())
        elif self._part in FORM_FIELDS:
            if self._part in self.fields:
                self.fail(400, f"{self._part}: expected a single value")
            self.fields[self._part] = bytes(self._buffer).decode("utf-8", errors="replace")

    def on_end(self) -> None:
        self.finished = True

    def _close_file(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def discard(self) -> None:
        """Remove whatever was written: the upload failed."""
        self._close_file()
        if self.blob is not None:
            self.blob.path.unlink(missing_ok=True)
            self.blob = None


async def receive_upload(
    content_type: str | None,
    chunks: AsyncIterator[bytes],
    store: Store,
    max_file_bytes: int,
) -> ReceivedUpload:
    """Parse a multipart body from `chunks`, storing the `file` part on disk.

    Raises `UploadError` (400 for a malformed body or no `file` part, 413 past the cap);
    the body is always read to its end first, so the client reads the answer.
    """
    media_type, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if media_type != b"multipart/form-data" or not boundary:
        await _drain(chunks)
        raise UploadError(400, "Request body must be multipart/form-data with a boundary")
    receiver = _Receiver(store, max_file_bytes)
    parser = MultipartParser(boundary, receiver.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in chunks:
            if receiver.too_large or receiver.error is not None:
                continue  # keep reading, drop the bytes: the client must see our answer
            try:
                parser.write(chunk)
            except MultipartParseError as exc:
                receiver.fail(400, f"Malformed multipart body: {exc}")
        if receiver.error is None and not receiver.too_large:
            parser.finalize()
    except BaseException:
        receiver.discard()
        raise
    if receiver.too_large:
        receiver.discard()
        raise UploadError(
            413,
            f"File exceeds the maximum allowed size of {max_file_bytes} bytes.",
            "request_too_large",
        )
    if receiver.error is None and not receiver.finished:
        receiver.fail(400, "Malformed multipart body: it ends before its closing boundary")
    if receiver.error is None and receiver.blob is None:
        receiver.fail(400, "file: Field required")
    if receiver.error is not None:
        receiver.discard()
        raise receiver.error
    assert receiver.blob is not None
    return ReceivedUpload(
        blob=receiver.blob,
        filename=receiver.filename,
        content_type=receiver.content_type,
        fields=receiver.fields,
    )


async def _drain(chunks: AsyncIterator[bytes]) -> None:
    async for _ in chunks:
        pass
