"""`client.compliance.projects.attachments` and `client.compliance.project_documents`,
sync and async: every page followed, an unknown kind kept, a document's text written
atomically and never over a file, and the errors typed."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from claude_files import (
    APIConnectionError,
    APIResponseValidationError,
    AsyncClient,
    AuthenticationError,
    Client,
    DeletedProjectDocument,
    DestinationExistsError,
    DestinationNotFoundError,
    FileTooLargeError,
    InvalidArgumentError,
    InvalidIdError,
    InvalidTypeError,
    NotFoundError,
    ProjectDocAttachment,
    ProjectDocument,
    ProjectDocumentUser,
    ProjectFileAttachment,
    UnknownProjectAttachment,
)
from claude_files.testing import Fault, MockServer

from .conftest import client_kwargs

T0 = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
TEXT = "Caf\u00e9 notes \u2014 line one\nline two\n"
ATTACHMENTS_PATH = "/v1/compliance/apps/projects/*/attachments"


def _project(server: MockServer, files: int = 3, documents: int = 2) -> tuple[str, list[str]]:
    """A project whose attachments are created a minute apart; their ids in list order."""
    project = server.add_project()
    ids = []
    for index in range(files + documents):
        created = T0 + timedelta(minutes=index)
        if index < files:
            ids.append(server.add_project_file(project, b"%d" % index, created_at=created)["id"])
        else:
            ids.append(server.add_project_document(project, TEXT, created_at=created)["id"])
    return project, ids


def _list_requests(server: MockServer) -> int:
    return sum(r.path.endswith("/attachments") for r in server.requests)


def _dir(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


# -- attachments ---------------------------------------------------------------------------


def test_attachments_follow_every_page(client: Client, mock_server: MockServer) -> None:
    project, ids = _project(mock_server)
    listed = list(client.compliance.projects.attachments(project, limit=2))
    assert [a.id for a in listed] == ids
    assert [type(a) for a in listed] == [ProjectFileAttachment] * 3 + [ProjectDocAttachment] * 2
    assert _list_requests(mock_server) == 3
    pages = list(client.compliance.projects.attachments(project, limit=4).pages)
    assert [len(p.data) for p in pages] == [4, 1]
    assert pages[0]._request_id.startswith("req_")
    assert [r.query.get("page") is None for r in mock_server.requests[-2:]] == [True, False]


def test_the_server_default_limit_is_not_sent(client: Client, mock_server: MockServer) -> None:
    project, _ = _project(mock_server, files=1, documents=0)
    list(client.compliance.projects.attachments(project))
    assert "limit" not in mock_server.requests[-1].query


def test_a_project_file_downloads_through_the_chat_files(
    client: Client, mock_server: MockServer
) -> None:
    project = mock_server.add_project()
    mock_server.add_project_file(project, b"%PDF project", "p.pdf", "application/pdf")
    [item] = client.compliance.projects.attachments(project)
    assert isinstance(item, ProjectFileAttachment)
    assert (item.filename, item.mime_type) == ("p.pdf", "application/pdf")
    assert client.compliance.files.download(item.id) == b"%PDF project"
    assert client.compliance.files.delete(item.id).type_ == "claude_file_deleted"
    assert list(client.compliance.projects.attachments(project)) == []


def test_an_unknown_kind_parses_and_is_kept(client: Client, mock_server: MockServer) -> None:
    project, ids = _project(mock_server, files=1, documents=1)
    link = {"type": "project_link", "id": "claude_proj_link_1", "url": "https://example.com"}
    mock_server.add_project_attachment(project, {**link, "created_at": "2030-01-01T00:00:00Z"})
    listed = list(client.compliance.projects.attachments(project))
    assert [a.id for a in listed] == [*ids, link["id"]]
    other = listed[-1]
    assert isinstance(other, UnknownProjectAttachment)
    assert (other.type_, other["url"]) == ("project_link", "https://example.com")


def test_a_known_kind_that_fits_no_shape_is_a_validation_error(
    client: Client, mock_server: MockServer
) -> None:
    project = mock_server.add_project()
    mock_server.add_project_attachment(project, {"type": "project_doc", "id": "claude_proj_doc_x"})
    with pytest.raises(APIResponseValidationError, match="created_at"):
        list(client.compliance.projects.attachments(project))


@pytest.mark.parametrize("limit", [0, 101])
def test_a_limit_out_of_range_fails_before_any_request(
    client: Client, mock_server: MockServer, limit: int
) -> None:
    with pytest.raises(InvalidArgumentError, match="1 to 100"):
        client.compliance.projects.attachments("claude_proj_x", limit=limit)
    with pytest.raises(InvalidIdError):
        client.compliance.projects.attachments("../x")
    assert mock_server.requests == []


def test_an_unknown_project_is_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        list(client.compliance.projects.attachments("claude_proj_unknown"))
    assert caught.value.status_code == 404
    assert caught.value.request_id is not None


def test_a_5xx_page_is_retried(
    client: Client, mock_server: MockServer, sleeps: list[float]
) -> None:
    project, ids = _project(mock_server, files=2, documents=0)
    mock_server.inject(Fault.status(503), path=ATTACHMENTS_PATH)
    assert [a.id for a in client.compliance.projects.attachments(project)] == ids
    assert len(sleeps) == 1


# -- documents -----------------------------------------------------------------------------


def test_get_and_delete_a_document(client: Client, mock_server: MockServer) -> None:
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, TEXT, "notes.txt")
    documents = client.compliance.project_documents
    document = documents.get(seeded["id"])
    assert isinstance(document, ProjectDocument)
    assert (document.content, document.filename) == (TEXT, "notes.txt")
    assert isinstance(document.user, ProjectDocumentUser)
    assert document.user.email_address == "jane.doe@example.com"
    untyped: Any = document  # the models' stubs do not declare `_request_id`
    assert untyped._request_id == mock_server.requests[-1].request_id
    deleted = documents.delete(seeded["id"])
    assert isinstance(deleted, DeletedProjectDocument)
    assert (deleted.id, deleted.type_) == (seeded["id"], "claude_project_document_deleted")
    with pytest.raises(NotFoundError, match="already been deleted"):
        documents.get(seeded["id"])


def test_download_to_a_folder_takes_the_safe_filename(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, TEXT, "../secret/..notes?.txt")
    path = client.compliance.project_documents.download_to_file(seeded["id"], tmp_path)
    assert path == tmp_path / "notes_.txt"
    assert path.read_bytes() == TEXT.encode("utf-8")
    assert _dir(tmp_path) == ["notes_.txt"]


def test_a_nameless_document_is_named_after_its_id(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, "x", "...")
    path = client.compliance.project_documents.download_to_file(seeded["id"], f"{tmp_path}/")
    assert path.name == seeded["id"]


def test_an_existing_file_needs_overwrite(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, TEXT, "notes.txt")
    documents = client.compliance.project_documents
    dest = tmp_path / "notes.txt"
    dest.write_text("mine")
    with pytest.raises(DestinationExistsError):
        documents.download_to_file(seeded["id"], dest)
    assert mock_server.requests == []  # refused before the request
    with pytest.raises(DestinationExistsError):
        documents.download_to_file(seeded["id"], tmp_path)  # the name, known from the body
    assert dest.read_text() == "mine"
    assert _dir(tmp_path) == ["notes.txt"]  # no temporary file left
    assert documents.download_to_file(seeded["id"], dest, overwrite=True) == dest
    assert dest.read_text(encoding="utf-8") == TEXT


def test_a_missing_folder_fails_before_the_request(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    with pytest.raises(DestinationNotFoundError):
        client.compliance.project_documents.download_to_file("claude_proj_doc_x", tmp_path / "a/b")
    assert mock_server.requests == []


def test_a_failed_get_leaves_nothing(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    with pytest.raises(NotFoundError):
        client.compliance.project_documents.download_to_file("claude_proj_doc_x", tmp_path)
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, TEXT * 100)
    mock_server.inject(
        Fault.truncate(10), path="/v1/compliance/apps/projects/documents/*", count=None
    )
    with pytest.raises(APIConnectionError):  # a JSON body cut short, on every retry
        client.compliance.project_documents.download_to_file(seeded["id"], tmp_path)
    assert _dir(tmp_path) == []


def test_text_over_max_bytes_is_refused_with_nothing_written(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, "\u00e9" * 10, "e.txt")  # 20 bytes
    documents = client.compliance.project_documents
    with pytest.raises(FileTooLargeError) as caught:
        documents.download_to_file(seeded["id"], tmp_path, max_bytes=19)
    assert (caught.value.limit, caught.value.size) == (19, 20)
    assert _dir(tmp_path) == []
    assert documents.download_to_file(seeded["id"], tmp_path, max_bytes=20).stat().st_size == 20


def test_a_key_without_the_scope_is_a_typed_401(mock_server: MockServer, tmp_path: Path) -> None:
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, "x")
    reader = mock_server.add_compliance_key(["read:compliance_user_data"])
    admin = mock_server.add_compliance_key(["read:compliance_activities"])
    with Client(**client_kwargs(mock_server, compliance_api_key=reader)) as client:
        assert client.compliance.project_documents.get(seeded["id"]).id == seeded["id"]
        with pytest.raises(AuthenticationError) as caught:
            client.compliance.project_documents.delete(seeded["id"])
        assert caught.value.missing_scope == "delete:compliance_user_data"
    with Client(**client_kwargs(mock_server, compliance_api_key=admin)) as client:
        with pytest.raises(AuthenticationError) as caught:
            list(client.compliance.projects.attachments(project))
        assert caught.value.missing_scope == "read:compliance_user_data"
        with pytest.raises(AuthenticationError):
            client.compliance.project_documents.download_to_file(seeded["id"], tmp_path)
    assert _dir(tmp_path) == []


# -- the async twins -----------------------------------------------------------------------


async def test_async_attachments_follow_every_page(
    aclient: AsyncClient, mock_server: MockServer
) -> None:
    project, ids = _project(mock_server)
    mock_server.add_project_attachment(project, {"type": "project_link", "id": "zz"})
    listed = [a async for a in aclient.compliance.projects.attachments(project, limit=2)]
    # No created_at sorts first (the mock's key: an empty string).
    assert [a.id for a in listed] == ["zz", *ids]
    assert isinstance(listed[0], UnknownProjectAttachment)
    assert _list_requests(mock_server) == 3
    with pytest.raises(NotFoundError):
        [a async for a in aclient.compliance.projects.attachments("claude_proj_unknown")]


async def test_async_documents(
    aclient: AsyncClient, mock_server: MockServer, tmp_path: Path
) -> None:
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, TEXT, "notes.txt")
    documents = aclient.compliance.project_documents
    assert (await documents.get(seeded["id"])).content == TEXT
    path = await documents.download_to_file(seeded["id"], tmp_path)
    assert path.read_bytes() == TEXT.encode("utf-8")
    with pytest.raises(DestinationExistsError):
        await documents.download_to_file(seeded["id"], path)
    assert _dir(tmp_path) == ["notes.txt"]
    assert (await documents.delete(seeded["id"])).id == seeded["id"]
    with pytest.raises(NotFoundError):
        await documents.download_to_file(seeded["id"], tmp_path / "again.txt")
    assert _dir(tmp_path) == ["notes.txt"]


async def test_async_scope_errors_are_typed(mock_server: MockServer) -> None:
    project = mock_server.add_project()
    admin = mock_server.add_compliance_key(["read:compliance_activities"])
    async with AsyncClient(**client_kwargs(mock_server, compliance_api_key=admin)) as client:
        with pytest.raises(AuthenticationError) as caught:
            [a async for a in client.compliance.projects.attachments(project)]
    assert caught.value.missing_scope == "read:compliance_user_data"


def test_the_document_file_gets_the_usual_mode(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, "x", "m.txt")
    path = client.compliance.project_documents.download_to_file(seeded["id"], tmp_path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_document_download_reports_its_bytes_once_written(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    project = mock_server.add_project()
    seeded = mock_server.add_project_document(project, TEXT, "notes.txt")
    size = len(TEXT.encode("utf-8"))
    calls: list[tuple[int, int | None, bool]] = []

    def seen(done: int, total: int | None) -> None:
        calls.append((done, total, (tmp_path / "notes.txt").exists()))

    client.compliance.project_documents.download_to_file(seeded["id"], tmp_path, on_progress=seen)
    assert calls == [(0, size, True), (size, size, True)]


def test_a_document_download_refuses_a_coroutine_callback(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    async def seen(done: int, total: int | None) -> None: ...

    with pytest.raises(InvalidTypeError):
        client.compliance.project_documents.download_to_file(
            "claude_proj_doc_x", tmp_path, on_progress=seen
        )
    assert mock_server.requests == []
