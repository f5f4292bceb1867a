"""Extracting a downloaded ZIP into a new folder, safely and atomically.

`check_entries` is the sans-I/O part: from the archive's directory alone it refuses
any entry that would land outside the folder (an absolute path, `..`, a drive letter,
a backslash path), a symbolic link or other special file, duplicate or clashing paths,
encrypted entries, and archives over the limits (entry count, total uncompressed size,
compression ratio). `extract_zip` then writes into a temporary folder beside the
target, counting the bytes as they are inflated (a header can lie about sizes), and
renames the folder into place only when every entry is complete: the folder appears
whole or not at all, and a refusal leaves nothing behind.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import stat
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from claude_files._errors import ArchiveError, DestinationExistsError, UnsafeArchiveError
from claude_files._files import fsync_directory

_CHUNK = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_O_BINARY = getattr(os, "O_BINARY", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass(frozen=True)
class ExtractLimits:
    """What an archive may expand to before it is refused as a zip bomb.

    `max_ratio` applies to entries (and the archive as a whole) larger than
    `ratio_floor_bytes`: small, very repetitive files compress well and are harmless.
    """

    max_entries: int = 10_000
    max_total_bytes: int = 1024**3
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1024**2

    def over_ratio(self, size: int, compressed: int) -> bool:
        return size > self.ratio_floor_bytes and size > self.max_ratio * max(compressed, 1)


def safe_member_path(name: str) -> PurePosixPath:
    """The entry's path relative to the folder, or UnsafeArchiveError."""
    if "\x00" in name or "\\" in name:
        raise UnsafeArchiveError(f"unsafe entry name {name!r}", name)
    if name.startswith("/") or _DRIVE.match(name):
        raise UnsafeArchiveError(f"absolute path in archive: {name!r}", name)
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if not parts:
        raise UnsafeArchiveError(f"empty entry name {name!r}", name)
    for part in parts:
        if part == ".." or ":" in part or any(ord(c) < 32 for c in part):
            raise UnsafeArchiveError(f"entry escapes the folder: {name!r}", name)
    return PurePosixPath(*parts)


def _kind(info: zipfile.ZipInfo) -> str:
    mode = info.external_attr >> 16
    if info.is_dir():
        return "dir"
    file_type = stat.S_IFMT(mode)
    if file_type in (0, stat.S_IFREG):
        return "file"
    return "link" if file_type == stat.S_IFLNK else "special"


def check_entries(
    infos: Sequence[zipfile.ZipInfo], limits: ExtractLimits
) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """Every entry with its safe relative path; refuses the archive on the first problem."""
    if len(infos) > limits.max_entries:
        raise UnsafeArchiveError(f"{len(infos)} entries: more than {limits.max_entries}")
    checked: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
    files: set[PurePosixPath] = set()
    dirs: set[PurePosixPath] = set()
    total = compressed = 0
    for info in infos:
        path = safe_member_path(info.filename)
        kind = _kind(info)
        if kind == "link":
            raise UnsafeArchiveError(f"symbolic link in archive: {info.filename!r}", info.filename)
        if kind == "special":
            raise UnsafeArchiveError(f"special file in archive: {info.filename!r}", info.filename)
        if info.flag_bits & 0x1:
            raise ArchiveError(f"encrypted entry {info.filename!r}: not supported")
        parents = set(path.parents) - {PurePosixPath(".")}
        if path in files or (kind == "file" and path in dirs) or parents & files:
            message = f"duplicate or clashing entry {info.filename!r}"
            raise UnsafeArchiveError(message, info.filename)
        if kind == "dir":
            dirs.add(path)
        else:
            files.add(path)
            if limits.over_ratio(info.file_size, info.compress_size):
                raise UnsafeArchiveError(
                    f"{info.filename!r} expands {info.file_size} bytes from "
                    f"{info.compress_size}: over the {limits.max_ratio:g}x ratio limit",
                    info.filename,
                )
        dirs |= parents
        total += info.file_size
        compressed += info.compress_size
        if total > limits.max_total_bytes:
            raise UnsafeArchiveError(
                f"the archive expands to more than {limits.max_total_bytes} bytes",
                info.filename,
            )
        checked.append((info, path))
    if limits.over_ratio(total, compressed):
        raise UnsafeArchiveError(f"the archive expands {total} bytes from {compressed}")
    return checked


class _Budget:
    """Bytes inflated so far, checked as they stream (headers may lie)."""

    def __init__(self, limits: ExtractLimits) -> None:
        self.limits = limits
        self.total = 0

    def take(self, info: zipfile.ZipInfo, entry_bytes: int, more: int) -> None:
        self.total += more
        if entry_bytes > info.file_size:
            raise UnsafeArchiveError(
                f"{info.filename!r} inflates past its declared size", info.filename
            )
        if self.total > self.limits.max_total_bytes:
            raise UnsafeArchiveError(
                f"the archive expands to more than {self.limits.max_total_bytes} bytes",
                info.filename,
            )
        if self.limits.over_ratio(entry_bytes, info.compress_size):
            raise UnsafeArchiveError(f"{info.filename!r} is over the ratio limit", info.filename)


def _write_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, budget: _Budget
) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY | _O_NOFOLLOW
    fd = os.open(dest, flags, 0o666)
    written = 0
    with os.fdopen(fd, "wb") as out, archive.open(info) as source:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            budget.take(info, written, len(chunk))
            out.write(chunk)


def extract_zip(archive_path: Path, target: Path, limits: ExtractLimits) -> Path:
    """Extract `archive_path` into the new folder `target`, or leave no trace."""
    if target.exists() or target.is_symlink():
        raise DestinationExistsError.folder(target)
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError(f"not a ZIP archive: {exc}") from exc
    with archive:
        entries = check_entries(archive.infolist(), limits)  # refused before any write
        staging = _staging_folder(target.parent)
        try:
            _extract_into(archive, entries, staging, limits)
            if target.exists() or target.is_symlink():
                raise DestinationExistsError.folder(target)  # it appeared meanwhile
            try:
                os.rename(staging, target)
            except OSError as exc:  # an empty folder would be replaced; a full one refuses
                raise DestinationExistsError.folder(target) from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    fsync_directory(target.parent)
    return target


def _extract_into(
    archive: zipfile.ZipFile,
    entries: list[tuple[zipfile.ZipInfo, PurePosixPath]],
    staging: Path,
    limits: ExtractLimits,
) -> None:
    budget = _Budget(limits)
    for info, relative in entries:
        dest = staging.joinpath(*relative.parts)
        if os.path.commonpath([staging, dest]) != str(staging):  # belt and braces
            raise UnsafeArchiveError(f"entry escapes the folder: {info.filename!r}")
        if info.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            _write_entry(archive, info, dest, budget)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            raise ArchiveError(f"broken entry {info.filename!r}: {exc}") from exc
        except NotImplementedError as exc:  # an unsupported compression method
            raise ArchiveError(f"cannot extract {info.filename!r}: {exc}") from exc


def _staging_folder(parent: Path) -> Path:
    """A new private-named folder beside the target, with the mode any new folder gets
    (0777 less the umask), unlike `mkdtemp`'s 0700."""
    while True:
        path = parent / f".claude-files-{secrets.token_hex(8)}.extract"
        try:
            path.mkdir(0o777)
        except FileExistsError:
            continue
        return path
