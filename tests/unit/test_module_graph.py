"""The overlay's modules import each other without a cycle (type-only imports count too),
and the async modules (and their sync twins) depend on the driver, never on the client."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "overlay" / "claude_files"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def graph() -> dict[str, set[str]]:
    """Each hand-written or generated module of the library (not `testing/`, not `cli/`)
    and the `claude_files` modules it imports."""
    modules = {
        module_name(p): p
        for p in PACKAGE.rglob("*.py")
        if not {"testing", "cli"} & set(p.relative_to(PACKAGE).parts)
    }
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    targets.add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
        edges[name] = {t for t in targets if t in modules and t != "claude_files"}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    edges = graph()
    assert "claude_files._async._transfers" in edges  # the walk sees the modules
    assert cycles(edges) == []


def test_the_cycle_finder_finds_one() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_transfers_and_resources_do_not_depend_on_the_client() -> None:
    edges = graph()
    for flavor in ("_async", "_sync"):
        for module in ("_resources", "_transfers", "_driver", "_pager"):
            imports = edges[f"claude_files.{flavor}.{module}"]
            assert f"claude_files.{flavor}._client" not in imports, module
