"""The archive checks of `extract=True`, without any I/O: names, kinds, counts, ratios."""

from __future__ import annotations

import stat
import zipfile

import pytest

from claude_files import ArchiveError, ExtractLimits, UnsafeArchiveError
from claude_files._extract import check_entries, safe_member_path


@pytest.mark.parametrize(
    "name",
    ["../x", "a/../../x", "/etc/passwd", "C:/x", "c:x", "a\\..\\x", "..", "a/..", "x\x00y",
     "a:stream", "", "/", "./"],
)  # fmt: skip
def test_unsafe_names_are_refused(name: str) -> None:
    with pytest.raises(UnsafeArchiveError):
        safe_member_path(name)


def test_safe_names_are_normalised() -> None:
    assert str(safe_member_path("./a//b/./c.txt")) == "a/b/c.txt"
    assert str(safe_member_path("dir/")) == "dir"


def _info(name: str, size: int = 1, compressed: int = 1, mode: int = 0) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.file_size, info.compress_size = size, compressed
    info.external_attr = mode << 16
    return info


def test_links_devices_and_clashes_are_refused() -> None:
    limits = ExtractLimits()
    with pytest.raises(UnsafeArchiveError, match="symbolic link"):
        check_entries([_info("l", mode=stat.S_IFLNK | 0o777)], limits)
    with pytest.raises(UnsafeArchiveError, match="special file"):
        check_entries([_info("fifo", mode=stat.S_IFIFO | 0o644)], limits)
    with pytest.raises(UnsafeArchiveError, match="clashing"):
        check_entries([_info("a"), _info("a/b")], limits)
    with pytest.raises(UnsafeArchiveError, match="clashing"):
        check_entries([_info("a/b"), _info("a")], limits)
    encrypted = _info("secret")
    encrypted.flag_bits |= 0x1
    with pytest.raises(ArchiveError, match="encrypted"):
        check_entries([encrypted], limits)


def test_counts_totals_and_ratios() -> None:
    limits = ExtractLimits(max_entries=2, max_total_bytes=3 * 1024**2, max_ratio=100)
    assert len(check_entries([_info("a"), _info("b/c")], limits)) == 2
    with pytest.raises(UnsafeArchiveError, match="entries"):
        check_entries([_info("a"), _info("b"), _info("c")], limits)
    with pytest.raises(UnsafeArchiveError, match="more than"):
        check_entries([_info("a", 2 * 1024**2, 1024**2), _info("b", 2 * 1024**2, 1024**2)], limits)
    with pytest.raises(UnsafeArchiveError, match="ratio"):
        check_entries([_info("bomb", 2 * 1024**2, 1000)], limits)
    # Small, very compressible files are fine: the ratio applies above the floor.
    assert check_entries([_info("zeros", 100_000, 100)], limits)
