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
        server.uploaded_files_downloadable = False   # the real API's behaviour
        server.advance(3600)                         # expiry without sleeping
        ...  # a client at server.base_url with server.api_key / server.compliance_api_key
        assert server.requests[-1].status == 503

Fixtures (pytest plugin `claude_files`): `mock_server`, `mock_server_factory`.
Fault syntax for the command line: see `claude_files.testing._faults`.
"""

from claude_files.testing._app import API_VERSIONS, MAX_UPLOAD_BYTES, ListShape
from claude_files.testing._edge import RecordedRequest
from claude_files.testing._faults import Fault, FaultRule, parse_fault_spec
from claude_files.testing._fixture import FixtureError
from claude_files.testing._server import MockServer

__all__ = [
    "API_VERSIONS",
    "MAX_UPLOAD_BYTES",
    "Fault",
    "FaultRule",
    "FixtureError",
    "ListShape",
    "MockServer",
    "RecordedRequest",
    "parse_fault_spec",
]
