"""The official SDK (anthropic 2.13.0, unchanged) against MockServer.

The SDK is generated from Anthropic's own spec, so it is the best public evidence of
today's wire format: if it works against the mock, the mock speaks today's API (Bearer
auth, `anthropic-version: 2026-10-21`, `page`/`next_page` paging, `ids[]`, expiring
files, `Accept: application/binary`, `error.details.error_code`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import anthropic
import pytest
from anthropic.types.file_expired_error import FileExpiredError
from anthropic.types.file_not_downloadable_error import FileNotDownloadableError
from anthropic.types.shared.organization_on_hold_error import OrganizationOnHoldError
from anthropic.types.storage_quota_exceeded_error import StorageQuotaExceededError

from claude_files.testing import MockServer


@pytest.fixture
def sdk(mock_server: MockServer) -> Iterator[anthropic.Anthropic]:
    client = anthropic.Anthropic(
        api_key=mock_server.api_key, base_url=mock_server.base_url, max_retries=0
    )
    yield client
    client.close()


def test_upload_bytes_and_metadata_fields(
    sdk: anthropic.Anthropic, mock_server: MockServer
) -> None:
    mock_server.uploaded_files_downloadable = True  # the test checks `downloadable: true`
    meta = sdk.files.upload(file=("notes/a.txt", b"hello world", "text/plain"))
    assert meta.id.startswith("file_011C")
    assert len(meta.id) == len("file_") + 24
    assert meta.type == "file"
    assert meta.filename == "a.txt"
    assert meta.mime_type == "text/plain"
    assert meta.size_bytes == 11
    assert meta.downloadable is True
    assert meta.expires_at is None
    assert meta.created_at.tzinfo is not None
    again = sdk.files.retrieve_metadata(meta.id)
    assert again == meta
    sent = mock_server.requests[0]
    assert sent.headers["authorization"] == f"Bearer {mock_server.api_key}"
    assert sent.headers["anthropic-version"] == "2026-10-21"


def test_upload_file_object(
    sdk: anthropic.Anthropic, mock_server: MockServer, tmp_path: Path
) -> None:
    mock_server.uploaded_files_downloadable = True  # it downloads its upload (the real API refuses)
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    with path.open("rb") as handle:
        meta = sdk.files.upload(file=handle)
    assert meta.filename == "report.pdf"
    assert meta.size_bytes == path.stat().st_size
    assert sdk.files.download(meta.id).read() == path.read_bytes()


def test_list_follows_next_page(sdk: anthropic.Anthropic, mock_server: MockServer) -> None:
    ids = [mock_server.add_file(b"%d" % i, filename=f"{i}.txt")["id"] for i in range(5)]
    mock_server.clear_requests()
    listed = [f.id for f in sdk.files.list(limit=2)]
    assert listed == ids[::-1]
    pages = [r for r in mock_server.requests if r.path == "/v1/files"]
    assert len(pages) == 3
    assert "page" not in pages[0].query
    assert all(r.query["page"][0].startswith("page_") for r in pages[1:])


def test_ids_filter(sdk: anthropic.Anthropic, mock_server: MockServer) -> None:
    kept = mock_server.add_file(b"a")["id"]
    other = mock_server.add_file(b"b")["id"]
    deleted = mock_server.add_file(b"c")["id"]
    sdk.files.delete(deleted)
    page = sdk.files.list(ids=[kept, deleted, "file_011CNoSuchFileNoSuchFile"])
    assert [f.id for f in page.data] == [kept]
    assert page.next_page is None
    assert other not in {f.id for f in page}
    assert mock_server.requests[-1].query["ids[]"] == [
        kept,
        deleted,
        "file_011CNoSuchFileNoSuchFile",
    ]


def test_beta_files_list(sdk: anthropic.Anthropic, mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"beta", scope_id="sesn_1")["id"]
    listed = list(sdk.beta.files.list())
    assert [f.id for f in listed] == [file_id]
    assert listed[0].scope is not None
    assert listed[0].scope.id == "sesn_1"
    # 2.13.0 keeps `beta=true` as an internal request qualifier, not a query parameter
    # (API-NOTES expected it on the wire); the mock accepts and ignores it either way.
    assert mock_server.requests[-1].path == "/v1/files"
    assert mock_server.requests[-1].query.get("beta", ["true"]) == ["true"]


def test_expires_in_seconds(sdk: anthropic.Anthropic, mock_server: MockServer) -> None:
    meta = sdk.files.upload(file=("e.txt", b"soon", "text/plain"), expires_in_seconds=3600)
    assert meta.expires_at == meta.created_at + timedelta(seconds=3600)
    with pytest.raises(anthropic.BadRequestError):
        sdk.files.upload(file=("e.txt", b"x", "text/plain"), expires_in_seconds=60)


def test_download_sends_accept_binary(sdk: anthropic.Anthropic, mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"\x00\xffbytes", mime_type="application/octet-stream")["id"]
    response = sdk.files.download(file_id)
    assert response.read() == b"\x00\xffbytes"
    assert mock_server.requests[-1].headers["accept"] == "application/binary"


def test_delete_then_404(sdk: anthropic.Anthropic, mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"x")["id"]
    deleted = sdk.files.delete(file_id)
    assert deleted.id == file_id
    assert deleted.type == "file_deleted"
    with pytest.raises(anthropic.NotFoundError) as caught:
        sdk.files.retrieve_metadata(file_id)
    assert caught.value.request_id is not None
    assert caught.value.request_id.startswith("req_")


@pytest.mark.parametrize("limit", [0, 1001])
def test_limit_out_of_range_is_400(sdk: anthropic.Anthropic, limit: int) -> None:
    with pytest.raises(anthropic.BadRequestError) as caught:
        sdk.files.list(limit=limit)
    assert caught.value.type == "invalid_request_error"


def test_wrong_key_is_401(mock_server: MockServer) -> None:
    with (
        anthropic.Anthropic(
            api_key="sk-ant-wrong", base_url=mock_server.base_url, max_retries=0
        ) as client,
        pytest.raises(anthropic.AuthenticationError) as caught,
    ):
        client.files.list()
    assert caught.value.status_code == 401


def test_file_not_downloadable(sdk: anthropic.Anthropic, mock_server: MockServer) -> None:
    mock_server.uploaded_files_downloadable = False
    meta = sdk.files.upload(file=("u.txt", b"user data", "text/plain"))
    assert meta.downloadable is False
    with pytest.raises(FileNotDownloadableError) as caught:
        sdk.files.download(meta.id)
    assert caught.value.error_code == "file_not_downloadable"
    assert isinstance(caught.value, anthropic.BadRequestError)


def test_file_expired(sdk: anthropic.Anthropic, mock_server: MockServer) -> None:
    mock_server.uploaded_files_downloadable = True  # it downloads its upload (the real API refuses)
    meta = sdk.files.upload(file=("e.txt", b"soon", "text/plain"), expires_in_seconds=3600)
    assert sdk.files.download(meta.id).read() == b"soon"
    mock_server.advance(3600)
    with pytest.raises(FileExpiredError) as caught:
        sdk.files.download(meta.id)
    assert isinstance(caught.value, anthropic.NotFoundError)


def test_storage_quota_exceeded(sdk: anthropic.Anthropic, mock_server: MockServer) -> None:
    mock_server.storage_quota_bytes = 10
    sdk.files.upload(file=("a.txt", b"12345", "text/plain"))
    with pytest.raises(StorageQuotaExceededError) as caught:
        sdk.files.upload(file=("b.txt", b"123456", "text/plain"))
    assert caught.value.error_code == "storage_quota_exceeded"


def test_organization_on_hold(sdk: anthropic.Anthropic, mock_server: MockServer) -> None:
    mock_server.organization_on_hold = True
    mock_server.appeal_url = "https://example.test/appeal"
    with pytest.raises(OrganizationOnHoldError) as caught:
        sdk.files.list()
    assert caught.value.details.appeal_url == "https://example.test/appeal"
