"""`reset()` (and so the `mock_server` fixture) gives a test the state of a fresh server:
no data, faults or recorded requests, the real clock, and every switch as constructed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from claude_files.testing import Fault, MockServer
from claude_files.testing._app import MockConfig
from tests.mock._wire import compliance_headers, files_headers

# Every switch a test may set, and a value other than any default.
CHANGED: dict[str, Any] = {
    "storage_quota_bytes": 1,
    "max_upload_bytes": 10,
    "organization_on_hold": True,
    "appeal_url": "https://example.invalid/appeal",
    "list_shape": "next_page",
    "compliance_error_envelope": "full",
}
FLIPPED = ("uploaded_files_downloadable",)
SEEDED = {
    "file": "file_reset_probe",
    "chat": "claude_file_reset_probe",
    "generated": "claude_gen_file_reset_probe",
    "artifact": "claude_artifact_version_reset_probe",
    "code": "cart_reset_probe",
}
# Where each seeded record is served: a 404 once it is gone.
SEEDED_PATHS = [
    f"/v1/files/{SEEDED['file']}",
    f"/v1/compliance/apps/chats/files/{SEEDED['chat']}",
    f"/v1/compliance/apps/chats/generated-files/{SEEDED['generated']}",
    f"/v1/compliance/apps/artifacts/{SEEDED['artifact']}/content",
    f"/v1/compliance/apps/code/artifacts/{SEEDED['code']}/content",
]


def test_the_lists_name_every_switch_the_server_has() -> None:
    switches = MockConfig(api_key="a", compliance_api_key="b").settings()
    assert set(switches) == set(CHANGED) | set(FLIPPED)


def change_everything(server: MockServer) -> None:
    """Seed one record of each kind, fault every request, move the clock, turn every
    switch, and leave a request in the log."""
    server.add_file(b"x", id=SEEDED["file"])
    server.add_chat_file(b"x", id=SEEDED["chat"])
    server.add_generated_file(b"x", id=SEEDED["generated"])
    server.add_artifact_version(b"x", id=SEEDED["artifact"])
    server.add_code_artifact(b"<p>x</p>", id=SEEDED["code"])
    with httpx.Client(base_url=server.base_url) as http:
        http.get("/v1/files", headers=files_headers(server))
    server.inject(Fault.status(503), count=None)
    server.now = datetime(2020, 1, 1, tzinfo=UTC)
    for name in FLIPPED:
        setattr(server, name, not getattr(server, name))
    for name, value in CHANGED.items():
        setattr(server, name, value)


def assert_fresh(server: MockServer, fresh: MockServer | None = None) -> None:
    """The server is as `fresh` (default: `MockServer()`, not started) would be."""
    fresh = fresh or MockServer()
    assert server.requests == []
    assert server.faults == []
    for name in (*FLIPPED, *CHANGED):
        assert getattr(server, name) == getattr(fresh, name), name
    assert abs(server.now - datetime.now(UTC)) < timedelta(minutes=5)  # the real clock
    with httpx.Client(base_url=server.base_url) as http:
        files = http.get("/v1/files", headers=files_headers(server))
        assert files.status_code == 200, files.text
        assert files.json()["data"] == []
        for path in SEEDED_PATHS:
            auth = files_headers if path.startswith("/v1/files") else compliance_headers
            answer = http.get(path, headers=auth(server))
            assert answer.status_code == 404, (path, answer.status_code, answer.text)


@pytest.mark.parametrize("round_", [1, 2])
def test_each_test_sees_a_fresh_server_whatever_ran_before(
    mock_server: MockServer, round_: int
) -> None:
    """Each round checks the fresh state and then changes all of it: whichever runs
    second sees whether the first's changes were undone."""
    assert_fresh(mock_server)
    change_everything(mock_server)


def test_reset_restores_every_setting_the_constructor_gave(
    mock_server_factory: Any,
) -> None:
    server: MockServer = mock_server_factory(uploaded_files_downloadable=True)
    keys = (server.port, server.api_key, server.compliance_api_key)
    change_everything(server)
    server.reset()
    assert_fresh(server, fresh=MockServer(uploaded_files_downloadable=True))
    assert server.uploaded_files_downloadable is True
    assert (server.port, server.api_key, server.compliance_api_key) == keys


def test_reset_can_keep_the_data(mock_server: MockServer) -> None:
    change_everything(mock_server)
    mock_server.reset(clear_data=False)
    kept = httpx.get(
        mock_server.base_url + f"/v1/files/{SEEDED['file']}", headers=files_headers(mock_server)
    )
    assert kept.status_code == 200, kept.text
    assert mock_server.faults == []
    assert mock_server.organization_on_hold is False
