"""Projects' files and documents (revision J): the attachments list pages by opaque
cursor in `created_at`, id order; a project file is a chat file (its bytes and deletion
are the chat-files endpoints'); documents are read and deleted on their own path."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime, timedelta
from hashlib import md5
from pathlib import Path

import httpx
import pytest

from claude_files.testing import FixtureError, MockServer

from ._wire import compliance_headers

T0 = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
ATTACHMENTS = "/v1/compliance/apps/projects/{}/attachments"
DOCUMENT = "/v1/compliance/apps/projects/documents/{}"


def _get(server: MockServer, path: str, **params: str | int) -> httpx.Response:
    return httpx.get(server.base_url + path, params=params, headers=compliance_headers(server))


def _seed(server: MockServer) -> tuple[str, list[str]]:
    """A project of two files and two documents, created a minute apart (in id order
    at one instant for the last two, to check the tie-break)."""
    project = server.add_project()
    ids = [
        server.add_project_file(project, b"%PDF a", "a.pdf", "application/pdf", created_at=T0)[
            "id"
        ],
        server.add_project_document(project, "notes", "n.txt", created_at=T0 + timedelta(1))["id"],
        server.add_project_file(project, b"b", "b.bin", id="claude_file_b", created_at=T0)["id"],
    ]
    ids.append(
        server.add_project_document(
            project, "z", "z.txt", id="claude_proj_doc_a", created_at=T0 + timedelta(1)
        )["id"]
    )
    order = sorted(zip([T0, T0 + timedelta(1), T0, T0 + timedelta(1)], ids, strict=True))
    return project, [item_id for _, item_id in order]


def test_attachments_page_by_cursor_in_created_at_then_id_order(mock_server: MockServer) -> None:
    project, expected = _seed(mock_server)
    seen: list[str] = []
    answer = _get(mock_server, ATTACHMENTS.format(project), limit=3)
    first = answer.json()
    assert answer.status_code == 200
    assert first["has_more"] is True
    assert isinstance(first["next_page"], str)
    seen += [item["id"] for item in first["data"]]
    second = _get(mock_server, ATTACHMENTS.format(project), page=first["next_page"]).json()
    assert second["has_more"] is False
    assert second["next_page"] is None
    seen += [item["id"] for item in second["data"]]
    assert seen == expected
    kinds = {item["id"]: item for item in first["data"] + second["data"]}
    doc = kinds["claude_proj_doc_a"]
    assert (doc["type"], doc["mime_type"], doc["filename"]) == (
        "project_doc",
        "text/plain",
        "z.txt",
    )
    assert kinds["claude_file_b"]["type"] == "project_file"


def test_the_default_page_is_twenty(mock_server: MockServer) -> None:
    project = mock_server.add_project()
    for index in range(21):
        mock_server.add_project_document(project, str(index))
    body = _get(mock_server, ATTACHMENTS.format(project)).json()
    assert len(body["data"]) == 20
    assert body["has_more"] is True


def test_a_cursor_survives_the_deletion_of_its_item(mock_server: MockServer) -> None:
    project, expected = _seed(mock_server)
    first = _get(mock_server, ATTACHMENTS.format(project), limit=2).json()
    last = first["data"][-1]["id"]
    path = DOCUMENT if last.startswith("claude_proj_doc_") else "/v1/compliance/apps/chats/files/{}"
    headers = compliance_headers(mock_server)
    assert httpx.delete(mock_server.base_url + path.format(last), headers=headers).is_success
    rest = _get(mock_server, ATTACHMENTS.format(project), page=first["next_page"]).json()
    assert [item["id"] for item in rest["data"]] == expected[2:]


def test_a_project_file_is_a_chat_file(mock_server: MockServer) -> None:
    project = mock_server.add_project()
    item = mock_server.add_project_file(project, b"chat bytes", "c.txt", "text/plain")
    chat_path = f"{mock_server.base_url}/v1/compliance/apps/chats/files/{item['id']}"
    headers = compliance_headers(mock_server)
    content = httpx.get(chat_path + "/content", headers=headers)
    assert content.content == b"chat bytes"
    assert content.headers["transfer-encoding"] == "chunked"
    deleted = httpx.delete(chat_path, headers=headers)
    assert deleted.json() == {"id": item["id"], "type": "claude_file_deleted"}
    assert _get(mock_server, ATTACHMENTS.format(project)).json()["data"] == []


def test_a_document_is_read_and_deleted(mock_server: MockServer) -> None:
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, "caf\u00e9 notes\n", "notes.txt")
    answer = _get(mock_server, DOCUMENT.format(seeded["id"]))
    assert answer.json() == seeded
    assert seeded["content"] == "caf\u00e9 notes\n"
    assert seeded["user"] == {
        "id": "user_01WCz1FkmYMm4gnmykNKUu3Q",
        "email_address": "jane.doe@example.com",
    }
    url = mock_server.base_url + DOCUMENT.format(seeded["id"])
    headers = compliance_headers(mock_server)
    deleted = httpx.delete(url, headers=headers)
    assert deleted.json() == {"id": seeded["id"], "type": "claude_project_document_deleted"}
    again = httpx.delete(url, headers=headers)
    assert again.status_code == 404
    assert again.json()["error"]["type"] == "not_found_error"
    assert _get(mock_server, ATTACHMENTS.format(project)).json()["data"] == []


def test_a_deleted_creator_is_a_null_user(mock_server: MockServer) -> None:
    project = mock_server.add_project()
    assert mock_server.add_project_document(project, "x", user_id=None)["user"] is None


def test_an_unknown_kind_is_listed_as_given(mock_server: MockServer) -> None:
    project = mock_server.add_project()
    other = {
        "type": "project_link",
        "id": "claude_proj_link_1",
        "created_at": "2026-01-01T00:00:00Z",
    }
    mock_server.add_project_attachment(project, other)
    assert _get(mock_server, ATTACHMENTS.format(project)).json()["data"] == [other]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": 0}, "greater than or equal to 1"),
        ({"limit": 101}, "less than or equal to 100"),
        ({"limit": "x"}, "valid integer"),
        ({"page": "not-a-cursor"}, "invalid page cursor"),
    ],
)
def test_a_bad_limit_or_page_is_a_bare_400(
    mock_server: MockServer, params: dict[str, str | int], message: str
) -> None:
    project = mock_server.add_project()
    answer = _get(mock_server, ATTACHMENTS.format(project), **params)
    assert answer.status_code == 400
    body = answer.json()
    assert set(body) == {"error"}  # the Compliance API's bare envelope
    assert body["error"]["type"] == "invalid_request_error"
    assert message in body["error"]["message"]


@pytest.mark.parametrize(
    "path", [ATTACHMENTS.format("claude_proj_unknown"), DOCUMENT.format("claude_proj_doc_x")]
)
def test_unknown_ids_are_404(mock_server: MockServer, path: str) -> None:
    answer = _get(mock_server, path)
    assert answer.status_code == 404
    assert answer.json()["error"]["type"] == "not_found_error"
    assert answer.headers["request-id"].startswith("req_")


@pytest.mark.parametrize(
    ("method", "path", "missing"),
    [
        ("GET", ATTACHMENTS, "read:compliance_user_data"),
        ("GET", DOCUMENT, "read:compliance_user_data"),
        ("DELETE", DOCUMENT, "delete:compliance_user_data"),
    ],
)
def test_each_operation_needs_its_scope(
    mock_server: MockServer, method: str, path: str, missing: str
) -> None:
    project = mock_server.add_project()
    document = mock_server.add_project_document(project, "x")
    target = project if "attachments" in path else document["id"]
    key = mock_server.add_compliance_key(["read:compliance_activities"])
    answer = httpx.request(
        method, mock_server.base_url + path.format(target), headers={"x-api-key": key}
    )
    assert answer.status_code == 401
    assert f"`{missing}`" in answer.json()["error"]["message"]


def test_reset_forgets_projects_and_documents(mock_server: MockServer) -> None:
    project = mock_server.add_project()
    document = mock_server.add_project_document(project, "x")
    mock_server.reset()
    assert _get(mock_server, ATTACHMENTS.format(project)).status_code == 404
    assert _get(mock_server, DOCUMENT.format(document["id"])).status_code == 404
    with pytest.raises(KeyError, match="add_project"):
        mock_server.add_project_document(project, "x")


def test_a_fixture_seeds_projects_and_chat_file_wire_switches(tmp_path: Path) -> None:
    fixture = tmp_path / "seed.json"
    fixture.write_text(
        json.dumps(
            {
                "chat_files": [
                    {"id": "claude_file_len", "content": "sized", "chunked": False},
                    {"id": "claude_file_md5", "content": "digest", "content_md5": True},
                ],
                "projects": [
                    {
                        "id": "claude_proj_seeded",
                        "files": [
                            {
                                "id": "claude_file_p",
                                "content": "%PDF",
                                "filename": "a.pdf",
                                "created_at": "2026-04-01T12:00:00Z",
                                "chunked": False,
                                "content_md5": True,
                            }
                        ],
                        "documents": [
                            {
                                "id": "claude_proj_doc_n",
                                "content": "caf\u00e9",
                                "filename": "n.txt",
                                "created_at": "2026-04-01T12:01:00Z",
                                "user": None,
                            }
                        ],
                        "attachments": [{"type": "project_link", "id": "claude_proj_link_1"}],
                    }
                ],
            }
        )
    )
    with MockServer(fixture=fixture) as server:
        content = "/v1/compliance/apps/chats/files/{}/content"
        sized = _get(server, content.format("claude_file_len"))
        assert sized.headers["content-length"] == "5"
        assert "content-md5" not in sized.headers
        digest = _get(server, content.format("claude_file_md5"))
        assert "content-length" not in digest.headers
        assert digest.headers["content-md5"] == base64.b64encode(md5(b"digest").digest()).decode()
        listed = _get(server, ATTACHMENTS.format("claude_proj_seeded")).json()["data"]
        assert [(a["type"], a["id"]) for a in listed] == [
            ("project_link", "claude_proj_link_1"),  # no created_at: sorts first
            ("project_file", "claude_file_p"),
            ("project_doc", "claude_proj_doc_n"),
        ]
        project_file = _get(server, content.format("claude_file_p"))
        assert (project_file.content, project_file.headers["content-length"]) == (b"%PDF", "4")
        assert "content-md5" in project_file.headers
        document = _get(server, DOCUMENT.format("claude_proj_doc_n")).json()
        assert (document["content"], document["user"]) == ("caf\u00e9", None)
    fixture.write_text(json.dumps({"projects": [{"id": "claude_proj_x", "folders": []}]}))
    with pytest.raises(FixtureError, match="project"):
        MockServer(fixture=fixture)
    fixture.write_text(json.dumps({"chat_files": [{"content": "x", "chunked": "yes"}]}))
    with pytest.raises(FixtureError, match="chunked"):
        MockServer(fixture=fixture)


def test_the_request_log_records_arrival_times(mock_server: MockServer) -> None:
    before = time.time()
    project = mock_server.add_project()
    _get(mock_server, ATTACHMENTS.format(project))
    _get(mock_server, ATTACHMENTS.format(project))
    first, second = mock_server.requests
    assert before <= first.received_at <= second.received_at <= time.time()
