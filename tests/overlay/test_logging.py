"""The `claude_files` logger (issue 14.4): requests and responses at DEBUG, retries at
INFO, never the key nor extra headers; `ANTHROPIC_LOG` turns it on as for the SDK."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from claude_files import APIConnectionError, Client, NotFoundError
from claude_files.testing import Fault, MockServer
from tests._support import async_client, client_kwargs, sync_client

LOGGER = "claude_files"


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    return caplog


def text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(LOGGER))


def test_requests_responses_and_retries_are_logged(
    mock_server: MockServer, debug_logs: pytest.LogCaptureFixture
) -> None:
    file_id = mock_server.add_file(b"data")["id"]
    mock_server.inject(Fault.status(503, retry_after="2"), path="/v1/files/*", count=1)
    mock_server.clear_requests()
    with sync_client(mock_server) as client:
        client.files.get(file_id, extra_query={"q": "secret-query"})
    failed, ok = mock_server.requests
    url = f"{mock_server.base_url}/v1/files/{file_id}"
    records = [(r.levelname, r.getMessage()) for r in debug_logs.records if r.name == LOGGER]
    assert records == [
        ("DEBUG", f"HTTP Request: GET {url}"),
        ("DEBUG", records[1][1]),
        ("INFO", "Retrying in 2.000 s (retry 1) after status 503"),
        ("DEBUG", f"HTTP Request: GET {url}"),
        ("DEBUG", records[4][1]),
    ]
    assert records[1][1].startswith(f'HTTP Response: GET {url} "503 Service Unavailable"')
    assert f"request-id={failed.request_id} in " in records[1][1]
    assert records[4][1].startswith(f'HTTP Response: GET {url} "200 OK"')
    assert f"request-id={ok.request_id} in " in records[4][1]
    assert "secret-query" not in text(debug_logs)


async def test_async_downloads_log_the_same_way(
    mock_server: MockServer, debug_logs: pytest.LogCaptureFixture
) -> None:
    file_id = mock_server.add_file(b"data" * 100)["id"]
    mock_server.inject(Fault.truncate(10), path="/v1/files/*/content", count=1)
    async with async_client(mock_server) as client:
        assert await client.files.download(file_id) == b"data" * 100
    logged = text(debug_logs)
    assert logged.count("HTTP Request: GET") == 2
    assert "after IncompleteDownloadError (download cut off after 10 of 400 bytes" in logged
    assert logged.count('"200 OK"') + logged.count('"206 Partial Content"') == 2


def test_giving_up_is_logged_and_connection_errors_too(
    mock_server: MockServer, debug_logs: pytest.LogCaptureFixture
) -> None:
    with sync_client(mock_server, max_retries=0) as client, pytest.raises(NotFoundError):
        client.files.get("file_missing")
    assert "Not retrying after status 404 (0 retries done)" in text(debug_logs)
    with (
        Client(api_key="k", base_url="http://127.0.0.1:9", max_retries=0) as client,
        pytest.raises(APIConnectionError),
    ):
        client.files.get("file_x")
    assert "HTTP Request failed: GET http://127.0.0.1:9/v1/files/file_x: ConnectError" in text(
        debug_logs
    )


def test_the_key_and_extra_headers_are_never_logged(
    mock_server: MockServer, debug_logs: pytest.LogCaptureFixture
) -> None:
    file_id = mock_server.add_file(b"data")["id"]
    mock_server.inject(Fault.status(500), path="/v1/files/*/content", count=1)
    headers = {"x-proxy-authorization": "Bearer sk-extra-secret", "x-token": "tok-secret"}
    with sync_client(mock_server, auth="bearer") as client:
        client.files.download(file_id, extra_headers=headers)
        client.files.upload(b"x", extra_headers=headers)
    logged = "\n".join(r.getMessage() + str(r.args) + str(r.exc_info) for r in debug_logs.records)
    assert logged.count("HTTP Request:") >= 3
    for secret in (mock_server.api_key, "sk-extra-secret", "tok-secret"):
        assert secret not in logged


@pytest.mark.parametrize(("value", "level"), [("debug", "DEBUG"), ("info", "INFO")])
def test_anthropic_log_turns_the_logger_on(mock_server: MockServer, value: str, level: str) -> None:
    file_id = mock_server.add_file(b"data")["id"]
    mock_server.inject(Fault.status(503, retry_after="0"), path="/v1/files/*", count=1)
    script = (
        "import sys\n"
        "from claude_files import APIConnectionError, Client, NotFoundError\n"
        "with Client(**eval(sys.argv[1])) as c:\n"
        "    c.files.get(sys.argv[2])\n"
    )
    env = {**os.environ, "ANTHROPIC_LOG": value}
    run = subprocess.run(
        [sys.executable, "-c", script, repr(client_kwargs(mock_server)), file_id],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "- claude_files:" in run.stderr  # the SDK's format
    assert "- INFO] Retrying in 0.000 s (retry 1) after status 503" in run.stderr
    assert ("HTTP Request: GET" in run.stderr) == (level == "DEBUG")
    assert mock_server.api_key not in run.stderr


def test_without_anthropic_log_nothing_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_LOG", raising=False)
    before = logging.getLogger(LOGGER).level
    Client(api_key="k").close()
    assert logging.getLogger(LOGGER).level == before
