"""`compliance` commands take the key from ANTHROPIC_COMPLIANCE_ACCESS_KEY too (the
Compliance API reference's name); ANTHROPIC_COMPLIANCE_API_KEY wins when both are set."""

from __future__ import annotations

import pytest

from claude_files.cli import main
from claude_files.testing import MockServer
from tests.cli.conftest import Run

API_KEY = "ANTHROPIC_COMPLIANCE_API_KEY"
ACCESS_KEY = "ANTHROPIC_COMPLIANCE_ACCESS_KEY"


@pytest.mark.parametrize(
    ("api_key_set", "access_key"),
    [(False, "good"), (True, "sk-ant-compliance-WRONG-" + "y" * 30)],
    ids=["access-key-alone", "api-key-wins"],
)
def test_the_key_variables_and_their_precedence(
    run: Run,
    server: MockServer,
    monkeypatch: pytest.MonkeyPatch,
    api_key_set: bool,
    access_key: str,
) -> None:
    chat = server.add_chat_file(b"abc")
    if not api_key_set:
        monkeypatch.delenv(API_KEY)
    monkeypatch.setenv(
        ACCESS_KEY, server.compliance_api_key if access_key == "good" else access_key
    )
    result = run("compliance", "files", "get", chat["id"], "--json")
    assert result.code == 0, result.err
    assert server.requests[-1].headers["x-api-key"] == server.compliance_api_key


def test_a_missing_key_names_both_variables(
    run: Run, server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(API_KEY)
    monkeypatch.delenv(ACCESS_KEY, raising=False)
    result = run("compliance", "files", "get", "claude_file_x")
    assert result.code == 2
    assert API_KEY in result.err
    assert ACCESS_KEY in result.err
    assert server.requests == []


def test_the_access_key_is_redacted(
    run: Run, server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "sk-ant-compliance-SECRET-" + "z" * 30
    monkeypatch.delenv(API_KEY)
    monkeypatch.setenv(ACCESS_KEY, secret)
    result = run("compliance", "files", "get", "claude_file_x", "--verbose")
    assert result.code == 1
    assert "authentication_error" in result.err
    assert secret not in result.err
    assert secret not in result.out


def test_help_lists_both_variables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert API_KEY in out
    assert ACCESS_KEY in out
