"""Run the `claude-files` command in-process, through its entry point, against the mock.

`run("files", "list")` calls `claude_files.cli.main` with the mock's URL and keys in the
environment and the test's temporary folder as the working directory, and returns the
exit code with what went to stdout and stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from claude_files.cli import main
from claude_files.testing import MockServer


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def json(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines]


Run = Callable[..., Result]


@pytest.fixture
def server(mock_server: MockServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> MockServer:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", mock_server.base_url)
    monkeypatch.setenv("ANTHROPIC_API_KEY", mock_server.api_key)
    monkeypatch.setenv("ANTHROPIC_COMPLIANCE_API_KEY", mock_server.compliance_api_key)
    monkeypatch.chdir(tmp_path)
    return mock_server


@pytest.fixture
def run(server: MockServer, capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def command() -> list[str]:
    """The installed `claude-files` script beside this Python, else `python -m`."""
    script = Path(sys.executable).with_name("claude-files")
    if script.exists():
        return [str(script)]
    found = shutil.which("claude-files")
    return [found] if found else [sys.executable, "-m", "claude_files.cli"]


def subprocess_env(server: MockServer) -> dict[str, str]:
    return {
        **os.environ,
        "ANTHROPIC_BASE_URL": server.base_url,
        "ANTHROPIC_API_KEY": server.api_key,
        "ANTHROPIC_COMPLIANCE_API_KEY": server.compliance_api_key,
    }


def leftovers(folder: Path) -> list[str]:
    """Temporary files and staging folders a download may have left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".claude-files-"))


def interruptible() -> list[str]:
    """The command, with Ctrl-C delivered even if the tests run with SIGINT ignored
    (as a background job does), since a child inherits that."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        return command()
    boot = (
        "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
        "from claude_files.cli import main; sys.exit(main())"
    )
    return [sys.executable, "-c", boot]
