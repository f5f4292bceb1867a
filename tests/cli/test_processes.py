"""The installed command in real processes: a round trip, Ctrl-C mid-download, and
`claude-files mock-server`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from claude_files.testing import Fault, MockServer
from tests.cli.conftest import command, interruptible, leftovers, subprocess_env


def _cli(
    server: MockServer, cwd: Path, *args: str, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command(), *args],
        cwd=cwd,
        env=subprocess_env(server),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _wait_for(condition: object, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not callable(condition) or not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


def test_round_trip_through_the_installed_command(mock_server: MockServer, tmp_path: Path) -> None:
    mock_server.uploaded_files_downloadable = True  # it downloads its upload (the real API refuses)
    data = os.urandom(300_000)
    (tmp_path / "payload.bin").write_bytes(data)

    up = _cli(mock_server, tmp_path, "files", "upload", "payload.bin", "--json")
    assert up.returncode == 0, up.stderr
    file_id = json.loads(up.stdout)["id"]

    listed = _cli(mock_server, tmp_path, "files", "list")
    assert listed.returncode == 0
    assert listed.stdout.split("\t")[:3] == [file_id, "payload.bin", "300000"]

    down = _cli(mock_server, tmp_path, "files", "download", file_id, "-o", "back/")
    assert down.returncode == 0, down.stderr
    assert (tmp_path / "back" / "payload.bin").read_bytes() == data
    assert down.stdout == f"downloaded {file_id} to back/payload.bin (300.0 kB)\n"
    assert down.stderr == ""  # not a terminal: no bars, no colour, nothing but results

    missing = _cli(mock_server, tmp_path, "files", "get", "file_nope")
    assert missing.returncode == 1
    assert "not_found_error" in missing.stderr
    assert "Traceback" not in missing.stderr

    usage = _cli(mock_server, tmp_path, "files", "frobnicate")
    assert usage.returncode == 2


def test_ctrl_c_keeps_finished_files_and_leaves_nothing_unfinished(
    mock_server: MockServer, tmp_path: Path
) -> None:
    quick = mock_server.add_file(b"done early", filename="quick.txt")["id"]
    slow = [
        mock_server.add_file(os.urandom(2_000_000), filename=f"slow{i}.bin")["id"] for i in range(2)
    ]
    for file_id in slow:
        mock_server.inject(Fault.slow(100_000), path=f"/v1/files/{file_id}/content")
    out = tmp_path / "out"

    process = subprocess.Popen(
        [*interruptible(), "files", "download", quick, *slow, "-o", "out", "-j", "3"],
        cwd=tmp_path,
        env=subprocess_env(mock_server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Interrupt once the quick file is in place and both slow ones are mid-body (each
        # in its own staging folder inside out/, until it is named).
        _wait_for(
            lambda: (
                (out / "quick.txt").exists()
                and len(list(out.rglob("*.part"))) == 2
                and all(p.stat().st_size > 0 for p in out.rglob("*.part"))
            )
        )
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert process.returncode == 130, stderr
    assert sorted(p.name for p in out.iterdir()) == ["quick.txt"]
    assert (out / "quick.txt").read_bytes() == b"done early"
    assert leftovers(out) == []
    assert stdout == f"downloaded {quick} to out/quick.txt (10 B)\n"
    assert "interrupted: 1 of 3 downloaded, 2 unfinished" in stderr
    assert "Traceback" not in stderr


def test_mock_server_command_serves_until_ctrl_c(tmp_path: Path) -> None:
    fixture = tmp_path / "seed.json"
    fixture.write_text(
        json.dumps({"files": [{"id": "file_seeded", "content": "hi", "filename": "hi.txt"}]})
    )
    server = subprocess.Popen(
        [*interruptible(), "mock-server", "--seed", str(fixture)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        exports = dict(
            server.stdout.readline().strip().removeprefix("export ").split("=", 1) for _ in range(3)
        )
        assert exports["ANTHROPIC_BASE_URL"].startswith("http://127.0.0.1:")
        env = {**os.environ, **exports}
        listed = subprocess.run(
            [*command(), "files", "list"],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout.startswith("file_seeded\thi.txt\t2\t")
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=15) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_without_the_cli_extra_the_command_says_what_to_install() -> None:
    blocked = (
        "import sys; sys.modules['click'] = None; "
        "from claude_files.cli import main; sys.exit(main(['files', 'list']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", blocked], capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 2
    assert "pip install 'claude-files[cli]'" in done.stderr
    assert "Traceback" not in done.stderr
