"""Every mock test leaves no server thread behind but the session's shared one."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from claude_files.testing import MockServer


@pytest.fixture(autouse=True)
def _no_server_thread_left(mock_server_session: MockServer) -> Iterator[None]:
    yield
    shared = f"claude-files-mock:{mock_server_session.port}"
    left = [
        t.name
        for t in threading.enumerate()
        if t.name.startswith("claude-files-mock:") and t.name != shared
    ]
    assert left == [], f"MockServer threads still running: {left}"
