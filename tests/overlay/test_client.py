"""The sync client over real HTTP: every Files and Compliance method, headers, auth, ids."""

from __future__ import annotations

import io
import os
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from claude_files import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    ClaudeFilesError,
    Client,
    FileTooLargeError,
    InternalServerError,
    NotFoundError,
    OrganizationOnHoldError,
    StorageQuotaExceededError,
)
from claude_files.testing import Fault, MockServer

from .conftest import client_kwargs

Factory = Callable[..., MockServer]


def last(server: MockServer, method: str | None = None) -> Any:
    return [r for r in server.requests if method is None or r.method == method][-1]


# Uploads -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["path", "str-path", "file", "bytes", "tuple"])
def test_upload_every_input_kind_round_trips(
    client: Client, mock_server: MockServer, tmp_path: Path, kind: str
) -> None:
    mock_server.uploaded_files_downloadable = True  # it downloads its upload (the real API refuses)
    content = b"line one\r\n--+++\r\nContent-Disposition: form-data\r\n--+++--\r\n"
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with path.open("rb") as opened:
        file: Any = {
            "path": path,
            "str-path": str(path),
            "file": opened,
            "bytes": content,
            "tuple": ("notes.txt", content, "text/plain"),
        }[kind]
        meta = client.files.upload(file, filename="notes.txt" if kind == "bytes" else None)
    assert (meta.filename, meta.mime_type, meta.size_bytes) == (
        "notes.txt",
        "text/plain",
        len(content),
    )
    assert client.files.download(meta.id) == content


def test_upload_uses_a_random_boundary(client: Client, mock_server: MockServer) -> None:
    client.files.upload(b"a", filename="a.bin")
    client.files.upload(b"b", filename="b.bin")
    types = [r.headers["content-type"] for r in mock_server.requests if r.method == "POST"]
    assert all(t.startswith("multipart/form-data; boundary=") for t in types)
    assert "+++" not in "".join(types)
    assert types[0] != types[1]


def test_upload_infers_the_type_and_takes_explicit_ones(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "table.json"
    path.write_bytes(b"{}")
    assert client.files.upload(path).mime_type == "application/json"
    assert client.files.upload(path, mime_type="text/plain").mime_type == "text/plain"


@pytest.mark.parametrize("expires_in", [7200, timedelta(hours=2)])
def test_upload_with_an_expiry(client: Client, expires_in: int | timedelta) -> None:
    meta = client.files.upload(b"temp", filename="t.txt", expires_in=expires_in)
    assert meta.expires_at == meta.created_at + timedelta(hours=2)


def test_an_upload_over_500_mb_is_refused_before_sending(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    path = tmp_path / "huge.bin"
    with path.open("wb") as f:
        f.truncate(500 * 1024 * 1024 + 1)
    with pytest.raises(FileTooLargeError):
        client.files.upload(path)
    assert mock_server.requests == []


def test_a_replayable_upload_is_retried(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    mock_server.uploaded_files_downloadable = True  # it downloads its upload (the real API refuses)
    path = tmp_path / "r.txt"
    path.write_bytes(b"again")
    mock_server.inject(Fault.status(503), path="/v1/files", method="POST")
    meta = client.files.upload(path)
    assert client.files.download(meta.id) == b"again"
    assert sum(r.method == "POST" for r in mock_server.requests) == 2


def test_an_unreplayable_upload_is_not_retried(client: Client, mock_server: MockServer) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.left = [b"once"]

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            return self.left.pop() if self.left else b""

    mock_server.inject(Fault.status(503), path="/v1/files", method="POST")
    with pytest.raises(InternalServerError):
        client.files.upload(Pipe(), filename="p.txt")  # type: ignore[arg-type]
    assert sum(r.method == "POST" for r in mock_server.requests) == 1


def test_storage_quota_and_organization_on_hold(client: Client, mock_server: MockServer) -> None:
    mock_server.storage_quota_bytes = 1
    with pytest.raises(StorageQuotaExceededError) as quota:
        client.files.upload(b"too much", filename="q.txt")
    assert quota.value.error_code == "storage_quota_exceeded"
    mock_server.storage_quota_bytes = None
    mock_server.organization_on_hold = True
    mock_server.appeal_url = "https://example.com/appeal"
    with pytest.raises(OrganizationOnHoldError) as hold:
        client.files.get("file_x")
    assert isinstance(hold.value, BadRequestError)
    assert hold.value.appeal_url == "https://example.com/appeal"


# Metadata, delete ----------------------------------------------------------------------


def test_get_retrieve_and_delete(client: Client, mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"x", filename="x.txt", mime_type="text/plain")["id"]
    meta = client.files.get(file_id)
    assert (meta.id, meta.filename, meta.size_bytes) == (file_id, "x.txt", 1)
    assert client.files.retrieve(file_id) == meta
    deleted = client.files.delete(file_id)
    assert (deleted.id, deleted.type_) == (file_id, "file_deleted")
    with pytest.raises(NotFoundError):
        client.files.get(file_id)


# Listing -------------------------------------------------------------------------------


@pytest.fixture
def five(mock_server_factory: Factory) -> tuple[MockServer, list[str]]:
    """A fresh server with five files; ids newest first, as the API lists them."""
    server = mock_server_factory()
    ids = [server.add_file(bytes([i]), filename=f"{i}.bin")["id"] for i in range(5)]
    return server, ids[::-1]


@pytest.mark.parametrize(
    ("shape", "cursor"), [("both", "page"), ("next_page", "page"), ("has_more", "after_id")]
)
def test_list_follows_either_paging_shape(
    five: tuple[MockServer, list[str]], shape: Any, cursor: str
) -> None:
    server, ids = five
    server.list_shape = shape
    with Client(**client_kwargs(server)) as client:
        assert [f.id for f in client.files.list(limit=2)] == ids
        assert [len(p.data) for p in client.files.list(limit=2).pages] == [2, 2, 1]
    queries = [r.query for r in server.requests if r.path == "/v1/files"]
    assert all(cursor in q for q in queries[1:3])


def test_list_pages_backwards_with_before_id(five: tuple[MockServer, list[str]]) -> None:
    server, ids = five
    with Client(**client_kwargs(server)) as client:
        pages = [[f.id for f in p.data] for p in client.files.list(limit=2, before_id=ids[4]).pages]
    assert pages == [ids[2:4], ids[0:2]]


def test_list_by_ids_is_one_page_without_unknown_ids(
    five: tuple[MockServer, list[str]],
) -> None:
    server, ids = five
    with Client(**client_kwargs(server)) as client:
        got = [f.id for f in client.files.list(ids=[ids[1], "file_unknown", ids[3]])]
        with pytest.raises(ValueError, match="ids"):
            client.files.list(ids=[ids[0]], limit=2)
    assert sorted(got) == sorted([ids[1], ids[3]])
    assert last(server).query["ids[]"] == [ids[1], "file_unknown", ids[3]]


# Headers and auth ----------------------------------------------------------------------


def test_files_headers_version_and_workspace(mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"x")["id"]
    with Client(**client_kwargs(mock_server, workspace_id="wrkspc_client")) as client:
        client.files.get(file_id)
        assert last(mock_server).headers["anthropic-version"] == "2026-10-21"
        assert last(mock_server).headers["anthropic-workspace-id"] == "wrkspc_client"
        assert last(mock_server).headers["x-api-key"] == mock_server.api_key
        client.files.download(file_id, workspace_id="wrkspc_call")
        assert last(mock_server).headers["anthropic-workspace-id"] == "wrkspc_call"
    with Client(**client_kwargs(mock_server, api_version="2023-06-01")) as client:
        client.files.get(file_id)
        assert last(mock_server).headers["anthropic-version"] == "2023-06-01"
        assert "anthropic-workspace-id" not in last(mock_server).headers


def test_bearer_auth_and_the_compliance_key(mock_server: MockServer) -> None:
    chat_id = mock_server.add_chat_file(b"c")["id"]
    file_id = mock_server.add_file(b"f")["id"]
    with Client(**client_kwargs(mock_server, auth="bearer", workspace_id="w")) as client:
        client.files.get(file_id)
        headers = last(mock_server).headers
        assert headers["authorization"] == f"Bearer {mock_server.api_key}"
        assert "x-api-key" not in headers
        client.compliance.files.get(chat_id)
        headers = last(mock_server).headers
        assert headers["authorization"] == f"Bearer {mock_server.compliance_api_key}"
        assert "anthropic-workspace-id" not in headers


def test_keys_and_url_come_from_the_environment(
    mock_server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", mock_server.api_key)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", mock_server.base_url)
    monkeypatch.delenv("ANTHROPIC_COMPLIANCE_API_KEY", raising=False)
    file_id = mock_server.add_file(b"env")["id"]
    with Client() as client:
        assert client.files.download(file_id) == b"env"
        with pytest.raises(ClaudeFilesError, match="ANTHROPIC_COMPLIANCE_API_KEY"):
            client.compliance.files.get("claude_file_x")
    assert all(r.path.startswith("/v1/files") for r in mock_server.requests)


def test_a_missing_key_is_an_error_only_when_its_api_is_used(
    mock_server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    chat_id = mock_server.add_chat_file(b"c")["id"]
    kwargs = client_kwargs(mock_server, api_key=None)
    with Client(**kwargs) as client:
        assert client.compliance.files.download(chat_id) == b"c"
        for call in (
            lambda: client.files.get("file_x"),
            lambda: client.files.upload(b"x"),
            lambda: list(client.files.list()),
            lambda: client.files.download_stream("file_x"),
        ):
            with pytest.raises(ClaudeFilesError, match="ANTHROPIC_API_KEY"):
                call()
    assert len(mock_server.requests) == 1


def test_the_key_never_shows(mock_server: MockServer) -> None:
    with Client(**client_kwargs(mock_server, api_key="sk-secret-123")) as client:
        assert "sk-secret" not in repr(client) + str(client)
        with pytest.raises(AuthenticationError) as caught:
            client.files.get("file_x")
    assert "sk-secret" not in str(caught.value) + repr(caught.value)


@pytest.mark.parametrize("bad", ["", ".", "..", "../x", "a/b"])
def test_ids_that_would_change_the_path_are_refused(
    client: Client, mock_server: MockServer, bad: str
) -> None:
    with pytest.raises(ValueError, match="not a valid id"):
        client.files.get(bad)
    with pytest.raises(ValueError, match="not a valid id"):
        client.compliance.artifacts.download(bad)
    assert mock_server.requests == []


@pytest.mark.parametrize("odd", ["a?b", "#", "%2e%2e", "a b", "é;x"])
def test_other_ids_stay_one_path_segment(client: Client, mock_server: MockServer, odd: str) -> None:
    with pytest.raises(NotFoundError):
        client.files.download(odd)
    request = last(mock_server)
    assert (request.path, request.query) == (f"/v1/files/{odd}/content", {})


def test_bad_configuration_is_refused() -> None:
    with pytest.raises(ValueError, match="api_version"):
        Client(api_version="2020-01-01")
    with pytest.raises(ValueError, match="max_retries"):
        Client(max_retries=-1)
    with pytest.raises(ValueError, match="auth"):
        Client(auth="basic")  # type: ignore[arg-type]


# Retries -------------------------------------------------------------------------------


def test_retry_waits_follow_the_server_then_backoff(
    client: Client, mock_server: MockServer, sleeps: list[float]
) -> None:
    file_id = mock_server.add_file(b"x")["id"]
    mock_server.inject(Fault.status(429, retry_after_ms=250), path="/v1/files/*")
    assert client.files.get(file_id).id == file_id
    assert sleeps == [0.25]
    mock_server.inject(Fault.status(529), path="/v1/files/*", count=2)
    assert client.files.get(file_id).id == file_id
    assert len(sleeps) == 3
    assert 0.0 <= sleeps[1] <= 0.5  # full jitter up to 0.5 s, then 1 s
    assert 0.0 <= sleeps[2] <= 1.0


def test_retry_after_as_an_http_date(
    client: Client, mock_server: MockServer, sleeps: list[float]
) -> None:
    from datetime import UTC, datetime

    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    mock_server.inject(Fault.status(503, retry_after=when), path="/v1/files/*")
    with pytest.raises(NotFoundError):
        client.files.get("file_missing")
    assert 25 <= sleeps[0] <= 30


@pytest.mark.parametrize(
    ("should_retry", "requests", "error"),
    [(True, 2, NotFoundError), (False, 1, InternalServerError)],  # the retry's 404, or the 500
)
def test_x_should_retry_overrides_the_status(
    client: Client,
    mock_server: MockServer,
    should_retry: bool,
    requests: int,
    error: type[Exception],
) -> None:
    status = 400 if should_retry else 500
    mock_server.inject(Fault.status(status, should_retry=should_retry), path="/v1/files/*")
    with pytest.raises(error):
        client.files.get("file_missing")
    assert len(mock_server.requests) == requests


def test_connection_errors_are_typed(mock_server: MockServer, sleeps: list[float]) -> None:
    with Client(**client_kwargs(mock_server, base_url="http://127.0.0.1:9")) as client:
        client._sleep = sleeps.append
        with pytest.raises(APIConnectionError):
            client.files.get("file_x")
    assert len(sleeps) == 2


# Compliance ----------------------------------------------------------------------------


def test_compliance_chat_files(client: Client, mock_server: MockServer) -> None:
    chat = mock_server.add_chat_file(b"chat", filename="c.txt", message_ids=["m1", "m2"])
    meta = client.compliance.files.get(chat["id"])
    assert (meta.filename, meta.message_ids, meta.size_bytes) == ("c.txt", ["m1", "m2"], 4)
    assert client.compliance.files.delete(chat["id"]).id == chat["id"]
    with pytest.raises(NotFoundError):
        client.compliance.files.delete(chat["id"])


def test_compliance_generated_files_and_artifacts(client: Client, mock_server: MockServer) -> None:
    gen = mock_server.add_generated_file(b"gen", filename="g.csv", claude_chat_id="claude_chat_1")
    meta = client.compliance.generated_files.get(gen["id"])
    assert (meta.filename, meta.claude_chat_id) == ("g.csv", "claude_chat_1")
    artifact = mock_server.add_artifact_version(b"# doc")
    with client.compliance.artifacts.download_stream(artifact) as stream:
        assert (b"".join(stream), stream.content_type) == (b"# doc", "text/markdown")


def test_a_shared_http_client_is_used_and_left_open(mock_server: MockServer) -> None:
    with httpx.Client() as http:
        file_id = mock_server.add_file(b"shared")["id"]
        with Client(**client_kwargs(mock_server, http_client=http)) as client:
            assert client.files.download(file_id) == b"shared"
        assert not http.is_closed
    owned = Client(**client_kwargs(mock_server))
    owned.close()
    assert owned._http.is_closed


def test_a_path_upload_streams_from_disk(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(os.urandom(1 << 20) * 32)
    client.files.upload(b"warm", filename="w.bin")
    tracemalloc.start()
    try:
        meta = client.files.upload(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert meta.size_bytes == 32 << 20
    assert peak < 8 << 20  # chunks, never the file


def test_x_should_retry_added_to_a_real_response(client: Client, mock_server: MockServer) -> None:
    mock_server.inject(Fault.header("x-should-retry", "true"), path="/v1/files/*")
    with pytest.raises(NotFoundError):
        client.files.get("file_missing")
    assert [r.status for r in mock_server.requests] == [404, 404]
