"""The generated client calls every operation and gets typed models back.

Against the mock server (the whole scenario, every error kind), and against Prism's
mock of `openapi.yaml` (every operation once: Prism answers from the spec's examples
and schemas, so this proves the spec, not the mock, agrees with the client).
"""

from __future__ import annotations

import io

import pytest

from claude_files.testing import MockServer
from claude_files_openapi import AuthenticatedClient
from claude_files_openapi.api.compliance_artifacts import download_artifact_version
from claude_files_openapi.api.compliance_chat_files import (
    delete_chat_file,
    download_chat_file,
    get_chat_file,
)
from claude_files_openapi.api.compliance_generated_files import (
    download_generated_file,
    get_generated_file,
)
from claude_files_openapi.api.compliance_projects import (
    delete_project_document,
    get_project_document,
    list_project_attachments,
)
from claude_files_openapi.api.files import (
    delete_file,
    download_file,
    get_file_metadata,
    list_files,
    upload_file,
)
from claude_files_openapi.models import (
    ChatFile,
    DeletedChatFile,
    DeletedFile,
    DeletedProjectDocument,
    FileListResponse,
    FileMetadata,
    FileUploadBody,
    GeneratedFile,
    ProjectAttachmentListResponse,
    ProjectDocument,
)
from claude_files_openapi.types import File

from ._prism import Prism
from ._scenario import (
    VERSION,
    run_code_artifacts_scenario,
    run_compliance_scenario,
    run_error_scenario,
    run_files_scenario,
    run_projects_scenario,
    seed_compliance,
)


def test_files_scenario_against_mock(mock_server: MockServer) -> None:
    steps = run_files_scenario(mock_server.base_url, mock_server)
    assert steps == ["upload", "list", "retrieve", "download", "delete"]


def test_code_artifacts_scenario_against_mock(mock_server: MockServer) -> None:
    steps = run_code_artifacts_scenario(mock_server.base_url, mock_server)
    assert steps == ["list", "version content", "content", "delete"]


def test_compliance_scenario_against_mock(mock_server: MockServer) -> None:
    seeded = seed_compliance(mock_server)
    steps = run_compliance_scenario(mock_server.base_url, mock_server, seeded)
    assert steps == ["chat files", "generated files", "artifacts"]


def test_projects_scenario_against_mock(mock_server: MockServer) -> None:
    steps = run_projects_scenario(mock_server.base_url, mock_server)
    assert steps == ["attachments", "project file", "documents", "errors"]


def test_error_scenario_against_mock(mock_server: MockServer) -> None:
    steps = run_error_scenario(mock_server.base_url, mock_server)
    assert steps[-1] == "retryable statuses"
    statuses = {r.status for r in mock_server.requests}
    assert {400, 401, 404, 413, 429, 500, 503, 504, 529} <= statuses


def test_generated_client_fixed_boundary_corrupts_uploads(mock_server: MockServer) -> None:
    """A known generator bug, pinned here so its fix is noticed: the generated upload sets
    `boundary=+++`, so a file containing `\\r\\n--+++` ends its part early. The mock
    refuses the body as malformed multipart (400) instead of storing wrong bytes."""
    client = AuthenticatedClient(base_url=mock_server.base_url, token=mock_server.api_key)
    body = FileUploadBody(file=File(payload=io.BytesIO(b"a\r\n--+++\r\nb"), file_name="x"))
    with client:
        result = upload_file.sync_detailed(client=client, body=body, anthropic_version=VERSION)
    assert result.status_code == 400
    assert mock_server.requests[-1].headers["content-type"].endswith("boundary=+++")


def test_generated_client_cannot_build_a_529_response(mock_server: MockServer) -> None:
    """Pinned so a generator fix is noticed: `sync_detailed` wraps the status in
    `http.HTTPStatus`, which has no 529 (nor 499), so an overloaded answer raises
    ValueError instead of returning the parsed ErrorResponse."""
    from claude_files.testing import Fault

    mock_server.inject(Fault.status(529), path="/v1/files")
    client = AuthenticatedClient(base_url=mock_server.base_url, token=mock_server.api_key)
    with client, pytest.raises(ValueError, match="529"):
        list_files.sync_detailed(client=client, anthropic_version=VERSION)
    assert mock_server.requests[-1].status == 529


@pytest.mark.prism
def test_every_operation_against_prism_mock(prism_mock: Prism) -> None:
    client = AuthenticatedClient(base_url=prism_mock.base_url, token="sk-ant-any")
    file_id = "file_011CNha8iCJcU1wXNR6q4V8w"
    with client:
        body = FileUploadBody(file=File(payload=io.BytesIO(b"abc"), file_name="a.txt"))
        assert isinstance(
            upload_file.sync(client=client, body=body, anthropic_version=VERSION), FileMetadata
        )
        listed = list_files.sync(client=client, anthropic_version=VERSION, limit=2)
        assert isinstance(listed, FileListResponse)
        assert all(isinstance(item, FileMetadata) for item in listed.data)
        assert isinstance(
            get_file_metadata.sync(file_id, client=client, anthropic_version=VERSION),
            FileMetadata,
        )
        downloaded = download_file.sync(file_id, client=client, anthropic_version=VERSION)
        assert isinstance(downloaded, File)
        assert isinstance(
            delete_file.sync(file_id, client=client, anthropic_version=VERSION), DeletedFile
        )
        chat_id = "claude_file_011CNha8iCJcU1wXNR6q4V8w"
        assert isinstance(get_chat_file.sync(chat_id, client=client), ChatFile)
        assert isinstance(download_chat_file.sync(chat_id, client=client), File)
        assert isinstance(delete_chat_file.sync(chat_id, client=client), DeletedChatFile)
        gen_id = "claude_gen_file_abc123"
        assert isinstance(get_generated_file.sync(gen_id, client=client), GeneratedFile)
        assert isinstance(download_generated_file.sync(gen_id, client=client), File)
        artifact = "claude_artifact_version_abc123"
        assert isinstance(download_artifact_version.sync(artifact, client=client), File)
        page = list_project_attachments.sync("claude_proj_011CNha8iCJcU1wXNR6q4V8w", client=client)
        assert isinstance(page, ProjectAttachmentListResponse)
        document_id = "claude_proj_doc_01xyz789abc"
        assert isinstance(get_project_document.sync(document_id, client=client), ProjectDocument)
        deleted = delete_project_document.sync(document_id, client=client)
        assert isinstance(deleted, DeletedProjectDocument)
    assert not prism_mock.violations(), prism_mock.violations()
