"""The command keeps freed memory for its next buffer (glibc): measured in page faults."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from claude_files.cli import _malloc

glibc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="glibc's allocator only",
)

CHURN = """
import resource, sys
from claude_files.cli._malloc import keep_freed_memory
if sys.argv[1] == "tuned":
    assert keep_freed_memory()
live = []
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for i in range(500):  # body-sized buffers, a few alive at once, as a download makes them
    live.append(b"x" * (512 * 1024 + i))
    if len(live) > 4:
        live.pop(0)
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", CHURN, mode], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


@glibc
def test_freed_buffers_are_reused_instead_of_faulting_in_new_pages() -> None:
    plain, tuned = _faults("plain"), _faults("tuned")
    # 500 buffers of 512 KiB are 64,000 pages; without the tuning most fault in anew.
    assert plain > 10_000
    assert tuned * 5 < plain


@glibc
def test_a_users_own_malloc_setting_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "131072")
    assert _malloc.keep_freed_memory() is False


def test_elsewhere_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert _malloc.keep_freed_memory() is False
