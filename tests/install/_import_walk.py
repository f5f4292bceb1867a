"""Run by an installed venv's python: what the installed packages import, as JSON on stdout.

Standard library only. For every `.py` file of the installed `claude_files` and
`claude_files_openapi` it lists the absolute imports (anywhere in the file: module level,
inside functions, `try` blocks and `if TYPE_CHECKING:` blocks) whose top-level name is
neither the standard library nor one of the two packages, as
`{"file": ..., "line": ..., "module": ..., "type_checking": bool}`. With it come the
venv's `packages_distributions()` (import name -> distributions) and the installed
`claude-files`'s `Requires-Dist`.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import sys
from pathlib import Path
from typing import Any

OWN = ("claude_files", "claude_files_openapi")


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[dict[str, Any]] = []
        self._type_checking = 0

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self._type_checking += 1
            for child in node.body:
                self.visit(child)
            self._type_checking -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level == 0 and node.module:
            self._add(node.module, node.lineno)

    def _add(self, module: str, line: int) -> None:
        top = module.split(".")[0]
        if top in sys.stdlib_module_names or top in OWN:
            return
        self.found.append(
            {
                "file": self.file,
                "line": line,
                "module": top,
                "type_checking": self._type_checking > 0,
            }
        )


def main() -> None:
    import claude_files

    site = Path(claude_files.__file__).resolve().parents[1]
    imports: list[dict[str, Any]] = []
    for package in OWN:
        for path in sorted((site / package).rglob("*.py")):
            relative = path.relative_to(site).as_posix()
            visitor = _Imports(relative)
            visitor.visit(ast.parse(path.read_bytes(), filename=relative))
            imports.extend(visitor.found)
    json.dump(
        {
            "site": str(site),
            "imports": imports,
            "distributions": importlib.metadata.packages_distributions(),
            "requires": importlib.metadata.requires("claude-files") or [],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
