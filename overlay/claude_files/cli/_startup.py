"""What the command imports, and when: as little as each run needs, as late as it can.

A command's time to its first request is mostly imports (about 0.4 s of a 2 s download of
1 GiB on the machine of BENCHMARKS.md), so:

- the command tree (click, and the cheap modules that describe the commands) is all that
  `--version` and `--help` load; the work of the commands comes through `lazy`, loaded
  when a command runs;
- httpx, when click and rich are installed (the `cli` extra installs both), imports its
  own command line as it loads (`httpx._main`: rich's console, progress and syntax, and
  pygments; 70-75 ms) just to offer `httpx.main`. This process never runs httpx's command
  line, so `import_httpx` loads httpx as it loads without those: with its own fallback
  `main`, the one httpx defines for when they are missing.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy(name: str) -> ModuleType:
    """The module `name`, loaded on first use (importlib's LazyLoader recipe)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    assert spec is not None
    assert spec.loader is not None
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def import_httpx() -> None:
    """Import httpx without its command line (see above); nothing when it is loaded."""
    if "httpx" in sys.modules:
        return
    sys.modules["httpx._main"] = None  # type: ignore[assignment]  # `import` raises ImportError
    try:
        import httpx  # noqa: F401
    finally:
        if sys.modules.get("httpx._main", ...) is None:
            del sys.modules["httpx._main"]  # a later `import httpx._main` works as ever
