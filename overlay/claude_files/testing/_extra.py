"""What to say when the `mock` extra (Starlette, uvicorn, python-multipart) is missing.

Stdlib only: the pytest plugin and the package's `__init__` use it before anything of
the server is imported.
"""

from __future__ import annotations

import importlib
from types import ModuleType

INSTALL_HINT = "the mock server needs the 'mock' extra: pip install 'claude-files[mock]'"


class MockExtraMissingError(ModuleNotFoundError):
    """The mock server cannot be imported: a module of the `mock` extra is not installed.

    A `ModuleNotFoundError`, so `except ImportError` still catches it; `name` is the
    missing module.
    """

    def __init__(self, missing: str) -> None:
        super().__init__(f"{INSTALL_HINT} (no module named {missing!r})", name=missing)


def import_mock_module(module: str) -> ModuleType:
    """Import one of `claude_files.testing`'s modules; a third-party module missing on the
    way is the extra not being installed, and becomes `MockExtraMissingError`."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is None or exc.name.partition(".")[0] == "claude_files":
            raise
        raise MockExtraMissingError(exc.name) from None
