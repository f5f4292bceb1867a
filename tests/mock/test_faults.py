"""Each fault, as a client really receives it: raw socket bytes where httpx would hide them."""

from __future__ import annotations

import base64
import hashlib
import re
import time

import httpx
import pytest

from claude_files.testing import Fault, MockServer, parse_fault_spec

from ._wire import files_headers, raw_get

BODY = bytes(range(256)) * 64  # 16 KiB


@pytest.fixture
def content_path(mock_server: MockServer) -> str:
    file_id = mock_server.add_file(BODY, filename="blob.bin")["id"]
    return f"/v1/files/{file_id}/content"


def test_status_fault_with_retry_headers_and_count(
    mock_server: MockServer, content_path: str
) -> None:
    rule = mock_server.inject(
        Fault.status(503, retry_after="1", retry_after_ms="1500", should_retry=True),
        path="/v1/files/{id}/content",
        count=2,
    )
    with httpx.Client(base_url=mock_server.base_url, headers=files_headers(mock_server)) as c:
        answers = [c.get(content_path) for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 200]
    first = answers[0]
    assert first.headers["retry-after"] == "1"
    assert first.headers["retry-after-ms"] == "1500"
    assert first.headers["x-should-retry"] == "true"
    envelope = first.json()
    assert envelope["type"] == "error"
    assert envelope["error"]["type"] == "api_error"
    assert envelope["request_id"] == first.headers["request-id"]
    assert answers[2].content == BODY
    assert rule.hits == 2
    assert mock_server.faults == []


def test_status_fault_with_error_code_and_details(mock_server: MockServer) -> None:
    mock_server.inject(
        Fault.status(429, error_code="ramp_limit_exceeded", details={"extra": 1}),
        path="/v1/files",
    )
    answer = httpx.get(mock_server.base_url + "/v1/files", headers=files_headers(mock_server))
    assert answer.status_code == 429
    assert answer.json()["error"] == {
        "type": "rate_limit_error",
        "message": "Injected fault: 429",
        "details": {"extra": 1, "error_code": "ramp_limit_exceeded"},
    }


def test_disconnect_sends_no_byte(mock_server: MockServer, content_path: str) -> None:
    mock_server.inject(Fault.disconnect(), path=content_path)
    raw = raw_get(mock_server, content_path, files_headers(mock_server))
    assert raw.head == b""
    assert raw.body == b""
    mock_server.inject(Fault.disconnect(), path=content_path)
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        httpx.get(mock_server.base_url + content_path, headers=files_headers(mock_server))
    assert mock_server.requests[-1].status is None
    # The server keeps serving afterwards.
    ok = httpx.get(mock_server.base_url + content_path, headers=files_headers(mock_server))
    assert ok.content == BODY


def test_truncate_keeps_full_length_then_closes(mock_server: MockServer, content_path: str) -> None:
    mock_server.inject(Fault.truncate(1000), path=content_path)
    raw = raw_get(mock_server, content_path, files_headers(mock_server))
    assert raw.status == 200
    assert raw.header("content-length") == str(len(BODY))
    assert raw.body == BODY[:1000]
    mock_server.inject(Fault.truncate(10), path=content_path)
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(mock_server.base_url + content_path, headers=files_headers(mock_server))


def test_truncate_at_zero_sends_headers_only(mock_server: MockServer, content_path: str) -> None:
    mock_server.inject(Fault.truncate(0), path=content_path)
    raw = raw_get(mock_server, content_path, files_headers(mock_server))
    assert raw.status == 200
    assert raw.body == b""


def test_wrong_md5(mock_server: MockServer, content_path: str) -> None:
    mock_server.inject(Fault.wrong_md5(), path=content_path)
    answer = httpx.get(mock_server.base_url + content_path, headers=files_headers(mock_server))
    right = base64.b64encode(hashlib.md5(BODY).digest()).decode()
    assert answer.content == BODY
    assert answer.headers["content-md5"] != right
    normal = httpx.get(mock_server.base_url + content_path, headers=files_headers(mock_server))
    assert normal.headers["content-md5"] == right


def test_chunked_has_no_content_length(mock_server: MockServer, content_path: str) -> None:
    mock_server.inject(Fault.chunked(), path=content_path)
    raw = raw_get(mock_server, content_path, files_headers(mock_server))
    assert raw.header("content-length") is None
    assert raw.header("transfer-encoding") == "chunked"
    assert len(re.findall(rb"\r\n[0-9a-f]+\r\n", b"\r\n" + raw.body)) >= 3  # several chunks
    mock_server.inject(Fault.chunked(), path=content_path)
    answer = httpx.get(mock_server.base_url + content_path, headers=files_headers(mock_server))
    assert answer.content == BODY


def test_lying_length_claims_more_then_closes(mock_server: MockServer, content_path: str) -> None:
    mock_server.inject(Fault.lying_length(100), path=content_path)
    raw = raw_get(mock_server, content_path, files_headers(mock_server))
    assert raw.header("content-length") == str(len(BODY) + 100)
    assert raw.body == BODY
    mock_server.inject(Fault.lying_length(1), path=content_path)
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(mock_server.base_url + content_path, headers=files_headers(mock_server))


def test_slow_body(mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"x" * 2000)["id"]
    path = f"/v1/files/{file_id}/content"
    mock_server.inject(Fault.slow(8000), path=path)
    started = time.monotonic()
    answer = httpx.get(mock_server.base_url + path, headers=files_headers(mock_server))
    elapsed = time.monotonic() - started
    assert answer.content == b"x" * 2000
    assert elapsed >= 0.2


def test_non_json_error_page(mock_server: MockServer) -> None:
    mock_server.inject(Fault.non_json(502), path="/v1/files", method="GET")
    answer = httpx.get(mock_server.base_url + "/v1/files", headers=files_headers(mock_server))
    assert answer.status_code == 502
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.text.startswith("<html>")
    assert answer.headers["request-id"].startswith("req_")


def test_header_fault_combines_with_status(mock_server: MockServer) -> None:
    mock_server.inject(Fault.header("x-should-retry", "false"), path="/v1/files")
    mock_server.inject(Fault.status(500), path="/v1/files")
    answer = httpx.get(mock_server.base_url + "/v1/files", headers=files_headers(mock_server))
    assert answer.status_code == 500
    assert answer.headers["x-should-retry"] == "false"


@pytest.mark.parametrize(
    ("pattern", "method", "hit"),
    [
        ("/v1/files/{file_id}/content", None, True),
        ("/v1/files/*/content", "GET", True),
        ("/v1/files/*/content", "DELETE", False),
        ("/v1/**", None, True),
        ("^/v1/files/file_[^/]+/content$", None, True),
        ("/v1/files", None, False),
        (None, None, True),
    ],
)
def test_path_and_method_matching(
    mock_server: MockServer, content_path: str, pattern: str | None, method: str | None, hit: bool
) -> None:
    mock_server.inject(Fault.status(418), path=pattern, method=method)
    answer = httpx.get(mock_server.base_url + content_path, headers=files_headers(mock_server))
    assert (answer.status_code == 418) is hit


def test_unlimited_count(mock_server: MockServer) -> None:
    rule = mock_server.inject(Fault.status(503), path="/v1/files", count=None)
    for _ in range(4):
        answer = httpx.get(mock_server.base_url + "/v1/files", headers=files_headers(mock_server))
        assert answer.status_code == 503
    assert rule.hits == 4
    mock_server.clear_faults()
    ok = httpx.get(mock_server.base_url + "/v1/files", headers=files_headers(mock_server))
    assert ok.status_code == 200


def test_parse_fault_spec() -> None:
    rule = parse_fault_spec("GET /v1/files/*/content=status:503:retry-after=1:count=2")
    assert rule.method == "GET"
    assert rule.remaining == 2
    assert rule.fault == Fault.status(503, retry_after="1")
    assert rule.matches("GET", "/v1/files/file_1/content")
    assert not rule.matches("DELETE", "/v1/files/file_1/content")
    assert parse_fault_spec("/v1/files=disconnect:count=*").remaining is None
    assert parse_fault_spec("/x=truncate:10").fault == Fault.truncate(10)
    assert parse_fault_spec("/x=lying-length:5").fault == Fault.lying_length(5)
    assert parse_fault_spec("/x=slow:100").fault == Fault.slow(100)
    assert parse_fault_spec("/x=wrong-md5").fault == Fault.wrong_md5()
    assert parse_fault_spec("/x=chunked").fault == Fault.chunked()
    assert parse_fault_spec("/x=non-json:502").fault.status_code == 502
    header = parse_fault_spec("* /x=header:x-should-retry:false")
    assert header.method is None
    assert header.fault == Fault.header("x-should-retry", "false")
    should = parse_fault_spec("/x=status:429:should-retry=false:error-code=ramp_limit_exceeded")
    assert should.fault.headers == (("x-should-retry", "false"),)
    assert should.fault.details["error_code"] == "ramp_limit_exceeded"
    for bad in ["/x", "/x=explode", "/x=truncate", "/x=status:200"]:
        with pytest.raises(ValueError):  # noqa: PT011
            parse_fault_spec(bad)
