"""The pytest plugin: it loads with nothing but pytest and the standard library, its
fixtures say what to install when the `mock` extra is missing, and each entry point of
the mock says the same without a traceback.

"Without the extra" runs a subprocess in which the extra's modules are blocked
(`sys.modules[name] = None` makes importing them a `ModuleNotFoundError`).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from importlib.metadata import requires
from pathlib import Path

from claude_files.testing import MockExtraMissingError, MockServer

MOCK_EXTRA = ("starlette", "uvicorn", "python_multipart", "multipart")
CLI_EXTRA = ("click", "rich")
HINT = "pip install 'claude-files[mock]'"


def _pytest_family() -> set[str]:
    """pytest's modules and its own dependencies' (pluggy, iniconfig, packaging, …)."""
    needs = [re.split(r"[ ;<>=!~\[]", r, maxsplit=1)[0] for r in requires("pytest") or []]
    return {"pytest", "_pytest", "py", *(n.lower().replace("-", "_") for n in needs)}


def _python(
    code: str, *args: str, blocked: Sequence[str] = (), cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    block = "".join(f"sys.modules[{name!r}] = None\n" for name in blocked)
    return subprocess.run(
        [sys.executable, "-c", f"import sys\n{block}{code}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=cwd,
    )


def test_loading_the_plugin_imports_only_pytest_and_the_stdlib() -> None:
    """Everything in `sys.modules` after importing the plugin is the standard library,
    pytest and its dependencies, or the plugin and the two package `__init__`s; and the
    plugin itself adds nothing but those three and standard modules."""
    code = (
        "start = set(sys.modules)\n"
        "import pytest\n"
        "with_pytest = set(sys.modules)\n"
        "import claude_files.testing.pytest_plugin\n"
        "print(' '.join(sorted(with_pytest - start)))\n"
        "print(' '.join(sorted(set(sys.modules) - with_pytest)))\n"
    )
    done = _python(code)
    assert done.returncode == 0, done.stderr
    by_pytest, by_plugin = (set(line.split()) for line in done.stdout.splitlines())
    ours = {"claude_files", "claude_files.testing", "claude_files.testing.pytest_plugin"}
    assert {m for m in by_plugin if m.partition(".")[0] == "claude_files"} == ours
    assert {m for m in by_plugin - ours if _top(m) not in sys.stdlib_module_names} == set()
    allowed = sys.stdlib_module_names | _pytest_family()
    assert {m for m in by_pytest if _top(m) not in allowed} == set()
    assert "_pytest" in by_pytest  # the check saw the imports


def _top(module: str) -> str:
    return module.partition(".")[0]


def _user_project(folder: Path) -> Path:
    """A user's project: tests that do not use the mock, and tests that do."""
    (folder / "pytest.ini").write_text("[pytest]\n")
    (folder / "test_user.py").write_text(
        "def test_plain():\n"
        "    assert 1 + 1 == 2\n"
        "\n"
        "def test_with_mock(mock_server):\n"
        "    assert mock_server.running\n"
        "\n"
        "def test_with_isolated(mock_server_isolated):\n"
        "    assert mock_server_isolated.running\n"
        "\n"
        "def test_with_factory(mock_server_factory):\n"
        "    assert mock_server_factory().running\n"
    )
    return folder


RUN_PYTEST = "import pytest\nsys.exit(pytest.main(sys.argv[1:]))\n"
# Our dev environment's schemathesis and hypothesis plugins take seconds to load, and a
# user's need not have them.
QUIET = ("-p", "no:cacheprovider", "-p", "no:schemathesis", "-p", "no:hypothesispytest")


def test_without_the_extra_only_the_tests_using_the_mock_fail(tmp_path: Path) -> None:
    project = _user_project(tmp_path)
    done = _python(
        RUN_PYTEST,
        "-q",
        *QUIET,
        "-rA",
        str(project),
        blocked=MOCK_EXTRA + CLI_EXTRA,
        cwd=project,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 1, out  # tests failed; 3 would be the run itself aborting
    assert "PASSED test_user.py::test_plain" in out
    for name in ("test_with_mock", "test_with_isolated", "test_with_factory"):
        assert f"ERROR test_user.py::{name}" in out
    assert out.count(HINT) >= 3
    assert "Error while loading plugin" not in out
    assert "Traceback" not in out


def test_with_the_extra_the_same_project_passes(tmp_path: Path) -> None:
    project = _user_project(tmp_path)
    done = _python(RUN_PYTEST, "-q", *QUIET, str(project), cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout


def test_without_the_extra_importing_the_server_names_the_extra() -> None:
    code = (
        "from claude_files.testing import Fault, parse_fault_spec\n"  # stdlib-only parts
        "assert parse_fault_spec('/v1/files=status:503').fault.status_code == 503\n"
        "try:\n"
        "    from claude_files.testing import MockServer\n"
        "except ModuleNotFoundError as exc:\n"
        "    print(type(exc).__name__, exc.name, exc, sep='|')\n"
    )
    done = _python(code, blocked=MOCK_EXTRA)
    assert done.returncode == 0, done.stderr
    kind, name, message = done.stdout.strip().split("|")
    assert kind == "MockExtraMissingError"
    assert name in MOCK_EXTRA
    assert message.startswith("the mock server needs the 'mock' extra: " + HINT)
    assert repr(name) in message


def test_without_the_extra_python_m_says_what_to_install_and_exits_2() -> None:
    code = (
        "import runpy\n"
        "runpy.run_module('claude_files.testing', run_name='__main__', alter_sys=True)\n"
    )
    done = _python(code, "--port", "0", blocked=MOCK_EXTRA)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: the mock server needs the 'mock' extra: " + HINT)


def test_without_the_extra_the_mock_server_command_exits_2() -> None:
    code = "from claude_files.cli import main\nsys.exit(main(['mock-server']))\n"
    done = _python(code, blocked=MOCK_EXTRA)
    assert done.returncode == 2
    assert HINT in done.stderr
    assert "Traceback" not in done.stderr
    assert "mock server on" not in done.stderr


def test_a_bug_in_the_mock_is_not_reported_as_a_missing_extra() -> None:
    code = (
        "sys.modules['claude_files.testing._edge'] = None\n"
        "try:\n"
        "    from claude_files.testing import MockServer\n"
        "except ModuleNotFoundError as exc:\n"
        "    print(type(exc).__name__, exc.name)\n"
    )
    done = _python(code)
    assert done.stdout.split() == ["ModuleNotFoundError", "claude_files.testing._edge"]


def test_missing_extra_error_is_an_import_error() -> None:
    error = MockExtraMissingError("uvicorn")
    assert isinstance(error, ImportError)
    assert error.name == "uvicorn"
    assert HINT in str(error)


def test_every_fixture_has_a_docstring(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    done = _python(RUN_PYTEST, "--fixtures", *QUIET, str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    names = ("mock_server", "mock_server_isolated", "mock_server_factory", "mock_server_session")
    for name in names:
        at = next(i for i, line in enumerate(lines) if line.split(" ")[0] == name)
        assert "no docstring available" not in lines[at + 1], name
        assert lines[at + 1].strip(), name


def test_the_fixture_is_the_session_server_and_the_isolated_one_is_not(
    mock_server: MockServer, mock_server_session: MockServer, mock_server_isolated: MockServer
) -> None:
    assert mock_server is mock_server_session
    assert mock_server_isolated is not mock_server
    assert mock_server_isolated.port != mock_server.port
    assert mock_server_isolated.api_key != mock_server.api_key
    assert mock_server.running
    assert mock_server_isolated.running
