"""pytest plugin (registered as `claude_files`): fixtures for `claude_files.testing`.

- `mock_server`: a started `MockServer` with fresh state, stopped after the test.
- `mock_server_factory`: a callable `(**kwargs) -> MockServer` for tests that need
  several servers or constructor options; every server it made is stopped afterwards.

The plugin is loaded for anyone who installs claude-files, with or without the `mock`
extra, so the server (and Starlette, uvicorn) is imported only when a fixture is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from claude_files.testing import MockServer


@pytest.fixture
def mock_server_factory() -> Iterator[Callable[..., MockServer]]:
    from claude_files.testing import MockServer

    made: list[MockServer] = []

    def make(**kwargs: Any) -> MockServer:
        server = MockServer(**kwargs)
        made.append(server)
        return server.start()

    yield make
    for server in made:
        server.stop()


@pytest.fixture
def mock_server(mock_server_factory: Callable[..., MockServer]) -> MockServer:
    return mock_server_factory()
