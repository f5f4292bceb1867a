"""A stateful mock of Anthropic's file endpoints, for tests (extra `mock`).

`MockServer` serves the Files API (`/v1/files…`) and the Compliance API's file
endpoints on 127.0.0.1 from a background thread, exactly as `openapi.yaml` describes
them, and lets a test seed data, move the clock and inject faults (`Fault`) per path
and per count. `python -m claude_files.testing --port N` serves it from the command
line; the pytest plugin gives the `mock_server` fixture.

The mock is an independent reading of the spec: it shares no code with the client.

    from claude_files.testing import Fault, MockServer

    with MockServer() as server:
        file_id = server.add_file(b"hello", filename="a.txt", mime_type="text/plain")["id"]
        server.inject(Fault.status(503, retry_after="1"), path="/v1/files/{id}/content")
        server.uploaded_files_downloadable = True    # default False, as on the real API
        server.advance(3600)                         # expiry without sleeping
        ...  # a client at server.base_url with server.api_key / server.compliance_api_key
        assert server.requests[-1].status == 503

Fixtures (pytest plugin `claude_files`, see `claude_files.testing.pytest_plugin`):
`mock_server` (the session's one server, reset to a fresh server's state for each test:
cheap enough for every test), `mock_server_isolated` (a server of the test's own),
`mock_server_factory` (servers with constructor options) and `mock_server_session`.
Fault syntax for the command line: see `claude_files.testing._faults`.

The server needs the `mock` extra (`pip install 'claude-files[mock]'`); without it,
`from claude_files.testing import MockServer` raises `MockExtraMissingError` (a
`ModuleNotFoundError`) saying so. Names are imported when first used (PEP 562), so the
pytest plugin, registered for everyone who installs claude-files, imports none of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claude_files.testing._app import (
        ADMIN_SCOPES,
        API_VERSIONS,
        COMPLIANCE_SCOPES,
        MAX_UPLOAD_BYTES,
        ListShape,
    )
    from claude_files.testing._edge import RecordedRequest
    from claude_files.testing._extra import MockExtraMissingError
    from claude_files.testing._faults import Fault, FaultRule, parse_fault_spec
    from claude_files.testing._fixture import FixtureError
    from claude_files.testing._server import MockServer

# Every public name and the module that defines it (imported on first use).
_EXPORTS: dict[str, str] = {
    "ADMIN_SCOPES": "claude_files.testing._app",
    "API_VERSIONS": "claude_files.testing._app",
    "COMPLIANCE_SCOPES": "claude_files.testing._app",
    "MAX_UPLOAD_BYTES": "claude_files.testing._app",
    "Fault": "claude_files.testing._faults",
    "FaultRule": "claude_files.testing._faults",
    "FixtureError": "claude_files.testing._fixture",
    "ListShape": "claude_files.testing._app",
    "MockExtraMissingError": "claude_files.testing._extra",
    "MockServer": "claude_files.testing._server",
    "RecordedRequest": "claude_files.testing._edge",
    "parse_fault_spec": "claude_files.testing._faults",
}

__all__ = [
    "ADMIN_SCOPES",
    "API_VERSIONS",
    "COMPLIANCE_SCOPES",
    "MAX_UPLOAD_BYTES",
    "Fault",
    "FaultRule",
    "FixtureError",
    "ListShape",
    "MockExtraMissingError",
    "MockServer",
    "RecordedRequest",
    "parse_fault_spec",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from claude_files.testing._extra import import_mock_module

    value = getattr(import_mock_module(module), name)
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
