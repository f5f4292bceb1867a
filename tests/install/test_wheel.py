"""One distribution, `claude-files`, holds both packages, typed, with its license."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.install._venvs import wheel_metadata

pytestmark = [pytest.mark.install, pytest.mark.timeout(600)]  # see conftest


def test_wheel_holds_both_packages_typed_and_nothing_else(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names}
    assert {"claude_files", "claude_files_openapi"} <= top
    assert top - {"claude_files", "claude_files_openapi"} == {
        next(t for t in top if t.endswith(".dist-info"))
    }
    assert "claude_files/py.typed" in names
    assert "claude_files_openapi/py.typed" in names
    metadata = wheel_metadata(wheel)
    requires = sorted(
        line.split(":", 1)[1].strip().split(">")[0].split("<")[0].split("=")[0].strip()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    )
    assert requires == ["anyio", "attrs", "httpcore", "httpx", "python-dateutil"]


def test_wheel_declares_ranges_and_its_license(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    lines = wheel_metadata(wheel).splitlines()
    assert "License-Expression: MIT" in lines
    assert "License-File: LICENSE" in lines
    published = [
        line for line in lines if line.startswith("Requires-Dist:") and "extra == 'dev'" not in line
    ]
    assert published, "no Requires-Dist"
    pinned = [line for line in published if "==" in line.partition(";")[0]]
    assert not pinned, f"exact pins in the published dependencies: {pinned}"
