"""The file system: safe names, where a download goes, and the atomic file.

Downloads and extraction both use these: a destination is resolved and checked before
the request (a folder that does not exist, a file that does), named once the headers
are in (the server's filename, made safe), and written to a temporary file beside it
that is renamed into place only when complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import threading
import unicodedata
from pathlib import Path
from typing import Protocol

from claude_files._errors import DestinationExistsError, DestinationNotFoundError

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation

#: Where a download goes: a file's path, or a folder (see `resolve_dest`).
Dest = str | os.PathLike[str]


class Named(Protocol):
    """What naming a file needs of a download: the server's filename, its request id."""

    @property
    def filename(self) -> str | None: ...

    @property
    def request_id(self) -> str | None: ...


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
    not `mkstemp`'s 0600. `commit` fsyncs before the rename (a crash never leaves a
    partial file under the final name); so that it has little left to wait for, what is
    written is flushed in a background thread every `FLUSH_BYTES` meanwhile.
    Blocking: async code calls each method in a worker thread.
    """

    FLUSH_BYTES = 32 * 1024 * 1024

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
        self._unflushed = 0
        self._flusher: threading.Thread | None = None

    def write(self, data: bytes) -> None:
        self._file.write(data)
        self._wrote(len(data))

    def write_batch(self, batch: list[bytes]) -> None:
        """Write chunks in order, without joining them first."""
        for data in batch:
            self.write(data)

    def _wrote(self, size: int) -> None:
        self._unflushed += size
        if self._unflushed >= self.FLUSH_BYTES and not self._flushing():
            self._file.flush()
            self._unflushed = 0
            self._flusher = threading.Thread(
                target=_datasync, args=(self._file.fileno(),), name="claude-files-flush"
            )
            self._flusher.start()

    def _flushing(self) -> bool:
        return self._flusher is not None and self._flusher.is_alive()

    def _finish_flushing(self) -> None:
        if self._flusher is not None:
            self._flusher.join()
            self._flusher = None

    def digest_of_prefix(self, size: int) -> bytes:
        """The SHA-1 of the first `size` bytes written (read back: for a restart)."""
        self._file.flush()
        digest = hashlib.sha1()
        with open(self.path, "rb") as written:
            while size > 0 and (block := written.read(min(size, 1024 * 1024))):
                digest.update(block)
                size -= len(block)
        return digest.digest()

    def close(self) -> None:
        """Finish writing without renaming (for a file that is read, then discarded)."""
        self._finish_flushing()
        self._file.close()

    def commit(self, dest: Path, overwrite: bool) -> Path:
        self._file.flush()
        self._finish_flushing()
        os.fsync(self._file.fileno())
        self._file.close()
        return place_file(self.path, dest, overwrite=overwrite)

    def discard(self) -> None:
        self._finish_flushing()
        self._file.close()
        self.path.unlink(missing_ok=True)


def place_file(
    src: str | os.PathLike[str], dest: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Move the complete file `src` to `dest` (same file system), durably; returns `dest`.

    Without `overwrite` it never replaces a file: a file at `dest` raises
    `DestinationExistsError` and `src` stays where it was. It links `dest` to `src` and
    then removes `src`, since a rename would silently replace a file that appeared in
    between; where there are no hard links (FAT, some network file systems) it checks and
    renames. With `overwrite`, one atomic rename. Either way the folder is fsynced, so the
    move survives a crash. This is how `download_to_file` puts its file in place: use it
    to move a download from a staging folder to a name of your choosing.
    """
    src, dest = Path(src), Path(dest)
    if overwrite:
        os.replace(src, dest)
    else:
        try:
            os.link(src, dest)  # FileExistsError rather than replacing a file
        except FileExistsError:
            raise DestinationExistsError.file(dest) from None
        except OSError:  # no hard links here (FAT, some network file systems)
            if _existing(dest):
                raise DestinationExistsError.file(dest) from None
            os.replace(src, dest)
        else:
            os.unlink(src)
    fsync_directory(dest.parent)
    return dest


def _datasync(fd: int) -> None:
    """Flush a file's data to the disk (an early start on `commit`'s fsync)."""
    with contextlib.suppress(OSError):  # commit's own fsync reports what matters
        getattr(os, "fdatasync", os.fsync)(fd)


def final_path(
    directory: Path, target: Path | None, named: Named, fallback: str, overwrite: bool
) -> Path:
    """Where the file goes, once the headers are in; refused there (before the body)
    when the file exists and `overwrite` is not set."""
    final = target or directory / (safe_filename(named.filename, fallback) or "file")
    if not overwrite:
        check_free(final, named.request_id)
    return final


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


def folder_path(directory: Path, target: Path | None, named: Named, fallback: str) -> Path:
    """The folder to extract into; refused as soon as the headers name one that exists."""
    if target is None:
        name = safe_filename(named.filename, fallback) or "archive"
        stem = name[: -len(".zip")] if name.lower().endswith(".zip") else name
        target = directory / (safe_filename(stem) or "archive")
    if _existing(target):
        raise DestinationExistsError.folder(target, named.request_id)
    return target


def fsync_directory(directory: Path) -> None:
    """Make a rename into `directory` durable, where the OS allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
