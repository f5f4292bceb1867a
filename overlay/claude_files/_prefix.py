"""Proof that a restarted download's skipped prefix is the one already delivered.

A retry after a mid-body failure that cannot resume with `Range` reads the body again
from byte 0 and skips what the caller already has. When the first response gave
neither a validator (`ETag`/`Last-Modified`) nor a `Content-MD5` (chunked chat files,
code artifacts), nothing else shows that the new body starts with those same bytes: a
file that changed between attempts would be stitched from two versions. `PrefixProof`
hashes what was delivered, hashes the skipped prefix as it arrives, and refuses the
new body before its first new byte is handed out when the two differ.

The hash is SHA-1, chosen by measurement. It runs over every such download in case a
retry happens, so it must cost little; it guards against a server's honest change, not
an adversary, so collision resistance does not matter but a wide check does. Measured
here (one core, 64 KiB to 1 MiB chunks, the same for each size within 1%): zlib.crc32
≈ 3.6 GB/s, SHA-1 ≈ 1.7 GB/s (the CPU's SHA extensions), SHA-256 ≈ 1.55, BLAKE2b ≈ 0.75,
MD5 ≈ 0.66. CRC-32 is twice as fast but a 32-bit check; SHA-1 is the fastest with 64 bits
or more. A 256 MiB chunked download spends ≈ 0.17 s more CPU for it (`bench/prefix_cost.py`),
so `DownloadCore` has it computed the way it computes a large body's MD5: in a worker
thread, beside the transfer (`RunningHash`).

Pure: no I/O, no threads, no clock. `DownloadCore` calls `delivered` for each new byte
it hands out, `restart` when a new body starts from byte 0, and `skipped` with the
bytes it drops from that body.
"""

from __future__ import annotations

import hashlib
from typing import Protocol

from claude_files._errors import IncompleteDownloadError

CHANGED = "the file changed while it was being downloaded"


class Running(Protocol):
    """A hash being updated (maybe in another thread); `digest` once it is up to date."""

    def update(self, chunk: bytes) -> None: ...

    def digest(self) -> bytes: ...


class PrefixProof:
    """The delivered bytes' hash, and the check of a restarted body's first bytes.

    `expected` is the file's size as the first response gave it (None when chunked),
    reported in the error; `delivered` hashes the delivered bytes (by default SHA-1,
    inline), and is up to date whenever `restart` is called.
    """

    def __init__(self, expected: int | None, delivered: Running | None = None) -> None:
        self._expected = expected
        self._delivered: Running = delivered or hashlib.sha1()
        self._length = 0
        self._skipped = hashlib.sha1()
        self._owed = 0  # bytes of the restarted body still to hash before the check
        self._digest = b""  # what those bytes must hash to

    def delivered(self, chunk: bytes) -> None:
        """Bytes handed out to the caller, in order."""
        self._delivered.update(chunk)
        self._length += len(chunk)

    def restart(self) -> None:
        """A new body starts from byte 0: its first bytes must be the delivered ones."""
        self._skipped = hashlib.sha1()
        self._owed = self._length
        self._digest = self._delivered.digest()

    def skipped(self, chunk: bytes | memoryview) -> None:
        """Bytes of the restarted body dropped as already delivered; raises
        `IncompleteDownloadError` with the last of them when they differ."""
        if len(chunk) > self._owed:
            raise ValueError("skipped more bytes than were delivered")
        self._skipped.update(chunk)
        self._owed -= len(chunk)
        if not self._owed and self._skipped.digest() != self._digest:
            raise IncompleteDownloadError(CHANGED, expected=self._expected, received=self._length)
