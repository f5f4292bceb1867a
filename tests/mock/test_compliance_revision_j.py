"""The mock as the Compliance API reference's revision J describes it: bare error bodies
on Compliance paths (switchable, restored by reset), either shape by fault injection."""

from __future__ import annotations

import httpx
import pytest

from claude_files.testing import Fault, MockServer, parse_fault_spec

from ._wire import compliance_headers, files_headers

MISSING_CHAT = "/v1/compliance/apps/chats/files/claude_file_missing"


def _get(server: MockServer, path: str) -> httpx.Response:
    headers = compliance_headers(server) if "compliance" in path else files_headers(server)
    return httpx.get(server.base_url + path, headers=headers)


def test_compliance_errors_are_bare_by_default(mock_server: MockServer) -> None:
    answer = _get(mock_server, MISSING_CHAT)
    assert answer.status_code == 404
    body = answer.json()
    assert set(body) == {"error"}
    assert body["error"]["type"] == "not_found_error"
    assert answer.headers["request-id"]


def test_files_errors_keep_the_full_envelope(mock_server: MockServer) -> None:
    body = _get(mock_server, "/v1/files/file_missing").json()
    assert body["type"] == "error"
    assert body["request_id"]


def test_the_switch_sends_the_full_envelope_and_reset_restores_bare(
    mock_server: MockServer,
) -> None:
    mock_server.compliance_error_envelope = "full"
    assert _get(mock_server, MISSING_CHAT).json()["type"] == "error"
    mock_server.reset(clear_data=False)
    assert set(_get(mock_server, MISSING_CHAT).json()) == {"error"}
    with pytest.raises(ValueError, match="bare"):
        mock_server.compliance_error_envelope = "half"  # type: ignore[assignment]


def test_a_constructed_full_server_answers_full() -> None:
    with MockServer(compliance_error_envelope="full") as server:
        assert _get(server, MISSING_CHAT).json()["type"] == "error"
        server.reset()
        assert _get(server, MISSING_CHAT).json()["type"] == "error"


@pytest.mark.parametrize(
    ("path", "envelope", "keys"),
    [
        ("/v1/files/file_x", "bare", {"error"}),
        ("/v1/files/file_x", None, {"type", "error", "request_id"}),
        (MISSING_CHAT, "full", {"type", "error", "request_id"}),
        (MISSING_CHAT, None, {"error"}),
    ],
)
def test_status_faults_send_either_shape_on_any_path(
    mock_server: MockServer, path: str, envelope: str | None, keys: set[str]
) -> None:
    mock_server.inject(Fault.status(503, envelope=envelope, message="busy"), path=path)  # type: ignore[arg-type]
    body = _get(mock_server, path).json()
    assert set(body) == keys
    assert body["error"] == {"type": "api_error", "message": "busy"}


def test_the_fault_syntax_takes_envelope_and_message(mock_server: MockServer) -> None:
    rule = parse_fault_spec("/v1/files/*=status:409:envelope=bare:message=cannot be deleted")
    assert rule.fault.envelope == "bare"
    mock_server.inject_rule(rule)
    assert _get(mock_server, "/v1/files/file_x").json() == {
        "error": {"type": "conflict_error", "message": "cannot be deleted"}
    }
    with pytest.raises(ValueError, match="envelope"):
        parse_fault_spec("/v1/files=status:400:envelope=half")


@pytest.mark.parametrize("version", [None, "2023-06-01", "2026-04-20", "anything"])
def test_compliance_paths_take_any_version_or_none(
    mock_server: MockServer, version: str | None
) -> None:
    chat = mock_server.add_chat_file(b"abc")
    headers = {"x-api-key": mock_server.compliance_api_key}
    if version is not None:
        headers["anthropic-version"] = version
    url = f"{mock_server.base_url}/v1/compliance/apps/chats/files/{chat['id']}"
    assert httpx.get(url, headers=headers).status_code == 200


def test_files_paths_still_check_the_version(mock_server: MockServer) -> None:
    headers = files_headers(mock_server) | {"anthropic-version": "2026-04-20"}
    assert httpx.get(mock_server.base_url + "/v1/files", headers=headers).status_code == 400


def test_a_blank_compliance_version_is_a_400(mock_server: MockServer) -> None:
    chat = mock_server.add_chat_file(b"abc")
    headers = {"x-api-key": mock_server.compliance_api_key, "anthropic-version": ""}
    url = f"{mock_server.base_url}/v1/compliance/apps/chats/files/{chat['id']}"
    assert httpx.get(url, headers=headers).status_code == 400


@pytest.mark.parametrize(
    ("path", "envelope", "error_type"),
    [
        (MISSING_CHAT, None, "internal_error"),
        (MISSING_CHAT, "full", "internal_error"),
        ("/v1/files/file_x", None, "api_error"),
        ("/v1/files/file_x", "bare", "api_error"),
    ],
)
def test_a_500_fault_has_the_type_of_its_paths_api(
    mock_server: MockServer, path: str, envelope: str | None, error_type: str
) -> None:
    mock_server.inject(Fault.status(500, envelope=envelope), path=path)  # type: ignore[arg-type]
    answer = _get(mock_server, path)
    assert answer.status_code == 500
    assert answer.json()["error"]["type"] == error_type
    mock_server.inject(Fault.status(500, error_type="api_error"), path=path)
    assert _get(mock_server, path).json()["error"]["type"] == "api_error"  # as chosen
