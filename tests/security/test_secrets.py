"""The API keys never show: not in reprs, errors, tracebacks, DEBUG logs or CLI output."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from claude_files import AsyncClient, ClaudeFilesError, Client
from claude_files.cli import main
from claude_files.testing import Fault, MockServer
from tests._support import CONTENT_PATH, client_kwargs


def secrets_of(server: MockServer) -> list[str]:
    return [server.api_key, server.compliance_api_key]


def assert_clean(text: str, server: MockServer) -> None:
    for secret in secrets_of(server):
        assert secret not in text
        assert secret[-16:] not in text  # not even its end


def test_client_reprs(server: MockServer) -> None:
    with Client(**client_kwargs(server)) as client:
        texts = [repr(client), str(client), repr(client.files), repr(client.compliance)]
    async_client = AsyncClient(**client_kwargs(server))
    texts += [repr(async_client), str(async_client)]
    asyncio.run(async_client.close())
    assert "files_key=set" in texts[0]
    assert_clean("\n".join(texts), server)


def test_request_reprs(server: MockServer) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"x")

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        Client(**client_kwargs(server, http_client=http)) as client,
    ):
        client.files.download("file_a")
        client.compliance.artifacts.download("v_a")
    assert len(seen) == 2
    assert server.api_key in seen[0].headers.values()  # the key does go, in its header
    assert_clean("\n".join(f"{r!r} {r} {r.url}" for r in seen), server)


FAILURES: list[tuple[str, Fault, int | None]] = [
    ("401", Fault.status(401), None),
    ("404", Fault.status(404), None),
    ("500", Fault.status(500), None),
    ("disconnect", Fault.disconnect(), None),
    ("truncate", Fault.truncate(3), None),
    ("md5", Fault.wrong_md5(), None),
    ("non-json", Fault.non_json(502), None),
]


def collect_errors(server: MockServer, tmp_path: Path) -> list[BaseException]:
    file_id = server.add_file(b"secret-free bytes", filename="s.txt")["id"]
    errors: list[BaseException] = []
    with Client(**client_kwargs(server, max_retries=1)) as client:
        client._sleep = lambda seconds: None
        calls: list[Callable[[], object]] = [
            lambda: client.files.download(file_id),
            lambda: client.files.download_to_file(file_id, tmp_path, overwrite=True),
            lambda: client.files.get(file_id),
            lambda: client.compliance.files.get("claude_file_missing"),
        ]
        for _name, fault, count in FAILURES:
            server.clear_faults()
            server.inject(fault, count=count)
            for call in calls:
                try:
                    call()
                except ClaudeFilesError as exc:
                    errors.append(exc)
        server.clear_faults()
        with Client(api_key="sk-ant-wrong-key-ABCDEFGHIJKLMNOP", base_url=server.base_url) as bad:
            try:
                bad.files.get(file_id)
            except ClaudeFilesError as exc:
                errors.append(exc)
    return errors


def test_errors_and_their_tracebacks(server: MockServer, tmp_path: Path) -> None:
    errors = collect_errors(server, tmp_path)
    assert len(errors) >= len(FAILURES) * 3
    for error in errors:
        text = "".join(traceback.format_exception(error))
        text += repr(error) + str(error) + repr(error.args)
        text += repr(vars(error).get("response"))  # the httpx response kept on status errors
        assert "sk-ant-wrong-key-ABCDEFGHIJKLMNOP" not in text
        assert_clean(text, server)


def echo_page(server: MockServer) -> Fault:
    """An error page (a proxy's, a WAF's) that quotes the request's headers back."""
    return Fault.non_json(400, body=f"<html>Rejected. x-api-key: {server.api_key}</html>")


@pytest.mark.parametrize("auth", ["x-api-key", "bearer"])
def test_an_error_page_that_echoes_the_key_is_not_quoted(server: MockServer, auth: str) -> None:
    file_id = server.add_file(b"x")["id"]
    server.inject(echo_page(server), count=None)
    with Client(**client_kwargs(server, auth=auth)) as client:
        with pytest.raises(ClaudeFilesError) as caught:
            client.files.get(file_id)
        assert "Rejected" in str(caught.value)  # the page's text is still there
        assert_clean(str(caught.value), server)


def test_debug_logs(server: MockServer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with contextlib.ExitStack() as stack:
        for name in (None, "httpx", "httpcore", "claude_files"):
            stack.enter_context(caplog.at_level(logging.DEBUG, logger=name))
        errors = collect_errors(server, tmp_path)
        with Client(**client_kwargs(server)) as client:
            meta = client.files.upload(b"payload", filename="up.txt")
            list(client.files.list())
            client.files.delete(meta.id)
    assert errors
    assert any(r.name.startswith("httpcore") for r in caplog.records)  # DEBUG was on
    text = caplog.text + "\n".join(
        f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records
    )
    assert_clean(text, server)


# The command line ------------------------------------------------------------------------


@pytest.fixture
def cli(
    server: MockServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> Callable[..., tuple[int, str]]:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", server.base_url)
    monkeypatch.setenv("ANTHROPIC_API_KEY", server.api_key)
    monkeypatch.setenv("ANTHROPIC_COMPLIANCE_API_KEY", server.compliance_api_key)
    monkeypatch.chdir(tmp_path)
    init = AsyncClient.__init__

    async def no_wait(seconds: float) -> None:
        pass

    def without_waits(self: AsyncClient, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)  # retries, but no real backoff
        self._sleep = no_wait

    monkeypatch.setattr(AsyncClient, "__init__", without_waits)

    def run(*args: str) -> tuple[int, str]:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return run


@pytest.mark.parametrize("flags", [(), ("--verbose",), ("--json",), ("--verbose", "--json")])
def test_cli_output_on_success_and_failure(
    cli: Callable[..., tuple[int, str]],
    server: MockServer,
    tmp_path: Path,
    flags: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    file_id = server.add_file(b"data", filename="d.txt")["id"]
    (tmp_path / "up.txt").write_bytes(b"up")
    outputs: list[tuple[int, str]] = [
        cli("files", "list", *flags),
        cli("files", "get", file_id, *flags),
        cli("files", "upload", "up.txt", *flags),
        cli("files", "download", file_id, "-o", "out", *flags),
        cli("files", "get", "file_missing", *flags),
        cli("compliance", "files", "get", "claude_file_missing", *flags),
    ]
    faults = [Fault.status(500), Fault.disconnect(), Fault.non_json(502), Fault.truncate(1)]
    for fault in [*faults, echo_page(server)]:
        server.clear_faults()
        server.inject(fault, count=None)
        outputs.append(cli("files", "get", file_id, *flags))
        outputs.append(cli("files", "download", file_id, "-o", "again", *flags))
    server.inject(Fault.status(401), path=CONTENT_PATH, count=None)
    outputs.append(cli("files", "download", file_id, "-o", "third", *flags))
    server.clear_faults()
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")  # nothing listens
    outputs.append(cli("files", "list", *flags))
    codes = [code for code, _ in outputs]
    assert codes[:4] == [0, 0, 0, 0]
    assert all(code != 0 for code in codes[4:])
    if "--verbose" in flags:
        assert any("->" in text for _, text in outputs)
    for _, text in outputs:
        assert_clean(text, server)


def test_cli_key_given_as_an_option_is_not_echoed(
    cli: Callable[..., tuple[int, str]], server: MockServer
) -> None:
    wrong = "sk-ant-api03-WRONG-" + "y" * 40
    for flags in ((), ("--verbose",), ("--json",)):
        code, text = cli("files", "list", "--api-key", wrong, *flags)
        assert code == 1
        assert wrong not in text
        assert wrong[-16:] not in text


def test_cli_internal_error_is_reported_without_the_key(
    cli: Callable[..., tuple[int, str]], server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug inside a command (here a raw exception quoting the key): redacted, even -v."""
    key = server.api_key

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"boom with {key} inside")

    monkeypatch.setattr(Client, "__init__", broken)
    monkeypatch.setattr(AsyncClient, "__init__", broken)
    for flags in ((), ("--verbose",), ("--json",)):
        code, text = cli("files", "list", *flags)
        assert code != 0
        assert_clean(text, server)
