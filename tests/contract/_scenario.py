"""The generated client's whole scenario, run against any base URL that reaches a MockServer.

Used twice: straight against the mock, and through Prism's validating proxy. Each step
asserts the typed model the generated client parsed, so a wrong status, shape or content
type fails here. Error cases are provoked with schema-valid requests only (the proxy
would reject an invalid request itself), by turning the mock's knobs and injecting faults.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

from claude_files.testing import Fault, MockServer
from claude_files_openapi import AuthenticatedClient
from claude_files_openapi.api.compliance_artifacts import download_artifact_version
from claude_files_openapi.api.compliance_chat_files import (
    delete_chat_file,
    download_chat_file,
    get_chat_file,
)
from claude_files_openapi.api.compliance_code_artifacts import (
    delete_code_artifact,
    download_code_artifact,
    get_code_artifact_version,
    list_code_artifacts,
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
    CodeArtifact,
    CodeArtifactListResponse,
    DeletedChatFile,
    DeletedCodeArtifact,
    DeletedFile,
    DeletedProjectDocument,
    ErrorDetails,
    ErrorResponse,
    FileListResponse,
    FileMetadata,
    FileUploadBody,
    GeneratedFile,
    ProjectAttachmentListResponse,
    ProjectDocAttachment,
    ProjectDocument,
    ProjectDocumentUser,
    ProjectFileAttachment,
    UnknownProjectAttachment,
)
from claude_files_openapi.models.anthropic_version import AnthropicVersion
from claude_files_openapi.types import File, Unset

VERSION: AnthropicVersion = "2026-10-21"
PAYLOAD = bytes(range(256)) * 40 + b"\r\n--boundary-like\r\n tail"
"""Every byte value; not the generated client's fixed boundary `+++` (see the test for that)."""
TEXT_PAYLOAD = (
    b"plain ASCII text: Prism's proxy re-encodes bodies as UTF-8 (stoplightio/prism#1321)\n"
)
"""What goes through Prism's proxy, which is not byte-transparent for binary bodies."""


@dataclass
class Seeded:
    """The compliance records a scenario reads and deletes."""

    chat_file_id: str
    generated_file_id: str
    artifact_id: str
    contents: dict[str, bytes] = field(default_factory=dict)


def seed_compliance(server: MockServer, *, text_only: bool = False) -> Seeded:
    png = b"PNG generated" if text_only else b"\x89PNG\r\n\x1a\n generated"
    chat = server.add_chat_file(
        b"%PDF-1.7 chat file",
        filename="report \u00e9t\u00e9.pdf",
        mime_type="application/pdf",
        message_ids=["claude_msg_011CNha8iCJcU1wXNR6q4V8w", "claude_msg_012"],
        claude_chat_ids=["claude_chat_011CNha8iCJcU1wXNR6q4V8w"],
    )
    generated = server.add_generated_file(png, filename="chart.png", mime_type="image/png")
    artifact = server.add_artifact_version(b"# Artifact\n\nv2 text", mime_type="text/markdown")
    return Seeded(
        chat_file_id=chat["id"],
        generated_file_id=generated["id"],
        artifact_id=artifact,
        contents={
            chat["id"]: b"%PDF-1.7 chat file",
            generated["id"]: png,
            artifact: b"# Artifact\n\nv2 text",
        },
    )


def _client(base_url: str, key: str, *, bearer: bool) -> AuthenticatedClient:
    if bearer:
        return AuthenticatedClient(base_url=base_url, token=key, timeout=httpx.Timeout(30.0))
    return AuthenticatedClient(
        base_url=base_url,
        token=key,
        prefix="",
        auth_header_name="x-api-key",
        timeout=httpx.Timeout(30.0),
    )


def _error(result: object, status: int, error_type: str, code: str | None = None) -> None:
    assert isinstance(result, ErrorResponse), f"expected an ErrorResponse, got {result!r}"
    assert result.error.type_ == error_type
    if code is not None:
        assert isinstance(result.error.details, ErrorDetails)
        assert result.error.details.error_code == code
    if isinstance(result.type_, Unset):  # the Compliance API's bare shape: no id in the body
        assert isinstance(result.request_id, Unset)
        return
    assert isinstance(result.request_id, str)
    assert result.request_id.startswith("req_")


def _upload(
    client: AuthenticatedClient, name: str, data: bytes, expires_in_seconds: int | None = None
) -> FileMetadata:
    body = FileUploadBody(
        file=File(payload=io.BytesIO(data), file_name=name, mime_type="application/octet-stream"),
    )
    if expires_in_seconds is not None:
        body.expires_in_seconds = expires_in_seconds
    result = upload_file.sync(client=client, body=body, anthropic_version=VERSION)
    assert isinstance(result, FileMetadata), result
    return result


def run_files_scenario(base_url: str, server: MockServer, payload: bytes = PAYLOAD) -> list[str]:
    """Upload, page, filter, retrieve, download and delete; returns the steps done."""
    server.uploaded_files_downloadable = True  # it downloads its uploads (the real API refuses)
    steps: list[str] = []
    client = _client(base_url, server.api_key, bearer=True)
    with client:
        uploaded = [_upload(client, f"dir/part-{i}.bin", payload + b"%d" % i) for i in range(3)]
        expiring = _upload(client, "expiring.bin", b"soon gone", expires_in_seconds=3600)
        assert expiring.expires_at is not None
        assert uploaded[0].filename == "part-0.bin"
        steps.append("upload")

        first = list_files.sync(client=client, anthropic_version=VERSION, limit=3)
        assert isinstance(first, FileListResponse)
        assert [f.id for f in first.data] == [expiring.id, uploaded[2].id, uploaded[1].id]
        assert isinstance(first.next_page, str)
        assert first.has_more is True
        second = list_files.sync(client=client, anthropic_version=VERSION, page=first.next_page)
        assert isinstance(second, FileListResponse)
        assert [f.id for f in second.data] == [uploaded[0].id]
        assert second.next_page is None
        assert second.has_more is False
        beta_page = list_files.sync(
            client=client, anthropic_version="2023-06-01", limit=2, after_id=uploaded[2].id
        )
        assert isinstance(beta_page, FileListResponse)
        assert beta_page.first_id == uploaded[1].id
        assert beta_page.last_id == uploaded[0].id
        back = list_files.sync(
            client=client, anthropic_version=VERSION, limit=1, before_id=uploaded[1].id
        )
        assert isinstance(back, FileListResponse)
        assert [f.id for f in back.data] == [uploaded[2].id]
        only = list_files.sync(
            client=client,
            anthropic_version=VERSION,
            ids=[uploaded[0].id, "file_011CUnknownUnknownUnknow"],
        )
        assert isinstance(only, FileListResponse)
        assert [f.id for f in only.data] == [uploaded[0].id]
        steps.append("list")

        meta = get_file_metadata.sync(uploaded[1].id, client=client, anthropic_version=VERSION)
        assert isinstance(meta, FileMetadata)
        assert meta.size_bytes == len(payload) + 1
        steps.append("retrieve")

        content = download_file.sync_detailed(
            uploaded[1].id, client=client, anthropic_version=VERSION
        )
        assert isinstance(content.parsed, File)
        assert content.parsed.payload.read() == payload + b"1"
        assert content.headers["content-length"] == str(len(payload) + 1)
        steps.append("download")

        deleted = delete_file.sync(uploaded[1].id, client=client, anthropic_version=VERSION)
        assert isinstance(deleted, DeletedFile)
        assert deleted.id == uploaded[1].id
        gone = get_file_metadata.sync(uploaded[1].id, client=client, anthropic_version=VERSION)
        _error(gone, 404, "not_found_error")
        steps.append("delete")
    return steps


def run_compliance_scenario(base_url: str, server: MockServer, seeded: Seeded) -> list[str]:
    """Each compliance operation once, with x-api-key auth."""
    steps: list[str] = []
    with _client(base_url, server.compliance_api_key, bearer=False) as client:
        chat = get_chat_file.sync(seeded.chat_file_id, client=client)
        assert isinstance(chat, ChatFile)
        assert chat.message_ids == ["claude_msg_011CNha8iCJcU1wXNR6q4V8w", "claude_msg_012"]
        chat_body = seeded.contents[seeded.chat_file_id]
        assert chat.md5 == hashlib.md5(chat_body).hexdigest()
        raw = download_chat_file.sync_detailed(seeded.chat_file_id, client=client)
        assert isinstance(raw.parsed, File)
        assert raw.parsed.payload.read() == chat_body
        assert "filename*=utf-8''report%20%C3%A9t%C3%A9.pdf" in raw.headers["content-disposition"]
        deleted = delete_chat_file.sync(seeded.chat_file_id, client=client)
        assert isinstance(deleted, DeletedChatFile)
        assert (deleted.id, deleted.type_) == (seeded.chat_file_id, "claude_file_deleted")
        _error(get_chat_file.sync(seeded.chat_file_id, client=client), 404, "not_found_error")
        steps.append("chat files")

        generated = get_generated_file.sync(
            seeded.generated_file_id, client=client, anthropic_version="2023-06-01"
        )
        assert isinstance(generated, GeneratedFile)
        assert generated.filename == "chart.png"
        gen_raw = download_generated_file.sync_detailed(seeded.generated_file_id, client=client)
        assert isinstance(gen_raw.parsed, File)
        assert gen_raw.parsed.payload.read() == seeded.contents[seeded.generated_file_id]
        assert gen_raw.headers["content-type"] == "image/png"
        steps.append("generated files")

        artifact = download_artifact_version.sync_detailed(seeded.artifact_id, client=client)
        assert isinstance(artifact.parsed, File)
        assert artifact.parsed.payload.read() == seeded.contents[seeded.artifact_id]
        steps.append("artifacts")
    return steps


def run_error_scenario(base_url: str, server: MockServer) -> list[str]:
    """Every error kind the client can meet, each provoked with a schema-valid request."""
    steps: list[str] = []
    with _client(base_url, server.api_key, bearer=False) as client:
        wrong = _client(base_url, "sk-ant-wrong", bearer=True)
        with wrong:
            _error(
                list_files.sync(client=wrong, anthropic_version=VERSION),
                401,
                "authentication_error",
            )
        compliance_key = _client(base_url, server.compliance_api_key, bearer=True)
        with compliance_key:
            _error(
                list_files.sync(client=compliance_key, anthropic_version=VERSION),
                401,
                "authentication_error",
            )
        steps.append("401")

        unknown = get_file_metadata.sync(
            "file_011CUnknownUnknownUnknow", client=client, anthropic_version=VERSION
        )
        _error(unknown, 404, "not_found_error")
        both = list_files.sync(client=client, anthropic_version=VERSION, ids=["a"], limit=5)
        _error(both, 400, "invalid_request_error")
        steps.append("404, 400")

        server.uploaded_files_downloadable = False
        locked = _upload(client, "user.txt", b"user data")
        assert locked.downloadable is False
        _error(
            download_file.sync(locked.id, client=client, anthropic_version=VERSION),
            400,
            "invalid_request_error",
            "file_not_downloadable",
        )
        server.uploaded_files_downloadable = True
        expiring = _upload(client, "e.txt", b"expiring", expires_in_seconds=3600)
        server.advance(timedelta(hours=1, seconds=1))
        _error(
            download_file.sync(expiring.id, client=client, anthropic_version=VERSION),
            404,
            "not_found_error",
            "file_expired",
        )
        server.storage_quota_bytes = 0
        over = upload_file.sync(
            client=client,
            body=FileUploadBody(file=File(payload=io.BytesIO(b"x"), file_name="q.txt")),
            anthropic_version=VERSION,
        )
        _error(over, 400, "invalid_request_error", "storage_quota_exceeded")
        server.storage_quota_bytes = None
        server.organization_on_hold = True
        hold = list_files.sync(client=client, anthropic_version=VERSION)
        _error(hold, 400, "invalid_request_error", "organization_on_hold")
        assert isinstance(hold, ErrorResponse)
        assert isinstance(hold.error.details, ErrorDetails)
        assert hold.error.details.appeal_url == server.appeal_url
        server.organization_on_hold = False
        steps.append("error codes")

        server.max_upload_bytes = 1024
        too_big = upload_file.sync(
            client=client,
            body=FileUploadBody(file=File(payload=io.BytesIO(b"y" * 2048), file_name="big.bin")),
            anthropic_version=VERSION,
        )
        _error(too_big, 413, "request_too_large")
        server.max_upload_bytes = 500 * 1024 * 1024
        server.inject(Fault.non_json(413), path="/v1/files", method="POST")
        page = client.get_httpx_client().post(
            "/v1/files",
            headers={"anthropic-version": VERSION},
            files={"file": ("f.txt", b"data", "text/plain")},
        )
        assert page.status_code == 413
        assert page.headers["content-type"].startswith("text/html")
        steps.append("413")

        for status, error_type in [
            (429, "rate_limit_error"),
            (500, "api_error"),
            (503, "api_error"),
            (504, "timeout_error"),
            (529, "overloaded_error"),
        ]:
            server.inject(
                Fault.status(status, retry_after="1", should_retry=True), path="/v1/files"
            )
            # Not sync_detailed: it builds `HTTPStatus(code)`, which has no 499 or 529.
            raw = client.get_httpx_client().request(
                **list_files._get_kwargs(anthropic_version=VERSION)
            )
            assert raw.status_code == status
            _error(list_files._parse_response(client=client, response=raw), status, error_type)
            assert raw.headers["x-should-retry"] == "true"
        steps.append("retryable statuses")
    return steps


def run_code_artifacts_scenario(
    base_url: str, server: MockServer, *, byte_exact: bool = True
) -> list[str]:
    """The four code artifact operations, their paging, their 422s, 503 and 404.

    `byte_exact=False` (through Prism's proxy) skips reading the ZIP, which the proxy
    re-encodes as text; statuses, headers and typed models are checked either way.
    """
    steps: list[str] = []
    page_text = b"<h1>Team dashboard</h1>\n"
    single = server.add_code_artifact({"index.html": page_text}, version_ids=["1741803761-9f3a"])
    multi = server.add_code_artifact(
        {"index.html": b"<p>a</p>", "js/app.js": b"go()"}, version_ids=["1741803762-0001"]
    )
    pending = server.add_code_artifact(b"<p>later</p>", version_ids=["v1"], available=False)
    lost = server.add_code_artifact(b"<p>x</p>", file_set_available=False)
    mine = {single["id"], multi["id"], pending["id"], lost["id"]}
    with _client(base_url, server.compliance_api_key, bearer=True) as client:
        seen: list[str] = []
        page_token: str | None = None
        while True:
            kwargs = {"page": page_token} if page_token else {"limit": 2}
            page = list_code_artifacts.sync(client=client, **kwargs)
            assert isinstance(page, CodeArtifactListResponse), page
            seen += [artifact.id for artifact in page.data]
            if not isinstance(page.next_page, str):
                break
            page_token = page.next_page
        assert mine <= set(seen)
        assert seen == sorted(seen)
        assert all(isinstance(a, CodeArtifact) for a in page.data)
        recent = list_code_artifacts.sync(
            client=client,
            user_ids=[str(single["owner_user_id"])],
            updated_at_gte=datetime(2000, 1, 1, tzinfo=UTC),
        )
        assert isinstance(recent, CodeArtifactListResponse)
        assert single["id"] in [a.id for a in recent.data]
        steps.append("list")

        version = get_code_artifact_version.sync_detailed(
            single["id"], "1741803761-9f3a", client=client
        )
        assert isinstance(version.parsed, File)
        assert version.parsed.payload.read() == page_text
        disposition = version.headers["content-disposition"]
        assert disposition == f"attachment; filename*=utf-8''{single['id']}-1741803761-9f3a.html"
        assert (
            version.headers["content-md5"]
            == base64.b64encode(hashlib.md5(page_text).digest()).decode()
        )
        several = get_code_artifact_version.sync(multi["id"], "1741803762-0001", client=client)
        _error(several, 422, "invalid_request_error", "multi_file_unavailable")
        later = get_code_artifact_version.sync(pending["id"], "v1", client=client)
        _error(later, 503, "api_error")
        steps.append("version content")

        content = download_code_artifact.sync_detailed(
            multi["id"], client=client, multi_file_format="zip"
        )
        assert isinstance(content.parsed, File)
        assert content.headers["content-type"] == "application/zip"
        assert "content-md5" not in content.headers
        if byte_exact:
            with zipfile.ZipFile(content.parsed.payload) as archive:
                assert archive.read("js/app.js") == b"go()"
        _error(
            download_code_artifact.sync(lost["id"], client=client, multi_file_format="zip"),
            422,
            "invalid_request_error",
            "file_set_unavailable",
        )
        steps.append("content")

        deleted = delete_code_artifact.sync(single["id"], client=client)
        assert isinstance(deleted, DeletedCodeArtifact)
        assert (deleted.id, deleted.type_) == (single["id"], "code_artifact_deleted")
        _error(delete_code_artifact.sync(single["id"], client=client), 404, "not_found_error")
        steps.append("delete")
    return steps


def run_projects_scenario(base_url: str, server: MockServer) -> list[str]:
    """A project's attachments paged by cursor (a file, a document, a kind the spec does
    not know), the project file through the chat-files endpoints, a document read and
    deleted; the 400, 404 and scope 401 they document."""
    steps: list[str] = []
    project = server.add_project()
    start = datetime(2026, 4, 1, tzinfo=UTC)
    chat = server.add_project_file(
        project, b"project file", "p.txt", "text/plain", created_at=start
    )
    document = server.add_project_document(
        project, "Notes \u00e9\n", "notes.txt", created_at=start + timedelta(minutes=1)
    )
    orphan = server.add_project_document(
        project, "x", "o.txt", created_at=start + timedelta(minutes=2), user_id=None
    )
    server.add_project_attachment(
        project,
        {"type": "project_link", "id": "claude_proj_link_1", "created_at": "2026-05-01T00:00:00Z"},
    )
    with _client(base_url, server.compliance_api_key, bearer=False) as client:
        first = list_project_attachments.sync(project, client=client, limit=2)
        assert isinstance(first, ProjectAttachmentListResponse), first
        assert (first.has_more, isinstance(first.next_page, str)) == (True, True)
        assert isinstance(first.next_page, str)
        rest = list_project_attachments.sync(project, client=client, page=first.next_page)
        assert isinstance(rest, ProjectAttachmentListResponse), rest
        assert rest.next_page is None
        items = [*first.data, *rest.data]
        assert [type(i) for i in items] == [
            ProjectFileAttachment,
            ProjectDocAttachment,
            ProjectDocAttachment,
            UnknownProjectAttachment,
        ]
        assert [i.id for i in items[:3]] == [chat["id"], document["id"], orphan["id"]]
        steps.append("attachments")

        content = download_chat_file.sync_detailed(chat["id"], client=client)
        assert isinstance(content.parsed, File)
        assert content.parsed.payload.read() == b"project file"
        gone = delete_chat_file.sync(chat["id"], client=client)
        assert isinstance(gone, DeletedChatFile)
        steps.append("project file")

        got = get_project_document.sync(document["id"], client=client)
        assert isinstance(got, ProjectDocument), got
        assert got.content == "Notes \u00e9\n"
        assert isinstance(got.user, ProjectDocumentUser)
        no_user = get_project_document.sync(orphan["id"], client=client)
        assert isinstance(no_user, ProjectDocument)
        assert no_user.user is None
        deleted = delete_project_document.sync(document["id"], client=client)
        assert isinstance(deleted, DeletedProjectDocument)
        assert deleted.type_ == "claude_project_document_deleted"
        _error(delete_project_document.sync(document["id"], client=client), 404, "not_found_error")
        steps.append("documents")

        _error(
            list_project_attachments.sync("claude_proj_x", client=client), 404, "not_found_error"
        )
        _error(
            list_project_attachments.sync(project, client=client, page="bm90LWEtY3Vyc29y"),
            400,
            "invalid_request_error",
        )
    reader = server.add_compliance_key(["read:compliance_user_data"])
    with _client(base_url, reader, bearer=True) as client:
        _error(
            delete_project_document.sync(orphan["id"], client=client), 401, "authentication_error"
        )
    steps.append("errors")
    return steps
