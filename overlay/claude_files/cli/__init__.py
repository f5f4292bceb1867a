"""The `claude-files` command (extra `cli`): `claude-files --help` says what it does.

It uses only the public surface of `claude_files`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.util import find_spec

_CLI_EXTRA = ("click", "rich")

try:
    # rich is imported only when a command draws, so look for it now: with the `mock`
    # extra alone, click (a dependency of uvicorn) is there and rich is not.
    for _name in _CLI_EXTRA:
        if find_spec(_name) is None:
            raise ModuleNotFoundError(f"No module named {_name!r}", name=_name)
    from claude_files.cli._app import main
except ModuleNotFoundError as _exc:  # installed without the `cli` extra
    if _exc.name not in _CLI_EXTRA:
        raise

    def main(argv: Sequence[str] | None = None) -> int:
        """Say what is missing instead of a traceback: exit 2."""
        sys.stderr.write(
            "claude-files: error: the command needs the `cli` extra: "
            "pip install 'claude-files[cli]'\n"
        )
        return 2


__all__ = ["main"]
