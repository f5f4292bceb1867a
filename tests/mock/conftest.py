"""Every mock test leaves no server thread behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _no_server_thread_left() -> Iterator[None]:
    yield
    left = [t.name for t in threading.enumerate() if t.name.startswith("claude-files-mock:")]
    assert left == [], f"MockServer threads still running: {left}"
