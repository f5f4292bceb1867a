"""Keep freed memory for reuse while a run moves big bodies (glibc's allocator only).

Every piece of a body passes through several buffers on its way to the file (the socket's
read, h11's receive buffer, httpcore's events), each one about as big as a read, 512 KiB.
glibc serves blocks that big with `mmap` and hands them back with `munmap`, or trims its
heap as soon as 1 MiB or so is free at its top: either way the next buffer's pages are new
to the process and fault in one by one. On a 1 GiB download that was about 200,000 minor
page faults and a second of system time (curl: 600 faults). Raising the two thresholds,
as `MALLOC_MMAP_THRESHOLD_` and `MALLOC_TRIM_THRESHOLD_` would, keeps those pages in the
process for the next buffer: at most `TRIM_BYTES` of freed memory stays mapped.

This is the command's own process, so it may tune its allocator; the library never does.
A user who sets either variable keeps their setting. Elsewhere (macOS, Windows, musl,
whose `mallopt` does nothing) it is a no-op.
"""

from __future__ import annotations

import os
import sys

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_BYTES = 16 * 1024 * 1024  # blocks below this come from the heap
TRIM_BYTES = 64 * 1024 * 1024  # the heap keeps this much free memory before trimming
_USER_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds; whether they were set."""
    if not sys.platform.startswith("linux") or any(v in os.environ for v in _USER_SETTINGS):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_BYTES)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_BYTES)
    )
