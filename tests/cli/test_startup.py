"""What a run imports: `--version` and `--help` no client at all; a command no httpx
command line (rich, pygments) off a terminal. Checked in fresh interpreters."""

from __future__ import annotations

import json
import subprocess
import sys

from claude_files.testing import MockServer
from tests.cli.conftest import subprocess_env

# Runs the command in-process, then prints which heavy modules it had loaded.
PROBE = """
import json, sys
from claude_files.cli import main
code = main(sys.argv[1:])
loaded = {name: name in sys.modules for name in (
    "httpx", "claude_files_openapi", "rich", "pygments", "httpx._main")}
import httpx
loaded["httpx.main"] = getattr(httpx, "main", None) is not None
print(json.dumps({"code": code, "loaded": loaded}))
"""


def _probe(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_version_and_help_load_no_client() -> None:
    for args in (["--version"], ["--help"], ["files", "download", "--help"]):
        result = _probe(*args)
        assert result["code"] == 0
        loaded = result["loaded"]
        assert isinstance(loaded, dict)
        assert not loaded["httpx"], args
        assert not loaded["claude_files_openapi"], args


def test_a_command_loads_httpx_without_its_command_line(mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"x", filename="x.txt")["id"]
    result = _probe("files", "get", file_id, env=subprocess_env(mock_server))
    assert result["code"] == 0
    assert result["loaded"] == {
        "httpx": True,
        "claude_files_openapi": True,
        "rich": False,  # off a terminal nothing draws
        "pygments": False,
        "httpx._main": False,
        "httpx.main": True,  # httpx's own stand-in, as without its `cli` extra
    }


def test_httpxs_command_line_still_imports_afterwards() -> None:
    code = (
        "from claude_files.cli import _startup; _startup.import_httpx(); "
        "import httpx._main; print(httpx._main.__name__, type(httpx._main.main).__name__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["httpx._main", "Command"]  # its click command


# Runs the program as the console script does, and reports from an exit handler (which
# runs after `program` returns) whether the objects were frozen, and that output flushed.
EXIT_PROBE = """
import atexit, gc, sys
atexit.register(lambda: sys.stderr.write(f"frozen={{gc.get_freeze_count()}}\\n"))
from claude_files.cli import {entry}
sys.exit({entry}(*{args}))
"""


def test_the_program_skips_the_last_collections_and_main_leaves_the_collector_alone(
    mock_server: MockServer,
) -> None:
    file_id = mock_server.add_file(b"x", filename="x.txt")["id"]
    for entry, args, frozen in (("program", "()", True), ("main", "([],)", False)):
        code = EXIT_PROBE.format(entry=entry, args=args)
        done = subprocess.run(
            [sys.executable, "-c", code, "files", "get", file_id],
            capture_output=True,
            text=True,
            timeout=60,
            env=subprocess_env(mock_server),
        )
        count = int(done.stderr.rpartition("frozen=")[2])
        assert (count > 0) is frozen, (entry, done.stderr)
        if entry == "program":
            assert done.returncode == 0, done.stderr
            assert file_id in done.stdout  # written and flushed before the process ended


def test_the_console_script_and_python_m_run_the_program() -> None:
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="claude-files")
    assert script.value == "claude_files.cli:program"
    done = subprocess.run(
        [sys.executable, "-m", "claude_files.cli", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.startswith("claude-files, version")
