"""What a user sees after `pip install claude-files[...]` and `pip install pytest`, for each
combination of extras: the packages import, the command helps or names its extra, their
own pytest run passes (the plugin loads) and, with `mock`, a test on `mock_server` works."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import claude_files
from tests.install._venvs import Venv

pytestmark = [pytest.mark.install, pytest.mark.timeout(600)]  # see conftest

USER_PROJECT = Path(__file__).parent / "user_project"


def test_both_packages_import_from_the_venv(venv: Venv, tmp_path: Path) -> None:
    code = (
        "import claude_files, claude_files_openapi, pathlib;"
        "from claude_files import Client, AsyncClient, NotFoundError;"
        "from claude_files_openapi import AuthenticatedClient;"
        "from claude_files_openapi.api.files import get_file_metadata;"
        "print(claude_files.__version__, pathlib.Path(claude_files_openapi.__file__).parent.parent)"
    )
    result = venv.run("python", "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    version, location = result.stdout.split()
    assert version == claude_files.__version__
    assert location.startswith(str(venv.path)), "imported from the checkout, not the wheel"


def test_installed_requirements_are_consistent(venv: Venv, tmp_path: Path) -> None:
    result = venv.run("python", "-m", "pip", "check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No broken requirements found" in result.stdout


def test_tracing_comes_with_the_otel_extra(venv: Venv, tmp_path: Path) -> None:
    """Without it a client traces nothing and imports no opentelemetry; with it, it does."""
    code = (
        "import sys; from claude_files._telemetry import Telemetry;"
        "call = Telemetry(None, 'http://127.0.0.1').start();"
        "print(call is not None, 'opentelemetry' in sys.modules)"
    )
    result = venv.run("python", "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = "True True" if "otel" in venv.extras else "False False"
    assert result.stdout.strip() == expected


def test_the_command_helps_or_names_its_extra(venv: Venv, tmp_path: Path) -> None:
    # With [mock] alone click is there (uvicorn needs it) and rich is not: still exit 2.
    result = venv.run("claude-files", "--help", cwd=tmp_path)
    if "cli" in venv.extras:
        assert result.returncode == 0, result.stderr
        assert "Usage: claude-files" in result.stdout
        assert "mock-server" in result.stdout
    else:
        assert result.returncode == 2, result.stdout + result.stderr
        assert "pip install 'claude-files[cli]'" in result.stderr
        assert "Traceback" not in result.stderr


def test_the_mock_server_command_names_its_extra(
    venvs: dict[tuple[str, ...], Venv], tmp_path: Path
) -> None:
    cli_only = venvs[("cli",)]
    result = cli_only.run("claude-files", "mock-server", "--port", "0", cwd=tmp_path, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "claude-files[mock]" in result.stderr
    assert "Traceback" not in result.stderr


def _user_project(root: Path) -> Path:
    project = root / "project"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\n")
    for template in USER_PROJECT.glob("check_*.py"):
        shutil.copy(template, project / template.name.replace("check_", "test_", 1))
    return project


def test_a_users_own_pytest_run(venv: Venv, tmp_path: Path) -> None:
    project = _user_project(tmp_path)
    result = venv.run("pytest", "-p", "no:cacheprovider", "-rA", cwd=project)
    output = result.stdout + result.stderr
    assert "Error while loading plugin" not in output
    assert "PASSED test_plugin.py::test_pytest_runs_with_the_plugin_loaded" in output
    if "mock" in venv.extras:
        assert result.returncode == 0, output
        assert "PASSED test_mock.py::test_upload_download_and_a_typed_error" in output
        assert "2 passed" in output
    else:
        # the fixture fails the one test that uses it (an error at its setup), not the run
        assert result.returncode == 1, output
        assert re.search(
            r"^(FAILED|ERROR) test_mock.py::test_upload_download_and_a_typed_error", output, re.M
        )
        assert "pip install 'claude-files[mock]'" in output
        assert re.search(r"\b1 passed, 1 (failed|error)\b", output), output


def test_pip_show_gives_the_license(venvs: dict[tuple[str, ...], Venv], tmp_path: Path) -> None:
    base = venvs[()]
    result = base.run("python", "-m", "pip", "show", "--files", "claude-files", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "License-Expression: MIT" in result.stdout.splitlines()
    assert any(
        line.strip().endswith(".dist-info/licenses/LICENSE") for line in result.stdout.splitlines()
    )
