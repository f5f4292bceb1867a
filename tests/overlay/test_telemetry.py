"""OpenTelemetry: one CLIENT span per API call, against the mock, recorded by the
OpenTelemetry SDK's in-memory exporter; the W3C trace context on every attempt; off by
`ANTHROPIC_OPEN_TELEMETRY=false` and without `opentelemetry` (subprocesses: the global
tracer provider can be set once per process, and these tests leave this one's unset).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from claude_files import APIConnectionError, AsyncClient, Client, NotFoundError
from claude_files._telemetry import OpenTelemetryOptions
from claude_files.testing import Fault, MockServer

from .conftest import client_kwargs

CONTENT = bytes(range(256)) * 1000
FLAVORS = pytest.mark.parametrize("flavor", ["sync", "async"])


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
def provider(exporter: InMemorySpanExporter) -> TracerProvider:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider


def traced_client(server: MockServer, provider: TracerProvider, propagation: bool = True) -> Client:
    tracing: OpenTelemetryOptions = {"tracer_provider": provider, "propagation": propagation}
    client = Client(**client_kwargs(server), open_telemetry=tracing)
    client._sleep = lambda seconds: None
    return client


@pytest.fixture
def traced(mock_server: MockServer, provider: TracerProvider) -> Iterator[Client]:
    with traced_client(mock_server, provider) as client:
        yield client


def request_id(result: Any) -> Any:
    """`result._request_id` (the models' type stubs do not declare it)."""
    return result._request_id


def run_async(server: MockServer, provider: TracerProvider, call: Any) -> Any:
    async def run() -> Any:
        options: OpenTelemetryOptions = {"tracer_provider": provider}
        async with AsyncClient(**client_kwargs(server), open_telemetry=options) as client:
            client._sleep = asyncio.sleep
            return await call(client)

    return asyncio.run(run())


def only(exporter: InMemorySpanExporter) -> ReadableSpan:
    (span,) = exporter.get_finished_spans()
    return span


def attributes(span: ReadableSpan) -> dict[str, Any]:
    return dict(span.attributes or {})


def traceparent(span: ReadableSpan) -> str:
    context = span.get_span_context()
    assert context is not None
    return f"00-{context.trace_id:032x}-{context.span_id:016x}-{context.trace_flags:02x}"


def test_a_call_is_one_client_span_named_as_the_sdk_names_it(
    traced: Client, mock_server: MockServer, exporter: InMemorySpanExporter
) -> None:
    meta = mock_server.add_file(b"x")
    got = traced.files.get(meta["id"])
    span = only(exporter)
    assert span.name == "anthropic.files.retrieve_metadata"
    assert span.kind == SpanKind.CLIENT
    assert span.instrumentation_scope is not None
    assert span.instrumentation_scope.name == "claude_files"
    assert span.status.status_code == StatusCode.OK
    assert attributes(span) == {
        "http.request.method": "GET",
        "http.route": "/v1/files/{file_id}",
        "server.address": "127.0.0.1",
        "server.port": int(mock_server.base_url.rsplit(":", 1)[1]),
        "http.response.status_code": 200,
        "anthropic.request.id": request_id(got),
    }
    (request,) = mock_server.requests
    assert request.headers["traceparent"] == traceparent(span)


def test_a_retried_call_is_one_span_with_its_resend_count(
    traced: Client, mock_server: MockServer, exporter: InMemorySpanExporter
) -> None:
    meta = mock_server.add_file(b"x")
    mock_server.inject(Fault.status(503), path="/v1/files/{id}", count=2)
    traced.files.get(meta["id"])
    span = only(exporter)
    assert attributes(span)["http.request.resend_count"] == 2
    assert attributes(span)["http.response.status_code"] == 200
    assert span.status.status_code == StatusCode.OK
    headers = [r.headers["traceparent"] for r in mock_server.requests]
    assert headers == [traceparent(span)] * 3  # every attempt carries the call's span


def test_an_error_sets_the_status_and_its_type(
    traced: Client, mock_server: MockServer, exporter: InMemorySpanExporter
) -> None:
    with pytest.raises(NotFoundError) as raised:
        traced.files.delete("file_missing")
    span = only(exporter)
    assert span.name == "anthropic.files.delete"
    assert span.status.status_code == StatusCode.ERROR
    assert attributes(span)["error.type"] == "not_found_error"
    assert attributes(span)["http.response.status_code"] == 404
    assert attributes(span)["anthropic.request.id"] == raised.value.request_id
    assert "http.request.resend_count" not in attributes(span)


def test_a_connection_error_after_the_retries(
    traced: Client, mock_server: MockServer, exporter: InMemorySpanExporter
) -> None:
    meta = mock_server.add_file(b"x")
    mock_server.inject(Fault.disconnect(), path="/v1/files/{id}", count=None)
    with pytest.raises(APIConnectionError):
        traced.files.get(meta["id"])
    span = only(exporter)
    assert attributes(span)["error.type"] == "connection_error"
    assert attributes(span)["http.request.resend_count"] == 2
    assert "http.response.status_code" not in attributes(span)


@FLAVORS
@pytest.mark.parametrize("mode", ["bytes", "file", "stream"])
def test_a_download_counts_its_bytes_once_through_a_retry(
    mock_server: MockServer,
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
    tmp_path: Path,
    flavor: str,
    mode: str,
) -> None:
    file_id = mock_server.add_file(CONTENT)["id"]
    mock_server.inject(Fault.truncate(100_000), path="/v1/files/*/content")
    dest = tmp_path / "out.bin"
    if flavor == "sync":
        with traced_client(mock_server, provider) as c:
            if mode == "bytes":
                data = c.files.download(file_id)
            elif mode == "file":
                data = c.files.download_to_file(file_id, dest).read_bytes()
            else:
                with c.files.download_stream(file_id) as stream:
                    data = b"".join(stream)
    else:

        async def call(client: AsyncClient) -> bytes:
            if mode == "bytes":
                return await client.files.download(file_id)
            if mode == "file":
                return (await client.files.download_to_file(file_id, dest)).read_bytes()
            async with client.files.download_stream(file_id) as stream:
                return b"".join([chunk async for chunk in stream])

        data = run_async(mock_server, provider, call)
    assert data == CONTENT
    span = only(exporter)
    assert span.name == "anthropic.files.download"
    assert attributes(span)["http.route"] == "/v1/files/{file_id}/content"
    assert attributes(span)["claude_files.download.bytes"] == len(CONTENT)
    assert attributes(span)["http.request.resend_count"] == 1


@FLAVORS
def test_an_upload_records_its_body_size(
    mock_server: MockServer, provider: TracerProvider, exporter: InMemorySpanExporter, flavor: str
) -> None:
    if flavor == "sync":
        with traced_client(mock_server, provider) as c:
            meta = c.files.upload(CONTENT, filename="u.bin")
    else:

        async def call(client: AsyncClient) -> Any:
            return await client.files.upload(CONTENT, filename="u.bin")

        meta = run_async(mock_server, provider, call)
    span = only(exporter)
    assert span.name == "anthropic.files.upload"
    assert attributes(span)["http.route"] == "/v1/files"
    assert attributes(span)["http.request.method"] == "POST"
    assert attributes(span)["anthropic.request.id"] == request_id(meta)
    assert len(CONTENT) < attributes(span)["http.request.body.size"] < len(CONTENT) + 1000


def test_each_page_is_a_call(
    traced: Client, mock_server: MockServer, exporter: InMemorySpanExporter
) -> None:
    for _ in range(3):
        mock_server.add_file(b"p", scope_id="scope_pages")
    assert len(list(traced.files.list(limit=1, scope_id="scope_pages"))) == 3
    spans = exporter.get_finished_spans()
    assert [s.name for s in spans] == ["anthropic.files.list"] * len(spans)
    assert len(spans) >= 3
    assert {attributes(s)["http.route"] for s in spans} == {"/v1/files"}


def test_compliance_calls_are_named_after_their_resource(
    traced: Client, mock_server: MockServer, exporter: InMemorySpanExporter
) -> None:
    chat = mock_server.add_chat_file(b"c")
    artifact = mock_server.add_code_artifact(b"a", version_ids=["v1"])
    traced.compliance.files.get(chat["id"])
    traced.compliance.files.download(chat["id"])
    traced.compliance.code_artifacts.download(artifact["id"], version_id="v1")
    names = [(s.name, attributes(s)["http.route"]) for s in exporter.get_finished_spans()]
    assert names == [
        ("anthropic.compliance.files.get", "/v1/compliance/apps/chats/files/{claude_file_id}"),
        (
            "anthropic.compliance.files.download",
            "/v1/compliance/apps/chats/files/{claude_file_id}/content",
        ),
        (
            "anthropic.compliance.code_artifacts.download",
            "/v1/compliance/apps/code/artifacts/{artifact_id}/versions/{version_id}",
        ),
    ]


def test_the_span_is_a_child_of_the_applications(
    traced: Client,
    mock_server: MockServer,
    provider: TracerProvider,
    exporter: InMemorySpanExporter,
) -> None:
    meta = mock_server.add_file(b"x")
    with provider.get_tracer("app").start_as_current_span("job") as job:
        traced.files.get(meta["id"])
    ours, app = exporter.get_finished_spans()
    assert app.name == "job"
    assert ours.parent is not None
    assert ours.parent.span_id == job.get_span_context().span_id
    assert ours.context is not None
    assert ours.context.trace_id == job.get_span_context().trace_id


def test_propagation_can_be_switched_off(
    mock_server: MockServer, provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    with traced_client(mock_server, provider, propagation=False) as client:
        client.files.get(mock_server.add_file(b"x")["id"])
    assert only(exporter).name == "anthropic.files.retrieve_metadata"
    assert "traceparent" not in mock_server.requests[0].headers


def test_a_copy_keeps_the_tracing(
    traced: Client, mock_server: MockServer, exporter: InMemorySpanExporter
) -> None:
    traced.copy(max_retries=0).files.get(mock_server.add_file(b"x")["id"])
    assert only(exporter).name == "anthropic.files.retrieve_metadata"
    traced.copy(open_telemetry=False).files.get(mock_server.add_file(b"y")["id"])
    assert len(exporter.get_finished_spans()) == 1


# In a process of its own: the global provider set, the env var, opentelemetry missing.

SCRIPT = """
import json, os, sys
{setup}
from claude_files import Client
with Client(api_key=sys.argv[1], base_url=sys.argv[2]) as client:
    client.files.get(sys.argv[3])
print(json.dumps({{
    "spans": [s.name for s in exporter.get_finished_spans()] if "exporter" in globals() else [],
    "modules": sorted(
        m for m, module in sys.modules.items()
        if module is not None and m.startswith(("opentelemetry", "claude_files._otel"))
    ),
}}))
"""

GLOBAL_PROVIDER = """
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(provider)
"""

BLOCKED = "sys.modules['opentelemetry'] = None"


def in_a_process(
    server: MockServer, setup: str, env: dict[str, str] | None = None
) -> dict[str, Any]:
    file_id = str(server.add_file(b"x")["id"])
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT.format(setup=setup),
            server.api_key,
            server.base_url,
            file_id,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**_environ(), **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    result["traceparent"] = "traceparent" in server.requests[-1].headers
    return result


def _environ() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "OTEL_"))}


def test_the_global_provider_is_used(mock_server: MockServer) -> None:
    result = in_a_process(mock_server, GLOBAL_PROVIDER)
    assert result["spans"] == ["anthropic.files.retrieve_metadata"]
    assert result["traceparent"]
    assert "claude_files._otel" in result["modules"]


def test_off_by_the_environment_variable_imports_nothing(mock_server: MockServer) -> None:
    result = in_a_process(mock_server, GLOBAL_PROVIDER, {"ANTHROPIC_OPEN_TELEMETRY": "false"})
    assert result["spans"] == []
    assert not result["traceparent"]
    assert "claude_files._otel" not in result["modules"]


def test_without_opentelemetry_nothing_is_imported_and_calls_work(
    mock_server: MockServer,
) -> None:
    result = in_a_process(mock_server, BLOCKED)
    assert result["modules"] == []
    assert not result["traceparent"]
    assert mock_server.requests[-1].status == 200


def test_installed_but_not_set_up_sends_no_context(mock_server: MockServer) -> None:
    """OpenTelemetry's default (no SDK): spans that record nothing, so none is made."""
    result = in_a_process(mock_server, "")
    assert result["spans"] == []
    assert not result["traceparent"]
