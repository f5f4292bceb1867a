"""Uploads: what `files.upload` accepts, checked and sized before anything is sent.

A path is opened again for each attempt and streamed from disk in chunks; an open
file is rewound (httpx sends it from the start) and can be retried only when it can
seek. The multipart boundary is left to httpx, which picks a random one.
"""

from __future__ import annotations

import io
import mimetypes
import os
import stat
from datetime import timedelta
from pathlib import Path
from typing import IO, Any

from claude_files._errors import (
    FileTooLargeError,
    InvalidArgumentError,
    InvalidTypeError,
    UploadFileNotFoundError,
    UploadIsADirectoryError,
)

#: The Files API's limit per file.
MAX_UPLOAD_BYTES = 500 * 1024 * 1024

FileInput = (
    str | os.PathLike[str] | bytes | IO[bytes] | tuple[str | None, bytes | IO[bytes], str | None]
)


class UploadSource:
    """One file to upload: its name, type and size, and how to (re)open its bytes."""

    def __init__(
        self, file: FileInput, *, filename: str | None = None, mime_type: str | None = None
    ) -> None:
        self._path: Path | None = None
        self._content: bytes | IO[bytes] | None = None
        self._opened: IO[bytes] | None = None
        name: str | None = None
        if isinstance(file, tuple):
            if len(file) != 3:
                raise InvalidTypeError("a tuple upload is (filename, content, mime_type)")
            name, content, tuple_type = file
            if isinstance(content, str):
                raise InvalidTypeError("a tuple's content is bytes or a binary file, not str")
            mime_type = mime_type or tuple_type
            file = content
        if isinstance(file, str | os.PathLike):
            self._path = Path(file)
            name = name or self._path.name
            self.size: int | None = _file_size(self._path)
        elif isinstance(file, bytes | bytearray | memoryview):
            self._content = bytes(file)
            self.size = len(self._content)
        elif hasattr(file, "read"):
            self._content = file
            name = name or _basename(getattr(file, "name", None))
            self.size = _size(file)
        else:
            raise InvalidTypeError(
                f"cannot upload {type(file).__name__}: pass a path, bytes or a file"
            )
        self.filename = filename or name or "unnamed"
        self.mime_type = (
            mime_type or mimetypes.guess_type(self.filename)[0] or "application/octet-stream"
        )
        if self.size is not None and self.size > MAX_UPLOAD_BYTES:
            raise FileTooLargeError(MAX_UPLOAD_BYTES, self.size)

    @property
    def replayable(self) -> bool:
        """Whether a failed attempt can be sent again from the start."""
        content = self._content
        return content is None or isinstance(content, bytes) or _seekable(content)

    def open(self) -> IO[bytes]:
        """The bytes for one attempt (blocking: async callers use a thread)."""
        self.close()
        if self._path is not None:
            self._opened = _LargeReads(self._path, "rb")
            return self._opened
        if isinstance(self._content, bytes):
            return io.BytesIO(self._content)
        assert self._content is not None
        return self._content

    def close(self) -> None:
        if self._opened is not None:
            self._opened.close()
            self._opened = None


#: What one read of an upload's file from disk takes in.
READ_BYTES = 1024 * 1024


class _LargeReads(io.FileIO):
    """A file on disk whose reads take `READ_BYTES` at least.

    httpx reads a multipart file 64 KiB at a time and sends whatever each read returns:
    a MiB per read is a sixteenth of the reads, joins and sends. Unbuffered (a `FileIO`),
    so each read is one system call straight into the bytes sent."""

    def read(self, size: int | None = -1) -> bytes:
        if size is not None and size >= 0:
            size = max(size, READ_BYTES)
        data = super().read(size)
        assert data is not None  # a blocking file
        return data


def expires_in_seconds(expires_in: int | timedelta | None) -> int | None:
    if expires_in is None:
        return None
    if isinstance(expires_in, timedelta):
        seconds = expires_in.total_seconds()
        if seconds != int(seconds):
            raise InvalidArgumentError("expires_in must be a whole number of seconds")
        expires_in = int(seconds)
    if isinstance(expires_in, bool) or not isinstance(expires_in, int):
        raise InvalidTypeError("expires_in is seconds (int) or a timedelta")
    if expires_in <= 0:
        raise InvalidArgumentError("expires_in must be positive")
    return expires_in


def _basename(name: Any) -> str | None:
    return os.path.basename(name) if isinstance(name, str) and name else None


def _seekable(file: IO[bytes]) -> bool:
    try:
        return bool(file.seekable())
    except (AttributeError, ValueError):
        return False


def _size(file: IO[bytes]) -> int | None:
    """The file's size (httpx sends it from the start), or None when it cannot seek."""
    if not _seekable(file):
        return None
    position = file.tell()
    try:
        return file.seek(0, os.SEEK_END)
    finally:
        file.seek(position)


def _file_size(path: Path) -> int:
    """The size of the file at `path`; a missing path or a folder is refused here."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UploadFileNotFoundError(f"no such file to upload: {path}", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise UploadIsADirectoryError(f"{path} is a folder: upload its files one by one", path)
    return info.st_size
