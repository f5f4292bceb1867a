"""`make check-generated` fails, with a readable diff, when generated/ drifts from the spec."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of what the drift check reads, using this checkout's virtualenv."""
    for name in ("Makefile", "openapi.yaml", "generator-config.yaml", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "generator-templates", tmp_path / "generator-templates")
    shutil.copytree(
        ROOT / "generated", tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__")
    )
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    return tmp_path


def _check(checkout: Path) -> subprocess.CompletedProcess[str]:
    # -o: take the virtualenv as installed; the copy's pyproject.toml is newer than its stamp.
    return subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "check-generated"],
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_generated_passes_on_an_untouched_copy(checkout: Path) -> None:
    result = _check(checkout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "matches the spec" in result.stdout


def test_check_generated_fails_after_a_hand_edit(checkout: Path) -> None:
    target = checkout / "generated/claude_files_openapi/models/file_metadata.py"
    target.write_text(target.read_text().replace("size_bytes: int", "size_bytes: float", 1))
    result = _check(checkout)
    assert result.returncode != 0
    assert "-    size_bytes: int" in result.stdout or "+    size_bytes: float" in result.stdout
    assert "make generate" in result.stdout


def test_check_generated_fails_on_a_stray_file(checkout: Path) -> None:
    (checkout / "generated/claude_files_openapi/models/handwritten.py").write_text("x = 1\n")
    result = _check(checkout)
    assert result.returncode != 0
    assert "handwritten.py" in result.stdout
