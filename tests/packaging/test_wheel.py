"""One distribution, `claude-files`, installs both packages into a clean virtualenv."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("claude_files-*.whl")
    return built


def test_wheel_holds_both_packages_typed_and_nothing_else(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names}
    assert {"claude_files", "claude_files_openapi"} <= top
    assert top - {"claude_files", "claude_files_openapi"} == {
        next(t for t in top if t.endswith(".dist-info"))
    }
    assert "claude_files/py.typed" in names
    assert "claude_files_openapi/py.typed" in names
    metadata = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        .decode()
    )
    requires = sorted(
        line.split(":", 1)[1].strip().split(">")[0].split("<")[0].split("=")[0].strip()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    )
    assert requires == ["anyio", "attrs", "httpx", "python-dateutil"]


def test_wheel_installs_in_a_clean_venv_and_imports(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        timeout=300,
    )
    code = (
        "import claude_files, claude_files_openapi, pathlib;"
        "from claude_files_openapi import AuthenticatedClient;"
        "from claude_files_openapi.api.files import get_file_metadata;"
        "print(claude_files.__version__, pathlib.Path(claude_files_openapi.__file__).parent.parent)"
    )
    out = subprocess.run(
        [str(python), "-c", code],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    ).stdout
    version, location = out.split()
    assert version == __import__("claude_files").__version__
    assert location.startswith(str(venv)), "imported from the checkout, not the installed wheel"
