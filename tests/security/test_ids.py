"""No id, whatever its characters, changes the request's path, query or host.

An id is either refused before any request (ValueError/TypeError) or sent as exactly
one path segment that decodes back to the id, with no query the caller did not ask for.
Checked two ways: at the client's edge (an httpx MockTransport records the URL exactly
as it would go out, so thousands of ids are cheap), and on the mock server's request
log (what a real server routes on).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claude_files import ClaudeFilesError, Client, NotFoundError
from claude_files.testing import MockServer
from tests._support import client_kwargs

HOSTILE = [
    "../",
    "..",
    ".",
    "%2e%2e",
    "%2E%2E%2F",
    "%2f",
    "/",
    "\\",
    "?",
    "#",
    "&",
    "=",
    "?beta=true",
    "#frag",
    "\x00",
    "%00",
    "\r\n",
    " ",
    ";",
    "@evil.example",
    "//evil.example/",
    "http://evil.example/",
    "é",
    "\u202e",
    "\U0001f4a9",
    "\ufeff",
    "file_",
]

IDS = st.one_of(
    st.text(max_size=64),
    st.lists(st.sampled_from(HOSTILE) | st.text(max_size=4), max_size=8).map("".join),
    st.sampled_from(HOSTILE),
)

#: Each operation: (call, the path with {} for the id).
Operation = tuple[Callable[[Client, str], Any], str]
OPERATIONS: dict[str, Operation] = {
    "files.get": (lambda c, i: c.files.get(i), "/v1/files/{}"),
    "files.delete": (lambda c, i: c.files.delete(i), "/v1/files/{}"),
    "files.download": (lambda c, i: c.files.download(i), "/v1/files/{}/content"),
    "compliance.files.get": (
        lambda c, i: c.compliance.files.get(i),
        "/v1/compliance/apps/chats/files/{}",
    ),
    "compliance.files.download": (
        lambda c, i: c.compliance.files.download(i),
        "/v1/compliance/apps/chats/files/{}/content",
    ),
    "compliance.generated_files.download": (
        lambda c, i: c.compliance.generated_files.download(i),
        "/v1/compliance/apps/chats/generated-files/{}/content",
    ),
    "compliance.artifacts.download": (
        lambda c, i: c.compliance.artifacts.download(i),
        "/v1/compliance/apps/artifacts/{}/content",
    ),
}


class Recorder:
    """An httpx transport that records each request and answers 404."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        body = {"type": "error", "error": {"type": "not_found_error", "message": "no"}}
        return httpx.Response(404, json=body)


@pytest.fixture(scope="module")
def recorded() -> Iterator[tuple[Client, Recorder]]:
    recorder = Recorder()
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = Client(
        api_key="k", compliance_api_key="c", base_url="http://api.test", http_client=http
    )
    yield client, recorder
    http.close()


def attempt(client: Client, call: Callable[[Client, str], Any], item_id: str) -> bool:
    """True when the request went out, False when the id was refused first."""
    try:
        call(client, item_id)
    except (ValueError, TypeError):
        return False
    except ClaudeFilesError:
        pass
    return True


def check_sent(url: httpx.URL, template: str, item_id: str) -> None:
    prefix, suffix = template.split("{}")
    raw = url.raw_path.decode("ascii")
    assert url.host == "api.test"
    assert url.query == b""
    assert "?" not in raw
    assert "#" not in raw
    assert raw.startswith(prefix)
    assert raw.endswith(suffix)
    segment = raw[len(prefix) : len(raw) - len(suffix)]
    assert segment
    assert "/" not in segment
    assert unquote(segment, errors="strict") == item_id
    assert segment not in (".", "..")


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(item_id=IDS)
@example(item_id="a" * 10_240)
@example(item_id="é" * 5_000)
@example(item_id="\ud800")
def test_an_id_stays_one_path_segment(
    recorded: tuple[Client, Recorder], operation: str, item_id: str
) -> None:
    client, recorder = recorded
    call, template = OPERATIONS[operation]
    recorder.requests.clear()
    if not attempt(client, call, item_id):
        assert recorder.requests == []
        return
    assert len(recorder.requests) == 1
    check_sent(recorder.requests[0].url, template, item_id)


@pytest.mark.parametrize("bad", [None, 5, b"file_x", ["file_x"]])
def test_an_id_that_is_not_a_string_is_a_type_error(
    recorded: tuple[Client, Recorder], bad: Any
) -> None:
    client, recorder = recorded
    recorder.requests.clear()
    for call, _ in OPERATIONS.values():
        with pytest.raises(TypeError):
            call(client, bad)
    assert recorder.requests == []


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cursor=IDS, scope=IDS)
def test_a_cursor_stays_one_query_value(
    recorded: tuple[Client, Recorder], cursor: str, scope: str
) -> None:
    client, recorder = recorded
    recorder.requests.clear()
    try:
        list(client.files.list(after_id=cursor, scope_id=scope))
    except (ValueError, TypeError):
        assert recorder.requests == []
        return
    except ClaudeFilesError:
        pass
    assert len(recorder.requests) == 1
    url = recorder.requests[0].url
    assert url.raw_path.split(b"?")[0] == b"/v1/files"
    assert url.host == "api.test"
    params = url.params
    assert params.get_list("after_id") == [cursor]
    assert params.get_list("scope_id") == [scope]
    assert set(params.keys()) <= {"after_id", "scope_id", "limit"}


# On the mock server: the path it routes on -------------------------------------------------


@pytest.fixture
def live(server: MockServer) -> Iterator[Client]:
    with Client(**client_kwargs(server, max_retries=0)) as client:
        yield client


@pytest.mark.parametrize("operation", ["files.get", "files.download", "compliance.files.get"])
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(item_id=IDS)
@example(item_id="%2e%2e")
@example(item_id="..%2f..%2fv1%2ffiles")
@example(item_id="x?beta=true#y")
def test_the_server_sees_the_id_as_one_segment(
    server: MockServer, live: Client, operation: str, item_id: str
) -> None:
    call, template = OPERATIONS[operation]
    server.clear_requests()
    if not attempt(live, call, item_id):
        assert server.requests == []
        return
    (request,) = server.requests
    assert request.path == template.format(item_id)
    assert request.raw_query == ""
    assert request.query == {}


def test_a_10_kb_id_never_reaches_another_path(server: MockServer, live: Client) -> None:
    item_id = "../" * 3413 + "x"  # 10 kB; "/" is refused before sending
    server.clear_requests()
    with pytest.raises(ValueError, match="not a valid id"):
        live.files.download(item_id)
    assert server.requests == []
    item_id = "%2e%2e%2f" * 1138  # 10 kB of encoded traversal: sent as data, one segment
    with pytest.raises(NotFoundError):
        live.files.get(item_id)
    (request,) = server.requests
    assert request.path == f"/v1/files/{item_id}"
    assert request.raw_query == ""
