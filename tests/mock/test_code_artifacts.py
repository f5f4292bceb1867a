"""The mock's code artifacts: list paging and filters, version content, zip content, delete."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from claude_files.testing import Fault, MockServer

from ._wire import compliance_headers, raw_get

BASE = "/v1/compliance/apps/code/artifacts"


@pytest.fixture
def client(mock_server: MockServer) -> httpx.Client:
    return httpx.Client(base_url=mock_server.base_url, headers=compliance_headers(mock_server))


def test_a_single_file_version_is_chunked_with_md5_and_a_filename(
    mock_server: MockServer,
) -> None:
    made = mock_server.add_code_artifact(
        {"page.html": b"<h1>hi</h1>"}, id="cart_abc", version_ids=["v1"]
    )
    assert made["published_version_id"] == "v1"
    raw = raw_get(mock_server, f"{BASE}/cart_abc/versions/v1", compliance_headers(mock_server))
    assert raw.status == 200
    assert raw.header("transfer-encoding") == "chunked"
    assert raw.header("content-length") is None
    assert raw.header("content-disposition") == "attachment; filename*=utf-8''cart_abc-v1.html"
    digest = base64.b64encode(hashlib.md5(b"<h1>hi</h1>").digest()).decode()
    assert raw.header("content-md5") == digest
    assert raw.body.endswith(b"0\r\n\r\n")  # the last chunk: the only end-of-body signal


def test_encoded_content_has_no_md5(client: httpx.Client, mock_server: MockServer) -> None:
    made = mock_server.add_code_artifact(b"x", version_ids=["v1"], identity=False)
    answer = client.get(f"{BASE}/{made['id']}/versions/v1")
    assert answer.content == b"x"
    assert "content-md5" not in answer.headers


def test_several_files_are_a_zip_only_from_content(
    client: httpx.Client, mock_server: MockServer
) -> None:
    files = {"index.html": b"<p>1</p>", "css/site.css": b"p{}"}
    made = mock_server.add_code_artifact(files, version_ids=["v2"])
    version = client.get(f"{BASE}/{made['id']}/versions/v2")
    assert version.status_code == 422
    assert version.json()["error"]["details"]["error_code"] == "multi_file_unavailable"
    plain = client.get(f"{BASE}/{made['id']}/content")
    assert plain.json()["error"]["details"]["error_code"] == "multi_file_unavailable"
    zipped = client.get(f"{BASE}/{made['id']}/content", params={"multi_file_format": "zip"})
    assert zipped.status_code == 200
    assert zipped.headers["content-type"] == "application/zip"
    assert "content-md5" not in zipped.headers
    assert zipped.headers["content-disposition"].endswith(f"{made['id']}-v2.zip")
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        assert {n: archive.read(n) for n in archive.namelist()} == files
    bad = client.get(f"{BASE}/{made['id']}/content", params={"multi_file_format": "tar"})
    assert bad.status_code == 400


def test_unavailable_content_is_503_and_a_lost_file_set_422(
    client: httpx.Client, mock_server: MockServer
) -> None:
    pending = mock_server.add_code_artifact(b"x", version_ids=["v1"], available=False)
    answer = client.get(f"{BASE}/{pending['id']}/versions/v1")
    assert answer.status_code == 503
    assert "retry-after" in answer.headers
    lost = mock_server.add_code_artifact(b"x", file_set_available=False)
    answer = client.get(f"{BASE}/{lost['id']}/content")
    assert answer.status_code == 422
    assert answer.json()["error"]["details"]["error_code"] == "file_set_unavailable"
    mock_server.inject(Fault.status(503), path=f"{BASE}/*/content")
    assert client.get(f"{BASE}/{lost['id']}/content").status_code == 503


def test_list_pages_by_id_and_filters(client: httpx.Client, mock_server: MockServer) -> None:
    then = datetime(2025, 3, 14, 9, 5, tzinfo=UTC)
    ids = sorted(
        mock_server.add_code_artifact(b"x", updated_at=then, owner_user_id=f"user_{i}")["id"]
        for i in range(3)
    )
    legacy = mock_server.add_code_artifact(b"x", updated_at=None, organization_uuid="org-2")
    first = client.get(BASE, params={"limit": 2}).json()
    assert first["has_more"] is True
    assert isinstance(first["next_page"], str)
    rest = client.get(BASE, params={"page": first["next_page"]}).json()
    assert rest["next_page"] is None
    assert rest["has_more"] is False
    assert [a["id"] for a in first["data"] + rest["data"]] == sorted([*ids, legacy["id"]])
    by_user = client.get(BASE, params={"user_ids[]": "user_1"}).json()["data"]
    assert [a["owner_user_id"] for a in by_user] == ["user_1"]
    by_org = client.get(BASE, params={"organization_ids[]": "org-2"}).json()["data"]
    assert [a["id"] for a in by_org] == [legacy["id"]]
    timed = client.get(BASE, params={"updated_at.gte": "2025-03-14T09:05:00Z"}).json()["data"]
    assert sorted(a["id"] for a in timed) == ids  # no updated_at: no time filter matches
    assert client.get(BASE, params={"updated_at.lt": "2025-03-14T09:05:00Z"}).json()["data"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "x"},
        {"page": "not base64!"},
        {"updated_at.gt": "yesterday"},
        {"updated_at.gt": "2025-03-14T09:05:00"},  # no offset
        {"user_ids[]": ""},
        {"organization_ids[]": [f"org_{i}" for i in range(501)]},
    ],
)
def test_list_refuses_bad_parameters(client: httpx.Client, params: dict[str, object]) -> None:
    answer = client.get(BASE, params=params)  # type: ignore[arg-type]
    assert answer.status_code == 400
    assert answer.json()["error"]["type"] == "invalid_request_error"


def test_delete_then_404_everywhere(client: httpx.Client, mock_server: MockServer) -> None:
    made = mock_server.add_code_artifact(b"x", version_ids=["v1"])
    assert client.delete(f"{BASE}/{made['id']}").json() == {
        "id": made["id"],
        "type": "code_artifact_deleted",
    }
    for answer in (
        client.delete(f"{BASE}/{made['id']}"),
        client.get(f"{BASE}/{made['id']}/versions/v1"),
        client.get(f"{BASE}/{made['id']}/content"),
    ):
        assert answer.status_code == 404
    assert client.get(f"{BASE}/cart_x/versions/gone").status_code == 404


def test_undocumented_methods_are_405(client: httpx.Client) -> None:
    assert client.get(f"{BASE}/cart_x").status_code == 405
    assert client.delete(f"{BASE}/cart_x/versions/v1").status_code == 405
    assert client.post(BASE).status_code == 405


def test_the_files_api_key_is_wrong_here(mock_server: MockServer) -> None:
    answer = httpx.get(mock_server.base_url + BASE, headers={"x-api-key": mock_server.api_key})
    assert answer.status_code == 401


def test_seeded_from_a_fixture(tmp_path: Path) -> None:
    fixture = tmp_path / "seed.json"
    fixture.write_text(
        json.dumps(
            {
                "code_artifacts": [
                    {
                        "id": "cart_fixture",
                        "versions": [
                            {"id": "v1", "content": "<p>one</p>"},
                            {"id": "v2", "files": {"a.txt": "A", "b/c.txt": "C"}},
                        ],
                        "updated_at": "2025-03-14T09:05:17Z",
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    with MockServer(fixture=fixture) as server:
        headers = compliance_headers(server)
        with httpx.Client(base_url=server.base_url, headers=headers) as client:
            listed = client.get(BASE).json()["data"]
            assert [v["id"] for v in listed[0]["versions"]] == ["v2", "v1"]  # newest first
            assert listed[0]["published_version_id"] == "v2"
            assert client.get(f"{BASE}/cart_fixture/versions/v1").content == b"<p>one</p>"
            zipped = client.get(f"{BASE}/cart_fixture/content?multi_file_format=zip")
            with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
                assert archive.read("b/c.txt") == b"C"
