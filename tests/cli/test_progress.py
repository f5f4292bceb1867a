"""The bars of a run are moved by the library's `on_progress`: what each bar is told.

The command runs in-process with a recording stand-in for the rich bars (stderr is not a
terminal under pytest); what the library reports is tested in tests/overlay/test_progress.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import ClassVar

import pytest

from claude_files.cli import _output, _progress
from claude_files.testing import Fault, MockServer
from tests.cli.conftest import Run


class Recorder:
    """A bar that remembers what it was told."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.calls: list[tuple[int, int | None]] = []
        self.closed = False

    def update(self, done: int, total: int | None) -> None:
        self.calls.append((done, total))

    def close(self) -> None:
        self.closed = True


class Bars:
    """Stands in for `_progress.Progress`: hands out Recorders and keeps them."""

    made: ClassVar[list[Recorder]] = []

    def __init__(self, *, redirect_stdout: bool) -> None:
        del redirect_stdout

    def __enter__(self) -> Bars:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass

    def bar(self, label: str) -> Recorder:
        bar = Recorder(label)
        Bars.made.append(bar)
        return bar

    def print_above(self, text: str) -> None:
        print(text)


@pytest.fixture
def bars(monkeypatch: pytest.MonkeyPatch) -> list[Recorder]:
    Bars.made = []
    monkeypatch.setattr(_progress, "Progress", Bars)
    monkeypatch.setattr(_output, "_is_tty", lambda stream: stream is not None)
    return Bars.made


def _by_label(bars: list[Recorder]) -> dict[str, Recorder]:
    return {bar.label: bar for bar in bars}


def test_each_download_moves_its_own_bar_to_its_size(
    run: Run, server: MockServer, bars: list[Recorder]
) -> None:
    sizes = [300_000, 1_000, 70_000]
    ids = [server.add_file(os.urandom(n), filename=f"{n}.bin")["id"] for n in sizes]
    result = run("files", "download", *ids, "-j", "3", "-o", "out/")
    assert result.code == 0, result.err
    made = _by_label(bars)
    assert sorted(made) == sorted(ids)  # named by the download: the id until then
    for file_id, size in zip(ids, sizes, strict=True):
        calls = made[file_id].calls
        assert calls[0] == (0, size)
        assert calls[-1] == (size, size)
        assert [done for done, _ in calls] == sorted(done for done, _ in calls)
        assert made[file_id].closed


def test_an_upload_moves_its_bar_to_the_files_size(
    run: Run, server: MockServer, bars: list[Recorder], tmp_path: Path
) -> None:
    (tmp_path / "up.bin").write_bytes(os.urandom(250_000))
    result = run("files", "upload", "up.bin")
    assert result.code == 0, result.err
    [bar] = bars
    assert bar.label == "up.bin"
    assert bar.calls[0] == (0, 250_000)
    assert bar.calls[-1] == (250_000, 250_000)
    assert bar.closed


def test_a_retried_download_neither_goes_back_nor_counts_twice(
    run: Run, server: MockServer, bars: list[Recorder], tmp_path: Path
) -> None:
    data = os.urandom(200_000)
    file_id = server.add_file(data, filename="retry.bin")["id"]
    server.inject(Fault.truncate(50_000), path=f"/v1/files/{file_id}/content", count=1)
    result = run("files", "download", file_id, "-o", "retry.bin")
    assert result.code == 0, result.err
    assert (tmp_path / "retry.bin").read_bytes() == data
    [bar] = bars
    dones = [done for done, _ in bar.calls]
    assert dones == sorted(dones)
    assert bar.calls[-1] == (200_000, 200_000)


def test_off_a_terminal_there_are_no_bars(
    run: Run, server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    monkeypatch.setattr(_progress, "Progress", lambda **_: made.append("bars"))
    file_id = server.add_file(b"x" * 1000, filename="x.bin")["id"]
    assert run("files", "download", file_id, "-o", "out/").code == 0
    assert made == []
