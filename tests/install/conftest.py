"""The install tier: the built wheel in clean virtualenvs, as a user gets it.

The wheel is built once per run; the dependency wheels come from a wheelhouse kept in
the running venv (`<sys.prefix>/install-tier-cache`, refilled only when constraints.txt
or the wheel's dependencies change); the four venvs, one per combination of extras, are
made once per run, concurrently, and installed offline from the wheelhouse. Every test
here is marked `install` (`pytestmark` in each module): `pytest -m "not install"`
leaves the tier out of a quick loop. Their timeout is 600 s, not 120: the first test's
setup builds all of this, and on a cold cache downloads the wheelhouse.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.install._venvs import EXTRAS, Venv, build_wheel, make_venv, wheelhouse

COMBINATIONS: tuple[tuple[str, ...], ...] = ((), ("cli",), ("mock",), EXTRAS)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def venvs(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], Venv]:
    house = wheelhouse(Path(sys.prefix) / "install-tier-cache", wheel)
    root = tmp_path_factory.mktemp("venvs")
    with ThreadPoolExecutor(len(COMBINATIONS)) as pool:
        made = pool.map(
            lambda extras: make_venv(root / ("-".join(extras) or "base"), wheel, house, extras),
            COMBINATIONS,
        )
        return {venv.extras: venv for venv in made}


@pytest.fixture(params=COMBINATIONS, ids=lambda extras: "-".join(extras) or "no-extras")
def venv(request: pytest.FixtureRequest, venvs: dict[tuple[str, ...], Venv]) -> Venv:
    extras: tuple[str, ...] = request.param
    return venvs[extras]
