"""`claude_files` exports its names lazily (PEP 562): every name in `__all__` imports,
an unknown name is an AttributeError, and the three lists that name the exports agree."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import claude_files

INIT = Path(claude_files.__file__)


def _declared() -> tuple[set[str], set[str], set[str]]:
    """The names in the TYPE_CHECKING imports, in `_EXPORTS`, and in `__all__`."""
    tree = ast.parse(INIT.read_text())
    typed: set[str] = set()
    table: set[str] = set()
    listed: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            typed |= {
                alias.name
                for stmt in node.body
                if isinstance(stmt, ast.ImportFrom)
                for alias in stmt.names
            }
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            name = target.id if isinstance(target, ast.Name) else ""
            if name == "_EXPORTS":
                table = set(ast.literal_eval(node.value))
            elif name == "__all__":
                listed = set(ast.literal_eval(node.value))
    return typed, table, listed


def test_the_typed_imports_the_lazy_table_and_all_name_the_same_exports() -> None:
    typed, table, listed = _declared()
    assert listed, "no __all__ found"
    assert typed == listed
    assert table == listed


def test_every_exported_name_imports_from_the_package() -> None:
    for name in claude_files.__all__:
        value = getattr(claude_files, name)
        assert value is not None, name
    namespace: dict[str, object] = {}
    exec("from claude_files import *", namespace)
    assert set(claude_files.__all__) <= set(namespace)
    assert namespace["Client"] is claude_files.Client


def test_dir_lists_every_export() -> None:
    assert set(claude_files.__all__) <= set(dir(claude_files))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'NoSuchThing'"):
        _ = claude_files.NoSuchThing
    with pytest.raises(ImportError, match="cannot import name 'NoSuchThing'"):
        exec("from claude_files import NoSuchThing", {})
    assert not hasattr(claude_files, "NoSuchThing")


def test_importing_the_package_imports_no_client_code() -> None:
    code = (
        "import sys; before = set(sys.modules); import claude_files; "
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    added = done.stdout.split()
    assert "claude_files" in added
    outside = [m for m in added if m.partition(".")[0] not in sys.stdlib_module_names]
    assert outside == ["claude_files"]
