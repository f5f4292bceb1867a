"""Build the wheel, keep a wheelhouse of its dependencies, make clean virtualenvs from them.

- `build_wheel(out)`: the project's wheel, built from the checkout with the dev venv's
  hatchling (no network, no build isolation).
- `wheelhouse(cache, wheel)`: a folder of every wheel the four installs need (the
  dependencies at the versions constraints.txt pins, pytest, and the pip a new user gets),
  downloaded once and reused while constraints.txt and the wheel's `Requires-Dist` stay
  the same.
- `make_venv(path, wheel, house, extras)`: `python -m venv`, then one offline pip run that
  installs pip, the wheel with those extras, and pytest; returns a `Venv`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "constraints.txt"
# What a new user installs next to us. pip is not pinned in constraints.txt (pip freeze
# leaves it out): it is the pip of today, which shows License-Expression in `pip show`.
USER_TOOLS = ("pytest", "pip>=25.1")
EXTRAS = ("cli", "mock", "otel")


def _run(*args: str | os.PathLike[str], env: dict[str, str] | None = None) -> None:
    command = [str(a) for a in args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}"
        )


def build_wheel(out: Path) -> Path:
    pip = (sys.executable, "-m", "pip")
    _run(*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", out, ROOT)
    (built,) = out.glob("claude_files-*.whl")
    return built


def wheel_metadata(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return archive.read(name).decode()


def wheelhouse(cache: Path, wheel: Path) -> Path:
    """The dependency wheels, downloaded only when the constraints or dependencies change."""
    requires = sorted(
        line for line in wheel_metadata(wheel).splitlines() if line.startswith("Requires-Dist:")
    )
    key = hashlib.sha256(
        "\n".join([CONSTRAINTS.read_text(), *requires, *USER_TOOLS, sys.version]).encode()
    ).hexdigest()[:16]
    house = cache / key
    if house.is_dir():
        return house
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{key}.", dir=cache))
    _run(
        *(sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:"),
        *("--constraint", CONSTRAINTS, "--dest", staging),
        *(f"{wheel}[{','.join(EXTRAS)}]", *USER_TOOLS),
    )
    for own in staging.glob("claude_files-*.whl"):
        own.unlink()
    try:
        staging.rename(house)
    except OSError:  # another run filled it first
        shutil.rmtree(staging)
    for stale in cache.iterdir():
        if stale != house:
            shutil.rmtree(stale, ignore_errors=True)
    return house


@dataclass(frozen=True)
class Venv:
    path: Path
    extras: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"[{','.join(self.extras)}]" if self.extras else "no extras"

    @property
    def bin(self) -> Path:
        return self.path / "bin"

    @property
    def python(self) -> Path:
        return self.bin / "python"

    def run(
        self, *args: str | os.PathLike[str], cwd: Path, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        """A command from the venv's bin/ (or its python), with only the venv on PATH."""
        env = {
            "PATH": f"{self.bin}{os.pathsep}/usr/bin{os.pathsep}/bin",
            "HOME": str(cwd),
            "LANG": "C.UTF-8",
            "VIRTUAL_ENV": str(self.path),
        }
        first, *rest = (str(a) for a in args)
        exe = first if os.sep in first else str(self.bin / first)
        return subprocess.run(
            [exe, *rest], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
        )


def make_venv(path: Path, wheel: Path, house: Path, extras: tuple[str, ...]) -> Venv:
    _run(sys.executable, "-m", "venv", "--without-pip", path)
    (pip_wheel,) = house.glob("pip-*.whl")
    target = f"{wheel}[{','.join(extras)}]" if extras else str(wheel)
    _run(
        *(path / "bin" / "python", pip_wheel / "pip", "install", "--quiet", "--no-compile"),
        *("--no-index", "--disable-pip-version-check", "--find-links", house),
        *("pip", target, "pytest"),
        # offline and from the wheelhouse alone: no pip configuration of this machine
        env={k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
        | {"PIP_CONFIG_FILE": os.devnull},
    )
    return Venv(path, extras)
