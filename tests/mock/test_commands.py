"""The mock's two commands, `python -m claude_files.testing` and `claude-files
mock-server`: uploads follow the real API (not downloadable) unless
`--uploaded-downloadable` says otherwise."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from claude_files.testing.__main__ import build_parser
from tests.mock._wire import VERSION

# `claude-files mock-server`, with Ctrl-C delivered even when this test runs with SIGINT
# ignored (as a background job does, and a child inherits).
MOCK_SERVER_COMMAND = [
    sys.executable,
    "-c",
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "from claude_files.cli import main; sys.exit(main(sys.argv[1:]))",
    "mock-server",
]


@contextmanager
def _serving(command: list[str], stop: signal.Signals) -> Iterator[tuple[str, str]]:
    """Start a mock command; its base URL and Files API key, read from what it prints;
    `stop` ends it (each command cleans up on its own signal)."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        url = key = ""
        while not (url and key):
            line = process.stdout.readline()
            assert line, "the command exited before it printed its URL and key"
            if line.startswith(("claude-files mock serving on ", "export ANTHROPIC_BASE_URL=")):
                url = line.split()[-1].split("=")[-1].strip("'")
            elif line.strip().startswith(("Files API key:", "export ANTHROPIC_API_KEY=")):
                key = line.split()[-1].split("=")[-1].strip("'")
        yield url, key
    finally:
        process.send_signal(stop)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _round_trip(url: str, key: str) -> int:
    """Upload a file and ask for its content; the content request's status."""
    headers = {"x-api-key": key, "anthropic-version": VERSION}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as http:
        meta = http.post("/v1/files", files={"file": ("u.txt", b"mine")}).json()
        return http.get(f"/v1/files/{meta['id']}/content").status_code


def test_python_m_flag_replaces_the_old_one() -> None:
    assert build_parser().parse_args([]).uploaded_downloadable is False
    assert build_parser().parse_args(["--uploaded-downloadable"]).uploaded_downloadable is True
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--uploaded-not-downloadable"])


def test_python_m_serves_uploads_as_the_real_api_unless_told() -> None:
    base = [sys.executable, "-m", "claude_files.testing", "--port", "0"]
    with _serving(base, signal.SIGTERM) as (url, key):
        assert _round_trip(url, key) == 400
    with _serving([*base, "--uploaded-downloadable"], signal.SIGTERM) as (url, key):
        assert _round_trip(url, key) == 200


def test_mock_server_command_serves_uploads_as_the_real_api_unless_told() -> None:
    with _serving(MOCK_SERVER_COMMAND, signal.SIGINT) as (url, key):
        assert _round_trip(url, key) == 400
    with _serving([*MOCK_SERVER_COMMAND, "--uploaded-downloadable"], signal.SIGINT) as (url, key):
        assert _round_trip(url, key) == 200
