"""Whatever a 2xx body holds, the client raises only its documented errors.

A tiny server on 127.0.0.1 answers every request with the body the example chose
(arbitrary JSON, JSON of roughly the right shape with wrong types, or not JSON at
all); `files.get`, `files.list`, `files.delete` and the compliance `get`s must return a
model or raise a `ClaudeFilesError`, never KeyError, TypeError, AttributeError or a
bare ValueError from the parser.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_files import APIResponseValidationError, AsyncClient, ClaudeFilesError, Client
from tests._support import LocalServer


class BodyServer:
    """Serves `body` with status 200 to every request."""

    def __init__(self) -> None:
        self.body = b"{}"
        self.content_type = "application/json"
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # a connection per request: no Nagle stalls

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                body = owner.body
                self.send_response(200)
                self.send_header("content-type", owner.content_type)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_DELETE = do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = LocalServer(Handler)

    @property
    def base_url(self) -> str:
        return self.httpd.url


@pytest.fixture(scope="module")
def body_server() -> Iterator[BodyServer]:
    server = BodyServer()
    with server.httpd:
        yield server


@pytest.fixture(scope="module")
def client(body_server: BodyServer) -> Iterator[Client]:
    with Client(
        api_key="k", compliance_api_key="c", base_url=body_server.base_url, max_retries=0
    ) as client:
        yield client


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)
ANY_VALUE = JSON | st.sampled_from(["2025-01-01T00:00:00Z", "not a date", "", "file", -1, 2**70])

FILE_FIELDS = ["id", "type", "filename", "mime_type", "size_bytes", "created_at", "downloadable"]
LIST_FIELDS = ["data", "next_page", "has_more", "first_id", "last_id"]
CHAT_FIELDS = ["id", "created_at", "filename", "mime_type", "size_bytes", "message_ids", "md5"]


def shaped(fields: list[str]) -> st.SearchStrategy[Any]:
    """Objects with the model's field names and values of any type."""
    return st.dictionaries(st.sampled_from(fields), ANY_VALUE, max_size=len(fields))


def listing() -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries(
        {"data": st.lists(shaped(FILE_FIELDS), max_size=3) | ANY_VALUE},
        optional={"next_page": ANY_VALUE, "has_more": ANY_VALUE},
    )


BODIES = st.one_of(
    JSON.map(lambda v: json.dumps(v).encode()),
    shaped(FILE_FIELDS).map(lambda v: json.dumps(v).encode()),
    shaped(CHAT_FIELDS).map(lambda v: json.dumps(v).encode()),
    listing().map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=64),
    st.sampled_from([b"", b"<html>502</html>", b"{", b"\xff\xfe", b"[]" * 1000, b"1e999999"]),
)


def call(client: Client, operation: str) -> object:
    if operation == "files.get":
        return client.files.get("file_x")
    if operation == "files.list":
        return list(itertools.islice(client.files.list(), 100))
    if operation == "files.delete":
        return client.files.delete("file_x")
    if operation == "compliance.files.get":
        return client.compliance.files.get("claude_file_x")
    return client.compliance.generated_files.get("claude_gen_file_x")


OPERATIONS = [
    "files.get",
    "files.list",
    "files.delete",
    "compliance.files.get",
    "compliance.generated_files.get",
]


@pytest.mark.parametrize("operation", OPERATIONS)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=BODIES)
def test_any_body_gives_a_model_or_a_documented_error(
    body_server: BodyServer, client: Client, operation: str, body: bytes
) -> None:
    body_server.body = body
    with contextlib.suppress(ClaudeFilesError):
        call(client, operation)


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[]", b"\xff", b'{"data": 5}', b"null", b'{"created_at": "x"}'],
)
def test_a_malformed_body_is_a_typed_error(
    body_server: BodyServer, client: Client, body: bytes
) -> None:
    """The documented error for it, caused by what the parser said."""
    body_server.body = body
    for operation in OPERATIONS:
        with pytest.raises(APIResponseValidationError) as caught:
            call(client, operation)
        assert caught.value.__cause__ is not None
        assert "not the documented JSON" in str(caught.value)


def test_async_client_too(body_server: BodyServer) -> None:
    body_server.body = b'{"data": [{"id": 3}], "next_page": null}'

    async def main() -> None:
        async with AsyncClient(api_key="k", base_url=body_server.base_url) as client:
            with pytest.raises(APIResponseValidationError):
                await client.files.get("file_x")
            with pytest.raises(APIResponseValidationError):
                [m async for m in client.files.list()]

    asyncio.run(main())
