"""The server's lifecycle, the pytest fixture, the command line, and flat memory on upload."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from claude_files.testing import Fault, MockServer

from ._wire import files_headers


def test_context_manager_starts_and_stops(tmp_path: Path) -> None:
    before = {t.name for t in threading.enumerate()}
    with MockServer() as server:
        assert server.running
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.api_key != server.compliance_api_key
        assert httpx.get(server.base_url + "/v1/files", headers=files_headers(server)).is_success
        port = server.port
    assert not server.running
    assert {t.name for t in threading.enumerate()} <= before
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.parametrize("visit", ["first", "second"])
def test_fixture_gives_fresh_state(mock_server: MockServer, visit: str) -> None:
    """Each visit finds the server fresh, then leaves it dirty: in either order, the
    second would see the first's file, fault and requests if the fixture kept them."""
    url, headers = mock_server.base_url + "/v1/files", files_headers(mock_server)
    assert mock_server.requests == []
    assert mock_server.faults == []
    assert httpx.get(url, headers=headers).json()["data"] == []
    assert mock_server.add_file(b"x")["size_bytes"] == 1
    mock_server.inject(Fault.status(503), count=None)
    assert httpx.get(url, headers=headers).status_code == 503


def test_factory_makes_independent_servers(
    mock_server_factory: Callable[..., MockServer],
) -> None:
    one = mock_server_factory(api_key="sk-one")
    two = mock_server_factory(api_key="sk-two")
    one.add_file(b"only in one")
    assert one.api_key == "sk-one"
    assert two.port != one.port
    listed = httpx.get(two.base_url + "/v1/files", headers=files_headers(two)).json()
    assert listed["data"] == []


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "claude_files.testing", "--log-level", "warning", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture
def cli_server() -> Iterator[tuple[subprocess.Popen[str], str, str]]:
    process = _cli("--fault", "GET /v1/files=status:503:retry-after=1:count=1", "--api-key", "k1")
    assert process.stdout is not None
    first = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+", first)
    assert match, first
    key_line = process.stdout.readline()
    assert key_line.split()[-1] == "k1"
    yield process, match.group(0), "k1"
    if process.poll() is None:
        process.kill()
        process.wait(10)


def test_command_line_serves_faults_and_stops_on_ctrl_c(
    cli_server: tuple[subprocess.Popen[str], str, str],
) -> None:
    process, base_url, key = cli_server
    headers = {"x-api-key": key, "anthropic-version": "2026-10-21"}
    first = httpx.get(base_url + "/v1/files", headers=headers)
    assert first.status_code == 503
    assert first.headers["retry-after"] == "1"
    assert httpx.get(base_url + "/v1/files", headers=headers).status_code == 200
    process.send_signal(signal.SIGINT)
    assert process.wait(15) == 0


def test_command_line_rejects_a_bad_fault() -> None:
    process = _cli("--fault", "/v1/files=explode")
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 2
    assert "unknown kind" in output


def _peak_rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    assert match
    return int(match.group(1))


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_upload_memory_stays_flat(cli_server: tuple[subprocess.Popen[str], str, str]) -> None:
    """200 MB streamed in raise the server's peak RSS by far less than the upload."""
    process, base_url, key = cli_server
    headers = {"x-api-key": key, "anthropic-version": "2026-10-21"}
    httpx.get(base_url + "/v1/files", headers=headers)  # spend the 503, warm up
    httpx.get(base_url + "/v1/files", headers=headers)
    before = _peak_rss_kib(process.pid)
    size = 200 * 1024 * 1024
    boundary = "memtest"

    def body() -> Iterator[bytes]:
        yield (
            f"--{boundary}\r\nContent-Disposition: form-data; name=file; filename=big.bin\r\n"
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        block = os.urandom(1024 * 1024)
        for _ in range(size // len(block)):
            yield block
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = httpx.post(
        base_url + "/v1/files",
        content=body(),
        headers={**headers, "content-type": f"multipart/form-data; boundary={boundary}"},
        timeout=120,
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["size_bytes"] == size
    growth_mib = (_peak_rss_kib(process.pid) - before) / 1024
    assert growth_mib < 32, f"peak RSS grew by {growth_mib:.1f} MiB for a 200 MiB upload"


def test_reset_restores_a_fresh_server(mock_server: MockServer) -> None:
    from datetime import UTC, datetime

    mock_server.add_file(b"x")
    mock_server.add_chat_file(b"y")
    mock_server.inject(Fault.status(503), count=None)
    mock_server.uploaded_files_downloadable = True
    mock_server.storage_quota_bytes = 1
    mock_server.organization_on_hold = True
    mock_server.list_shape = "next_page"
    mock_server.now = datetime(2020, 1, 1, tzinfo=UTC)
    mock_server.reset()
    assert mock_server.faults == []
    assert mock_server.requests == []
    assert mock_server.now.year > 2020
    assert mock_server.uploaded_files_downloadable is False
    assert mock_server.storage_quota_bytes is None
    assert mock_server.organization_on_hold is False
    assert mock_server.list_shape == "both"
    page = httpx.get(mock_server.base_url + "/v1/files", headers=files_headers(mock_server))
    assert page.json() == {
        "data": [],
        "next_page": None,
        "has_more": False,
        "first_id": None,
        "last_id": None,
    }
    kept = mock_server.add_file(b"kept")["id"]
    mock_server.reset(clear_data=False)
    listed = httpx.get(mock_server.base_url + "/v1/files", headers=files_headers(mock_server))
    assert [f["id"] for f in listed.json()["data"]] == [kept]


def test_replies_are_not_held_back_by_nagle(mock_server: MockServer) -> None:
    # Accepted connections inherit the listening socket's TCP_NODELAY; without it each
    # reply on a kept-alive connection waited ~40 ms for the client's delayed ACK.
    listener = mock_server._socket
    assert listener is not None
    assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
