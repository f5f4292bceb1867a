"""The Compliance API endpoints: seeded through Python and through a JSON fixture."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import httpx
import pytest

from claude_files.testing import FixtureError, MockServer

from ._wire import compliance_headers, files_headers

#: Revision J's 404 message for a chat file that is unknown or already deleted.
NO_FILE = "No file found with provided id, or it has already been deleted."


@pytest.fixture
def client(mock_server: MockServer) -> httpx.Client:
    return httpx.Client(base_url=mock_server.base_url, headers=compliance_headers(mock_server))


def test_chat_file_metadata_content_delete(client: httpx.Client, mock_server: MockServer) -> None:
    chat = mock_server.add_chat_file(
        b"%PDF", filename="a.pdf", mime_type="application/pdf",
        message_ids=["m1", "m2"], claude_chat_ids=["c1"],
    )  # fmt: skip
    assert chat["id"].startswith("claude_file_011C")
    base = f"/v1/compliance/apps/chats/files/{chat['id']}"
    meta = client.get(base).json()
    assert meta == chat
    assert meta["md5"] == hashlib.md5(b"%PDF").hexdigest()
    assert meta["size_bytes"] == 4
    content = client.get(base + "/content")
    assert content.content == b"%PDF"
    assert content.headers["content-type"] == "application/pdf"
    assert client.delete(base).json() == {"id": chat["id"], "type": "claude_file_deleted"}
    for answer in (client.get(base), client.get(base + "/content"), client.delete(base)):
        assert answer.status_code == 404
        assert answer.json()["error"]["type"] == "not_found_error"
        assert answer.json()["error"]["message"] == NO_FILE


def test_md5_metadata_may_disagree_with_the_header(
    client: httpx.Client, mock_server: MockServer
) -> None:
    chat = mock_server.add_chat_file(b"bytes", md5="0" * 32, content_md5=True)
    base = f"/v1/compliance/apps/chats/files/{chat['id']}"
    assert client.get(base).json()["md5"] == "0" * 32
    header = client.get(base + "/content").headers["content-md5"]
    assert header == base64.b64encode(hashlib.md5(b"bytes").digest()).decode()


def test_chat_file_without_downloadable_variant(
    client: httpx.Client, mock_server: MockServer
) -> None:
    chat = mock_server.add_chat_file(None, filename=None)
    assert chat["mime_type"] is None
    assert chat["size_bytes"] is None
    assert chat["filename"] is None
    answer = client.get(f"/v1/compliance/apps/chats/files/{chat['id']}/content")
    assert answer.status_code == 404


def test_generated_files_cannot_be_deleted(client: httpx.Client, mock_server: MockServer) -> None:
    generated = mock_server.add_generated_file(
        b"png", filename="chart.png", mime_type="image/png", claude_chat_id="claude_chat_1"
    )
    assert generated["id"].startswith("claude_gen_file_")
    base = f"/v1/compliance/apps/chats/generated-files/{generated['id']}"
    assert client.get(base).json()["claude_chat_id"] == "claude_chat_1"
    assert client.get(base + "/content").content == b"png"
    refused = client.delete(base)
    assert refused.status_code == 405
    assert refused.headers["allow"] == "GET"
    assert refused.json()["error"]["message"] == "Generated files cannot be deleted."
    assert client.get(base).status_code == 200


def test_artifacts_cannot_be_deleted(client: httpx.Client, mock_server: MockServer) -> None:
    version = mock_server.add_artifact_version(b"# hi", mime_type="text/markdown")
    assert version.startswith("claude_artifact_version_")
    answer = client.get(f"/v1/compliance/apps/artifacts/{version}/content")
    assert answer.content == b"# hi"
    assert answer.headers["content-type"] == "text/markdown"
    assert answer.headers["content-disposition"].startswith("attachment; filename=")
    for path in (
        f"/v1/compliance/apps/artifacts/{version}",
        f"/v1/compliance/apps/artifacts/{version}/content",
    ):
        refused = client.delete(path)
        assert refused.status_code == 405
        assert refused.json()["error"]["message"] == "Artifacts cannot be deleted."


def test_keys_do_not_cross(mock_server: MockServer) -> None:
    chat = mock_server.add_chat_file(b"x")
    url = f"{mock_server.base_url}/v1/compliance/apps/chats/files/{chat['id']}"
    assert httpx.get(url, headers={"x-api-key": mock_server.compliance_api_key}).is_success
    assert httpx.get(url, headers=files_headers(mock_server)).status_code == 401
    # Revision J: the Compliance API documents no anthropic-version, so any value is fine.
    for version in ("1999-01-01", "2026-04-20"):
        other = compliance_headers(mock_server, **{"anthropic-version": version})
        assert httpx.get(url, headers=other).is_success


def test_fixture_seeding(tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01")
    fixture = tmp_path / "seed.json"
    fixture.write_text(
        json.dumps(
            {
                "files": [{"id": "file_011CFixtureFixtureFixtu", "content": "hello",
                           "filename": "h.txt", "mime_type": "text/plain",
                           "created_at": "2025-04-15T18:37:24.100435Z"}],
                "chat_files": [{"id": "claude_file_fixture", "content_path": "blob.bin",
                                "message_ids": ["m"], "claude_chat_ids": ["c"]},
                               {"id": "claude_file_empty", "content": None}],
                "generated_files": [{"id": "claude_gen_file_fixture",
                                     "content_base64": "cG5n", "created_at": None,
                                     "claude_chat_id": "claude_chat_x"}],
                "artifact_versions": [{"id": "claude_artifact_version_fixture",
                                       "content": "# md"}],
            }
        )
    )  # fmt: skip
    with MockServer(fixture=fixture) as server:
        files = httpx.get(server.base_url + "/v1/files", headers=files_headers(server)).json()
        assert files["data"][0]["created_at"] == "2025-04-15T18:37:24.100435Z"
        chat = httpx.get(
            server.base_url + "/v1/compliance/apps/chats/files/claude_file_fixture/content",
            headers=compliance_headers(server),
        )
        assert chat.content == b"\x00\x01"
        generated = httpx.get(
            server.base_url + "/v1/compliance/apps/chats/generated-files/claude_gen_file_fixture",
            headers=compliance_headers(server),
        ).json()
        assert generated["created_at"] is None
        assert generated["size_bytes"] == 3
        artifact = httpx.get(
            server.base_url
            + "/v1/compliance/apps/artifacts/claude_artifact_version_fixture/content",
            headers=compliance_headers(server),
        )
        assert artifact.text == "# md"


def test_fixture_errors(tmp_path: Path, mock_server: MockServer) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"uploads": []}))
    with pytest.raises(FixtureError):
        mock_server.load_fixture(bad)
    bad.write_text(json.dumps({"files": [{"filename": "no content"}]}))
    with pytest.raises(FixtureError):
        mock_server.load_fixture(bad)
