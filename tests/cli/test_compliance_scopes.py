"""A Compliance key without the scope a command needs: the 401 (revision J: not 403)
names the missing scope on stderr and in `--json`, leaks no key and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from claude_files.testing import ADMIN_SCOPES, MockServer
from tests.cli.conftest import Run

READ = "read:compliance_user_data"
DELETE = "delete:compliance_user_data"


@pytest.mark.parametrize(
    ("scopes", "verb", "needed"),
    [
        (ADMIN_SCOPES, "get", READ),
        (ADMIN_SCOPES, "download", READ),
        ((READ,), "delete", DELETE),
    ],
)
def test_a_missing_scope_is_named_on_stderr_and_in_json(
    run: Run,
    server: MockServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    scopes: tuple[str, ...],
    verb: str,
    needed: str,
) -> None:
    chat = server.add_chat_file(b"%PDF", filename="a.pdf")
    key = server.add_compliance_key(scopes)
    monkeypatch.setenv("ANTHROPIC_COMPLIANCE_API_KEY", key)

    plain = run("compliance", "files", verb, chat["id"])
    assert plain.code == 1
    assert "authentication_error" in plain.err
    assert f"`{needed}` scope" in plain.err
    assert "HTTP 401" in plain.err

    as_json = run("compliance", "files", verb, chat["id"], "--json")
    assert as_json.code == 1
    [line] = as_json.json
    assert line["ok"] is False
    error = line["error"]
    assert (error["type"], error["status"]) == ("authentication_error", 401)
    assert f"`{needed}` scope" in error["message"]
    assert error["request_id"] == server.requests[-1].request_id
    assert f"`{needed}` scope" in as_json.err

    for shown in (plain.out, plain.err, as_json.out, as_json.err):
        assert key not in shown
    assert list(tmp_path.iterdir()) == []  # a refused download leaves no file

    monkeypatch.setenv("ANTHROPIC_COMPLIANCE_API_KEY", server.compliance_api_key)
    still = run("compliance", "files", "get", chat["id"])
    assert still.code == 0, still.err  # a refused delete deleted nothing
