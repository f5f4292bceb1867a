"""`place_file`: a finished file moved to its name, never over another unless asked."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from claude_files import DestinationExistsError, _files, place_file


def test_moves_the_file_and_returns_where_it_went(tmp_path: Path) -> None:
    src = tmp_path / "stage" / "report.pdf"
    src.parent.mkdir()
    src.write_bytes(b"%PDF")
    dest = place_file(src, tmp_path / "report.pdf")
    assert dest == tmp_path / "report.pdf"
    assert dest.read_bytes() == b"%PDF"
    assert not src.exists()


def test_never_replaces_a_file_and_leaves_the_source(tmp_path: Path) -> None:
    src, dest = tmp_path / "new", tmp_path / "old"
    src.write_bytes(b"new")
    dest.write_bytes(b"precious")
    with pytest.raises(DestinationExistsError) as caught:
        place_file(src, dest)
    assert caught.value.path == dest
    assert dest.read_bytes() == b"precious"
    assert src.read_bytes() == b"new"  # nothing lost: the caller still has it


def test_a_dangling_symlink_counts_as_taken(tmp_path: Path) -> None:
    src, dest = tmp_path / "new", tmp_path / "link"
    src.write_bytes(b"new")
    dest.symlink_to(tmp_path / "nowhere")
    with pytest.raises(DestinationExistsError):
        place_file(src, dest)
    assert dest.is_symlink()


def test_overwrite_replaces_in_one_rename(tmp_path: Path) -> None:
    src, dest = tmp_path / "new", tmp_path / "old"
    src.write_bytes(b"new")
    dest.write_bytes(b"old")
    assert place_file(src, dest, overwrite=True) == dest
    assert dest.read_bytes() == b"new"
    assert not src.exists()


def test_without_hard_links_it_checks_and_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dest: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")  # FAT, some network mounts

    monkeypatch.setattr(os, "link", no_links)
    src, dest, taken = tmp_path / "new", tmp_path / "free", tmp_path / "taken"
    src.write_bytes(b"new")
    taken.write_bytes(b"precious")
    with pytest.raises(DestinationExistsError):
        place_file(src, taken)
    assert taken.read_bytes() == b"precious"
    assert place_file(src, dest) == dest
    assert dest.read_bytes() == b"new"
    assert not src.exists()


def test_the_folder_is_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(_files, "fsync_directory", synced.append)
    src = tmp_path / "new"
    src.write_bytes(b"x")
    place_file(src, tmp_path / "sub.bin")
    assert synced == [tmp_path]
