"""The `claude-files` command (extra `cli`): `claude-files --help` says what it does.

It uses only the public surface of `claude_files`.
"""

from __future__ import annotations

import gc
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


def program() -> int:
    """`claude-files` as a process of its own (the console script, `python -m
    claude_files.cli`): `main()` on the process's arguments, its exit code.

    Before the process ends, every object left is moved out of the collector's sight
    (`gc.freeze`): the interpreter's last collections, over the few hundred thousand
    objects a command's imports leave, took 35-85 ms of each run on the machine of
    BENCHMARKS.md, and the memory goes back to the system with the process anyway. Exit
    handlers and stream flushes run as ever. `main()` itself, which may run many times in
    one process (tests, an embedding application), leaves the collector alone."""
    code = main()
    gc.freeze()
    return code


__all__ = ["main", "program"]
