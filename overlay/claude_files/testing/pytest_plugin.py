"""pytest plugin (registered as `claude_files`): fixtures for `claude_files.testing`.

- `mock_server`: the session's one `MockServer`, reset for each test to the state of a
  fresh server: no files or compliance records, no faults, an empty request log, the
  real clock, and every switch (`uploaded_files_downloadable`, `list_shape`, …) at its
  default. Costs a reset (well under a millisecond), not a server start (~0.1 s). The
  port and the keys stay the same for the whole session. Do not stop it.
- `mock_server_isolated`: a server of the test's own, started for it and stopped after
  it: for a test that stops its server, or runs alongside servers of its own.
- `mock_server_factory`: a callable `(**kwargs) -> MockServer` for tests that need
  several servers or constructor options; every server it made is stopped afterwards.
- `mock_server_session`: the shared server itself, not reset; for session- or
  module-scoped fixtures of your own (a client, say). `mock_server` resets it.

The plugin is loaded for anyone who installs claude-files, with or without the `mock`
extra, so importing it imports nothing but pytest and the standard library; the server
(and Starlette, uvicorn) is imported when a fixture is first used. Without the extra,
each test that uses a fixture fails with what to install; the other tests run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from claude_files.testing import MockServer


def _server_class() -> type[MockServer]:
    """`MockServer`, or this test fails with what to install (not the whole run)."""
    from claude_files.testing import MockExtraMissingError

    try:
        from claude_files.testing import MockServer
    except MockExtraMissingError as exc:
        missing = str(exc)
    else:
        return MockServer
    pytest.fail(missing, pytrace=False)


@pytest.fixture
def mock_server_factory() -> Iterator[Callable[..., MockServer]]:
    """A callable `(**kwargs) -> MockServer`: each call starts a new server with those
    constructor arguments (`api_key=`, `fixture=`, `uploaded_files_downloadable=`, …);
    every server it made is stopped when the test ends."""
    server_class = _server_class()
    made: list[MockServer] = []

    def make(**kwargs: Any) -> MockServer:
        server = server_class(**kwargs)
        made.append(server)
        return server.start()

    yield make
    for server in made:
        server.stop()


@pytest.fixture(scope="session")
def mock_server_session() -> Iterator[MockServer]:
    """The session's shared `MockServer`, started on first use, stopped at the end of the
    session; not reset here (`mock_server` resets it for each test)."""
    with _server_class()() as server:
        yield server


@pytest.fixture
def mock_server(mock_server_session: MockServer) -> MockServer:
    """A started `MockServer` in a fresh server's state: the session's shared server, reset
    for this test (no data, faults or recorded requests, real time, default switches).
    Same port and keys all session; a test that must stop its server uses
    `mock_server_isolated`."""
    if not mock_server_session.running:
        pytest.fail(
            "the session's mock server was stopped by an earlier test; a test that stops"
            " its server takes `mock_server_isolated`",
            pytrace=False,
        )
    mock_server_session.reset()
    return mock_server_session


@pytest.fixture
def mock_server_isolated(mock_server_factory: Callable[..., MockServer]) -> MockServer:
    """A started `MockServer` of this test's own (its own port and keys), stopped after
    the test. About 0.1 s per test: take `mock_server` unless the test needs this."""
    return mock_server_factory()
