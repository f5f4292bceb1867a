"""The Files API as the mock serves it: auth, versions, paging, uploads, downloads, errors."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from claude_files.testing import MockServer

from ._wire import files_headers


@pytest.fixture
def client(mock_server: MockServer) -> httpx.Client:
    return httpx.Client(base_url=mock_server.base_url, headers=files_headers(mock_server))


def assert_envelope(answer: httpx.Response, status: int, error_type: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    assert body["type"] == "error"
    assert body["error"]["type"] == error_type
    assert isinstance(body["error"]["message"], str)
    assert body["request_id"] == answer.headers["request-id"]
    return body


# Auth and headers -------------------------------------------------------------------------


def test_either_auth_header(mock_server: MockServer) -> None:
    url = mock_server.base_url + "/v1/files"
    version = {"anthropic-version": "2023-06-01"}
    assert httpx.get(url, headers={"x-api-key": mock_server.api_key, **version}).is_success
    bearer = {"authorization": f"Bearer {mock_server.api_key}", **version}
    assert httpx.get(url, headers=bearer).is_success


@pytest.mark.parametrize("key", [None, "sk-ant-wrong", "compliance"])
def test_missing_wrong_or_other_api_key_is_401(mock_server: MockServer, key: str | None) -> None:
    headers = {"anthropic-version": "2026-10-21"}
    if key == "compliance":
        headers["x-api-key"] = mock_server.compliance_api_key
    elif key is not None:
        headers["x-api-key"] = key
    answer = httpx.get(mock_server.base_url + "/v1/files", headers=headers)
    assert_envelope(answer, 401, "authentication_error")


@pytest.mark.parametrize("version", [None, "2024-01-01", ""])
def test_anthropic_version_required_and_checked(
    mock_server: MockServer, version: str | None
) -> None:
    headers = {"x-api-key": mock_server.api_key}
    if version is not None:
        headers["anthropic-version"] = version
    answer = httpx.get(mock_server.base_url + "/v1/files", headers=headers)
    body = assert_envelope(answer, 400, "invalid_request_error")
    assert "anthropic-version" in body["error"]["message"]


def test_request_id_on_every_response(mock_server: MockServer, client: httpx.Client) -> None:
    answers = [
        client.get("/v1/files"),
        client.get("/nowhere"),
        client.put("/v1/files"),
        httpx.get(mock_server.base_url + "/v1/files"),
    ]
    ids = [a.headers["request-id"] for a in answers]
    assert all(i.startswith("req_") and len(i) == len("req_") + 24 for i in ids)
    assert len(set(ids)) == len(ids)
    assert [r.request_id for r in mock_server.requests] == ids


def test_beta_query_and_headers_ignored(client: httpx.Client) -> None:
    answer = client.get(
        "/v1/files",
        params={"beta": "true"},
        headers={"anthropic-beta": "files-api-2025-04-14", "anthropic-workspace-id": "wrkspc_1"},
    )
    assert answer.status_code == 200
    assert_envelope(client.get("/v1/files", params={"beta": "yes"}), 400, "invalid_request_error")


def test_wrong_method_is_405_with_allow(client: httpx.Client) -> None:
    answer = client.put("/v1/files/file_011CNha8iCJcU1wXNR6q4V8w")
    assert_envelope(answer, 405, "invalid_request_error")
    assert answer.headers["allow"] == "GET, DELETE"
    assert client.patch("/v1/files").headers["allow"] == "POST, GET"


@pytest.mark.parametrize(
    "file_id",
    [
        "a%2Fb",
        "%00",
        "%E2%98%83",
        "%FF",
        "%ZZ",
        "x" * 5000,
        "..",
        "file_1%0d%0aX-Injected:%201",
        "%25",
    ],
)
def test_odd_ids_get_a_4xx_envelope(client: httpx.Client, file_id: str) -> None:
    for path in (f"/v1/files/{file_id}", f"/v1/files/{file_id}/content"):
        answer = client.get(path)
        assert 400 <= answer.status_code < 500
        assert answer.json()["type"] == "error"
        assert "x-injected" not in answer.headers


# Upload -----------------------------------------------------------------------------------


def test_upload_stores_and_describes(client: httpx.Client, mock_server: MockServer) -> None:
    mock_server.uploaded_files_downloadable = True  # the test checks `downloadable: true`
    answer = client.post("/v1/files", files={"file": ("../../etc/notes.txt", b"abc", "text/plain")})
    meta = answer.json()
    assert answer.status_code == 200
    assert meta["id"].startswith("file_011C")
    assert len(meta["id"]) == 29
    assert meta["filename"] == "notes.txt"
    assert meta["mime_type"] == "text/plain"
    assert meta["size_bytes"] == 3
    assert meta["downloadable"] is True
    assert meta["expires_at"] is None
    assert meta["created_at"].endswith("Z")
    datetime.fromisoformat(meta["created_at"])
    assert client.get(f"/v1/files/{meta['id']}").json() == meta


@pytest.mark.parametrize(
    ("filename", "mime", "expected"),
    [
        ("", "text/plain", "unnamed.txt"),
        ("C:\\Users\\me\\report.pdf", "application/pdf", "report.pdf"),
        ("dir/", "application/pdf", "unnamed.pdf"),
    ],
)
def test_upload_filename_rules(
    client: httpx.Client, filename: str, mime: str, expected: str
) -> None:
    meta = client.post("/v1/files", files={"file": (filename, b"x", mime)}).json()
    assert meta["filename"] == expected


@pytest.mark.parametrize("seconds", ["3599", "7776001", "1.5", "abc", "-3600"])
def test_expires_in_seconds_out_of_range(client: httpx.Client, seconds: str) -> None:
    answer = client.post(
        "/v1/files", files={"file": ("a.txt", b"x")}, data={"expires_in_seconds": seconds}
    )
    assert_envelope(answer, 400, "invalid_request_error")
    assert client.get("/v1/files").json()["data"] == []


def test_malformed_multipart_and_missing_file(client: httpx.Client) -> None:
    bad = client.post(
        "/v1/files",
        content=b"--b\r\nContent-Disposition: form-data; name=file\r\n\r\nunterminated",
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    assert_envelope(bad, 400, "invalid_request_error")
    no_file = client.post("/v1/files", files={"other": ("a.txt", b"x")})
    body = assert_envelope(no_file, 400, "invalid_request_error")
    assert "file" in body["error"]["message"]
    not_multipart = client.post("/v1/files", json={"file": "x"})
    assert_envelope(not_multipart, 400, "invalid_request_error")
    no_boundary = client.post(
        "/v1/files", content=b"x", headers={"content-type": "multipart/form-data"}
    )
    assert_envelope(no_boundary, 400, "invalid_request_error")


def test_upload_over_the_cap_is_413_after_reading_the_body(
    client: httpx.Client, mock_server: MockServer
) -> None:
    mock_server.max_upload_bytes = 1_000_000

    def chunks() -> Any:
        yield b"--cap\r\nContent-Disposition: form-data; name=file; filename=big.bin\r\n\r\n"
        for _ in range(40):
            yield b"z" * 65536
        yield b"\r\n--cap--\r\n"

    answer = client.post(
        "/v1/files",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=cap"},
    )
    assert_envelope(answer, 413, "request_too_large")
    exact = client.post("/v1/files", files={"file": ("ok.bin", b"y" * 1_000_000)})
    assert exact.status_code == 200
    assert exact.json()["size_bytes"] == 1_000_000


def test_storage_quota(client: httpx.Client, mock_server: MockServer) -> None:
    mock_server.storage_quota_bytes = 5
    assert client.post("/v1/files", files={"file": ("a", b"12345")}).status_code == 200
    over = client.post("/v1/files", files={"file": ("b", b"6")})
    body = assert_envelope(over, 400, "invalid_request_error")
    assert body["error"]["details"]["error_code"] == "storage_quota_exceeded"


# Download ---------------------------------------------------------------------------------


def test_download_headers(client: httpx.Client, mock_server: MockServer) -> None:
    data = b"\x00\x01binary\xff"
    file_id = mock_server.add_file(
        data, filename='r\u00e9sum\u00e9 "q".pdf', mime_type="application/pdf"
    )["id"]
    answer = client.get(f"/v1/files/{file_id}/content", headers={"accept": "application/binary"})
    assert answer.status_code == 200
    assert answer.content == data
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-length"] == str(len(data))
    assert answer.headers["content-md5"] == base64.b64encode(hashlib.md5(data).digest()).decode()
    assert answer.headers["content-disposition"] == (
        'attachment; filename="r_sum_ \\"q\\".pdf"; '
        "filename*=utf-8''r%C3%A9sum%C3%A9%20%22q%22.pdf"
    )


def test_uploads_are_not_downloadable_by_default(
    client: httpx.Client, mock_server: MockServer
) -> None:
    assert mock_server.uploaded_files_downloadable is False
    meta = client.post("/v1/files", files={"file": ("u.txt", b"x")}).json()
    assert meta["downloadable"] is False
    body = assert_envelope(
        client.get(f"/v1/files/{meta['id']}/content"), 400, "invalid_request_error"
    )
    assert body["error"]["details"] == {"error_code": "file_not_downloadable"}
    seeded = mock_server.add_file(b"made by a tool")  # seeded files stand for tool output
    assert seeded["downloadable"] is True
    assert client.get(f"/v1/files/{seeded['id']}/content").content == b"made by a tool"


def test_not_downloadable_switch(client: httpx.Client, mock_server: MockServer) -> None:
    mock_server.uploaded_files_downloadable = False
    meta = client.post("/v1/files", files={"file": ("u.txt", b"x")}).json()
    assert meta["downloadable"] is False
    body = assert_envelope(
        client.get(f"/v1/files/{meta['id']}/content"), 400, "invalid_request_error"
    )
    assert body["error"]["details"] == {"error_code": "file_not_downloadable"}


def test_expiry_with_injected_clock(client: httpx.Client, mock_server: MockServer) -> None:
    mock_server.uploaded_files_downloadable = True  # it downloads its upload (the real API refuses)
    mock_server.now = datetime(2026, 1, 1, tzinfo=UTC)
    meta = client.post(
        "/v1/files", files={"file": ("e.txt", b"x")}, data={"expires_in_seconds": "3600"}
    ).json()
    assert meta["created_at"] == "2026-01-01T00:00:00.000000Z"
    assert meta["expires_at"] == "2026-01-01T01:00:00.000000Z"
    mock_server.advance(timedelta(minutes=59))
    assert client.get(f"/v1/files/{meta['id']}/content").status_code == 200
    mock_server.advance(60)
    body = assert_envelope(client.get(f"/v1/files/{meta['id']}/content"), 404, "not_found_error")
    assert body["error"]["details"]["error_code"] == "file_expired"
    assert client.get(f"/v1/files/{meta['id']}").status_code == 200


def test_organization_on_hold(client: httpx.Client, mock_server: MockServer) -> None:
    mock_server.organization_on_hold = True
    body = assert_envelope(client.get("/v1/files"), 400, "invalid_request_error")
    assert body["error"]["details"] == {
        "error_code": "organization_on_hold",
        "appeal_url": mock_server.appeal_url,
    }


def test_delete_then_404(client: httpx.Client, mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"x")["id"]
    assert client.delete(f"/v1/files/{file_id}").json() == {"id": file_id, "type": "file_deleted"}
    for answer in (
        client.get(f"/v1/files/{file_id}"),
        client.get(f"/v1/files/{file_id}/content"),
        client.delete(f"/v1/files/{file_id}"),
    ):
        assert_envelope(answer, 404, "not_found_error")


# Listing ----------------------------------------------------------------------------------


@pytest.fixture
def five(mock_server: MockServer) -> list[str]:
    """Five files, returned newest first."""
    return [mock_server.add_file(b"%d" % i)["id"] for i in range(5)][::-1]


def test_next_page_paging(client: httpx.Client, five: list[str]) -> None:
    seen: list[str] = []
    page: dict[str, Any] = client.get("/v1/files", params={"limit": 2}).json()
    while True:
        seen += [f["id"] for f in page["data"]]
        if page["next_page"] is None:
            break
        assert page["next_page"].startswith("page_")
        page = client.get("/v1/files", params={"page": page["next_page"]}).json()
    assert seen == five  # the default limit (20) on later pages covers the rest


def test_after_and_before_id_paging(client: httpx.Client, five: list[str]) -> None:
    first = client.get("/v1/files", params={"limit": 2}).json()
    assert first["first_id"] == five[0]
    assert first["last_id"] == five[1]
    assert first["has_more"] is True
    second = client.get("/v1/files", params={"limit": 2, "after_id": first["last_id"]}).json()
    assert [f["id"] for f in second["data"]] == five[2:4]
    last = client.get("/v1/files", params={"limit": 2, "after_id": five[3]}).json()
    assert [f["id"] for f in last["data"]] == [five[4]]
    assert last["has_more"] is False
    assert last["next_page"] is None
    back = client.get("/v1/files", params={"limit": 2, "before_id": five[4]}).json()
    assert [f["id"] for f in back["data"]] == five[2:4]
    assert back["has_more"] is True
    top = client.get("/v1/files", params={"limit": 2, "before_id": five[2]}).json()
    assert [f["id"] for f in top["data"]] == five[0:2]
    assert top["has_more"] is False


def test_cursor_survives_delete(client: httpx.Client, five: list[str]) -> None:
    first = client.get("/v1/files", params={"limit": 2}).json()
    client.delete(f"/v1/files/{five[1]}")
    rest = client.get("/v1/files", params={"page": first["next_page"]}).json()
    assert [f["id"] for f in rest["data"]] == five[2:]


def test_empty_list(client: httpx.Client) -> None:
    page = client.get("/v1/files").json()
    assert page == {
        "data": [],
        "next_page": None,
        "has_more": False,
        "first_id": None,
        "last_id": None,
    }


@pytest.mark.parametrize(
    ("shape", "present", "absent"),
    [
        ("next_page", {"data", "next_page"}, {"has_more", "first_id", "last_id"}),
        ("has_more", {"data", "has_more", "first_id", "last_id"}, {"next_page"}),
    ],
)
def test_list_shape_switch(
    client: httpx.Client,
    mock_server: MockServer,
    five: list[str],
    shape: Any,
    present: set[str],
    absent: set[str],
) -> None:
    mock_server.list_shape = shape
    page = client.get("/v1/files", params={"limit": 2}).json()
    assert present <= set(page)
    assert not absent & set(page)


def test_ids_filter(client: httpx.Client, five: list[str]) -> None:
    client.delete(f"/v1/files/{five[0]}")
    answer = client.get(
        "/v1/files", params=[("ids[]", five[3]), ("ids[]", five[0]), ("ids[]", "file_nope")]
    )
    page = answer.json()
    assert [f["id"] for f in page["data"]] == [five[3]]
    assert page["next_page"] is None
    assert page["has_more"] is False


@pytest.mark.parametrize(
    "params",
    [
        [("ids[]", "a"), ("limit", "5")],
        [("ids[]", "a"), ("page", "page_x")],
        [("ids[]", f"file_{i}") for i in range(101)],
        [("limit", "0")],
        [("limit", "1001")],
        [("limit", "ten")],
        [("limit", "1"), ("limit", "2")],
        [("page", "not-a-cursor")],
        [("page", "page_Zm9v")],
        [("after_id", "file_unknown")],
        [("after_id", "x"), ("before_id", "y")],
    ],
)
def test_list_rejects(client: httpx.Client, params: list[tuple[str, str]]) -> None:
    answer = client.get("/v1/files", params=tuple(params))
    assert_envelope(answer, 400, "invalid_request_error")


def test_limit_bounds_accepted(client: httpx.Client, five: list[str]) -> None:
    assert len(client.get("/v1/files", params={"limit": 1}).json()["data"]) == 1
    assert len(client.get("/v1/files", params={"limit": 1000}).json()["data"]) == 5


def test_delete_during_download_keeps_the_body_whole(
    client: httpx.Client, mock_server: MockServer
) -> None:
    """A delete racing a download must not cut the body its headers announced."""
    from claude_files.testing import Fault

    data = b"d" * 300_000
    file_id = mock_server.add_file(data)["id"]
    mock_server.inject(Fault.slow(1_000_000), path=f"/v1/files/{file_id}/content")
    with client.stream("GET", f"/v1/files/{file_id}/content") as streaming:
        chunks = streaming.iter_raw(1000)
        first = next(chunks)
        assert client.delete(f"/v1/files/{file_id}").status_code == 200
        rest = b"".join(chunks)
    assert first + rest == data


def test_upload_field_rules(client: httpx.Client) -> None:
    """A repeated `expires_in_seconds` is refused; unknown parts are ignored."""
    repeated = client.post(
        "/v1/files",
        files=[
            ("file", ("a.txt", b"x")),
            ("expires_in_seconds", (None, b"3600")),
            ("expires_in_seconds", (None, b"7200")),
        ],
    )
    assert_envelope(repeated, 400, "invalid_request_error")
    extra = client.post(
        "/v1/files",
        files=[("file", ("a.txt", b"x")), ("purpose", (None, b"x" * 5000)), ("", (None, b"1"))],
    )
    assert extra.status_code == 200
