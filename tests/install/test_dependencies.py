"""Every module the installed packages import is declared in the wheel's `Requires-Dist`.

`_import_walk.py` runs in the venv with both extras (where every declared distribution is
installed) and lists each absolute import of a third-party module in the installed
`claude_files` and `claude_files_openapi`. Each must come from a distribution declared for
the part of the code that imports it:

- `claude_files/testing/`: the base dependencies and the `mock` extra (and pytest, for the
  pytest plugin: pytest is the program that imports it);
- `claude_files/cli/`: the base dependencies, the `cli` extra and the `mock` extra (the
  `mock-server` command starts the mock lazily);
- `claude_files/_otel.py`: the base dependencies and the `otel` extra (`_telemetry` imports
  it only when tracing is on, and gets no spans when it cannot be imported);
- everything else: the base dependencies only.

Imports inside `if TYPE_CHECKING:` count like the others: a type checker reading our
annotations in the user's project needs them installed, so they must be declared too.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.install._venvs import EXTRAS, Venv

pytestmark = [pytest.mark.install, pytest.mark.timeout(600)]  # see conftest

WALK = Path(__file__).parent / "_import_walk.py"
HOST = {"claude_files/testing/pytest_plugin.py": {"pytest"}}
BASE = ""


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(requires: list[str]) -> dict[str, set[str]]:
    """`Requires-Dist` lines as {extra or BASE: distribution names}."""
    tiers: dict[str, set[str]] = defaultdict(set)
    for line in requires:
        requirement, _, marker = line.partition(";")
        name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
        assert name, line
        extra = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
        tiers[extra.group(1) if extra else BASE].add(normalize(name.group(1)))
    return tiers


def allowed(file: str, tiers: dict[str, set[str]]) -> tuple[str, set[str]]:
    if file.startswith("claude_files/testing/"):
        return "base + mock", tiers[BASE] | tiers["mock"]
    if file.startswith("claude_files/cli/"):
        return "base + cli + mock", tiers[BASE] | tiers["cli"] | tiers["mock"]
    if file == "claude_files/_otel.py":
        return "base + otel", tiers[BASE] | tiers["otel"]
    return "base", tiers[BASE]


@dataclass(frozen=True)
class Walk:
    imports: list[dict[str, Any]]
    distributions: dict[str, list[str]]
    tiers: dict[str, set[str]]

    def providers(self, module: str) -> set[str]:
        return {normalize(d) for d in self.distributions.get(module, [])}


@pytest.fixture(scope="module")
def walk(venvs: dict[tuple[str, ...], Venv], tmp_path_factory: pytest.TempPathFactory) -> Walk:
    result = venvs[EXTRAS].run("python", WALK, cwd=tmp_path_factory.mktemp("walk"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return Walk(data["imports"], data["distributions"], declared(data["requires"]))


def test_the_walk_sees_the_imports_it_must(walk: Walk) -> None:
    modules = {(i["file"], i["module"]) for i in walk.imports}
    assert ("claude_files/_concurrency.py", "anyio") in modules
    assert ("claude_files/_retry.py", "dateutil") in modules
    assert ("claude_files/testing/_server.py", "uvicorn") in modules
    assert ("claude_files/cli/_app.py", "click") in modules
    assert ("claude_files/_otel.py", "opentelemetry") in modules
    assert any(f.startswith("claude_files_openapi/") and m == "httpx" for f, m in modules)


def test_every_runtime_import_is_declared(walk: Walk) -> None:
    problems = []
    for found in walk.imports:
        file, module = found["file"], found["module"]
        if module in HOST.get(file, set()):
            continue
        where = f"{file}:{found['line']} imports {module}"
        providers = walk.providers(module)
        if not providers:
            problems.append(f"{where}, which no installed distribution provides")
            continue
        tier, permitted = allowed(file, walk.tiers)
        if not providers & permitted:
            missing = " or ".join(sorted(providers))
            problems.append(f"{where}: {missing} is not in Requires-Dist ({tier})")
    assert not problems, "\n".join(problems)


def test_every_declared_distribution_is_imported(walk: Walk) -> None:
    used = {d for i in walk.imports for d in walk.providers(i["module"])}
    for tier in (BASE, *EXTRAS):
        unused = walk.tiers[tier] - used
        assert not unused, f"declared for {tier or 'base'} but never imported: {sorted(unused)}"
