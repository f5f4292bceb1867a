"""The `claude-files` command (extra `cli`): `claude-files --help` says what it does.

It uses only the public surface of `claude_files`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

try:
    from claude_files.cli._app import main
except ModuleNotFoundError as _exc:  # installed without the `cli` extra
    if _exc.name != "click":
        raise

    def main(argv: Sequence[str] | None = None) -> int:
        """Say what is missing instead of a traceback: exit 2."""
        sys.stderr.write(
            "claude-files: error: the command needs the `cli` extra: "
            "pip install 'claude-files[cli]'\n"
        )
        return 2


__all__ = ["main"]
