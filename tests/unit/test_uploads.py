"""UploadSource: what can be uploaded, inferred names and types, the size limit."""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest

from claude_files import MAX_UPLOAD_BYTES, FileTooLargeError
from claude_files._uploads import UploadSource, expires_in_seconds


def test_a_path_gives_its_name_type_and_size(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes(b"a,b\n")
    source = UploadSource(path)
    assert (source.filename, source.mime_type, source.size) == ("notes.csv", "text/csv", 4)
    assert source.replayable
    with source.open() as f:
        assert f.read() == b"a,b\n"
    source.close()


def test_explicit_name_and_type_win(tmp_path: Path) -> None:
    source = UploadSource(b"x", filename="a.bin", mime_type="image/png")
    assert (source.filename, source.mime_type) == ("a.bin", "image/png")


def test_bytes_without_a_name_are_unnamed() -> None:
    source = UploadSource(b"abc")
    assert (source.filename, source.mime_type, source.size) == (
        "unnamed",
        "application/octet-stream",
        3,
    )


def test_a_tuple_gives_name_content_and_type() -> None:
    source = UploadSource(("r.md", b"# hi", "text/markdown"))
    assert (source.filename, source.mime_type, source.size) == ("r.md", "text/markdown", 4)
    assert source.open().read() == b"# hi"


def test_an_open_file_gives_its_name_and_whole_size(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(b"{}" * 10)
    with path.open("rb") as f:
        f.read(5)
        source = UploadSource(f)
        assert (source.filename, source.mime_type, source.size) == (
            "data.json",
            "application/json",
            20,
        )
        assert f.tell() == 5  # measuring did not move it
        assert source.replayable


def test_an_unseekable_stream_cannot_be_replayed() -> None:
    class Pipe(io.RawIOBase):
        def readable(self) -> bool:
            return True

    source = UploadSource(Pipe())  # type: ignore[arg-type]
    assert source.size is None
    assert not source.replayable


def test_over_the_limit_is_refused_before_sending(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    with path.open("wb") as f:
        f.truncate(MAX_UPLOAD_BYTES + 1)  # sparse: no disk used
    with pytest.raises(FileTooLargeError) as caught:
        UploadSource(path)
    assert (caught.value.limit, caught.value.size) == (MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES + 1)
    os.truncate(path, MAX_UPLOAD_BYTES)
    assert UploadSource(path).size == MAX_UPLOAD_BYTES


@pytest.mark.parametrize("bad", [3.5, None, object(), [b"x"], ("a.txt", "text", None)])
def test_unknown_inputs_are_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        UploadSource(bad)  # type: ignore[arg-type]


def test_expires_in_takes_seconds_or_a_timedelta() -> None:
    assert expires_in_seconds(None) is None
    assert expires_in_seconds(3600) == 3600
    assert expires_in_seconds(timedelta(days=1)) == 86400
    with pytest.raises(ValueError, match="positive"):
        expires_in_seconds(0)
    with pytest.raises(ValueError, match="whole"):
        expires_in_seconds(timedelta(seconds=1.5))
    with pytest.raises(TypeError):
        expires_in_seconds(True)
