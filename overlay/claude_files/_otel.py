"""The spans of API calls (imported only when tracing is on: `claude_files._telemetry`).

One `CLIENT` span per API call, retries inside it, made as the anthropic SDK 2.13 makes
them: named `anthropic.<resource>.<method>` (the SDK's names for the Files API), with
`http.request.method`, `http.route` (the path template of `openapi.yaml`),
`server.address`, `server.port`, `http.response.status_code` (the last response's),
`http.request.resend_count` (retries, when there were any), `anthropic.request.id` and,
when the call fails, the `ERROR` status and `error.type` (the API error's type, else
`client_timeout_error`, `connection_error`, or the error's class). Transfers add the
bytes they moved: `claude_files.download.bytes` (handed to the caller; a resumed or
retried download counts each byte once) and `http.request.body.size` (an upload's
request body). Every attempt carries the span's trace context, written by the
propagator the application set (W3C `traceparent` by default).

A span starts when the call's first request is about to be sent, as a child of the
application's current span.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import httpx
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import Span, SpanKind, Status, StatusCode, Tracer

from claude_files._errors import APIConnectionError, APIStatusError, APITimeoutError
from claude_files._protocol import Event
from claude_files._version import __version__
from claude_files_openapi import api as endpoints

log = logging.getLogger("claude_files")

INSTRUMENTATION_SCOPE = "claude_files"

#: Each operation's span name, keyed by its operationId (the generated module's name): the
#: anthropic SDK's names, not the API's. Every operation of the spec has one
#: (tests/unit/test_telemetry_routes.py checks it); one without is named by its method.
SPAN_NAMES: dict[str, str] = {
    "upload_file": "anthropic.files.upload",
    "list_files": "anthropic.files.list",
    "get_file_metadata": "anthropic.files.retrieve_metadata",
    "delete_file": "anthropic.files.delete",
    "download_file": "anthropic.files.download",
    "get_chat_file": "anthropic.compliance.files.get",
    "delete_chat_file": "anthropic.compliance.files.delete",
    "download_chat_file": "anthropic.compliance.files.download",
    "get_generated_file": "anthropic.compliance.generated_files.get",
    "download_generated_file": "anthropic.compliance.generated_files.download",
    "download_artifact_version": "anthropic.compliance.artifacts.download",
    "list_code_artifacts": "anthropic.compliance.code_artifacts.list",
    "delete_code_artifact": "anthropic.compliance.code_artifacts.delete",
    "get_code_artifact_version": "anthropic.compliance.code_artifacts.download",
    "download_code_artifact": "anthropic.compliance.code_artifacts.download",
    "list_project_attachments": "anthropic.compliance.projects.attachments",
    "get_project_document": "anthropic.compliance.project_documents.get",
    "delete_project_document": "anthropic.compliance.project_documents.delete",
}


def _operations() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for operation_id, method, route in endpoints.OPERATIONS:
        table[(method, route)] = SPAN_NAMES.get(operation_id, method)
    return table


#: (method, path template of openapi.yaml), from the generated package's table of its
#: operations (no endpoint module is imported for it): the span's name.
OPERATIONS: dict[tuple[str, str], str] = _operations()


def _pattern(route: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]+\}", route)
    return re.compile("[^/]+".join(re.escape(part) for part in parts))


_PATTERNS = [(method, _pattern(route), route) for method, route in OPERATIONS]


def route_of(method: str, path: str) -> str | None:
    """The path template a request's path (below the base URL's) is an instance of."""
    for each, pattern, route in _PATTERNS:
        if each == method and pattern.fullmatch(path):
            return route
    return None


def tracer(provider: Any) -> Tracer | None:
    """The client's tracer (from `provider`, else the global one); None when
    OpenTelemetry cannot give one. Never raises."""
    try:
        return trace.get_tracer(INSTRUMENTATION_SCOPE, __version__, tracer_provider=provider)
    except Exception:
        log.debug("no OpenTelemetry tracer: the client makes no spans", exc_info=True)
        return None


class CallTrace:
    """One API call's span, told by the driver what happens: each attempt, each
    response, the bytes handed over, and how the call ended."""

    def __init__(self, tracer: Tracer, propagation: bool, base_url: str) -> None:
        self._tracer = tracer
        self._propagation = propagation
        self._base_path = httpx.URL(base_url).path.rstrip("/")
        self._span: Span | None = None
        self._sent = 0
        self._response: httpx.Response | None = None
        self._body_size: int | None = None
        self._delivered: int | None = None

    def sending(self, request: httpx.Request) -> None:
        """An attempt is about to go out: the first starts the span; each gets its trace
        context."""
        self._sent += 1
        if self._sent == 1:
            self._span = self._start(request)
        if self._span is not None and self._propagation:
            inject = _injector()
            if inject is not None:
                inject(request.headers, trace.set_span_in_context(self._span))
        length = request.headers.get("content-length")
        if length is not None and request.method in ("POST", "PUT", "PATCH"):
            self._body_size = int(length)

    def received(self, response: httpx.Response) -> None:
        self._response = response

    def handed(self, event: Event) -> None:
        """A download's event went to the caller (its bytes count)."""
        if isinstance(event, bytes):
            self._delivered = (self._delivered or 0) + len(event)
        elif self._delivered is None:
            self._delivered = 0

    def end(self, error: BaseException | None) -> None:
        span = self._span
        if span is None:
            return
        try:
            self._record(span, error)
        except Exception:
            log.debug("could not record an API call on its span", exc_info=True)
        span.end()

    def _start(self, request: httpx.Request) -> Span | None:
        path = request.url.path
        if self._base_path and path.startswith(self._base_path):
            path = path[len(self._base_path) :]
        route = route_of(request.method, path)
        name = OPERATIONS[(request.method, route)] if route is not None else request.method
        attributes: dict[str, Any] = {
            "http.request.method": request.method,
            "server.address": request.url.host,
            "server.port": request.url.port or (443 if request.url.scheme == "https" else 80),
        }
        if route is not None:
            attributes["http.route"] = route
        try:
            span = self._tracer.start_span(name, kind=SpanKind.CLIENT, attributes=attributes)
        except Exception:
            log.debug("could not start the span of an API call", exc_info=True)
            return None
        if not span.is_recording() and not span.get_span_context().is_valid:
            return None  # no SDK set up: nothing to record, nothing to propagate
        return span

    def _record(self, span: Span, error: BaseException | None) -> None:
        response = self._response
        if isinstance(error, APIStatusError) and error.response is not None:
            response = error.response
        if response is not None:
            span.set_attribute("http.response.status_code", response.status_code)
            if request_id := response.headers.get("request-id"):
                span.set_attribute("anthropic.request.id", request_id)
        if self._sent > 1:
            span.set_attribute("http.request.resend_count", self._sent - 1)
        if self._body_size is not None:
            span.set_attribute("http.request.body.size", self._body_size)
        if self._delivered is not None:
            span.set_attribute("claude_files.download.bytes", self._delivered)
        if error is None:
            span.set_status(Status(StatusCode.OK))
        elif isinstance(error, Exception):  # not a cancellation, nor an early close
            span.set_status(Status(StatusCode.ERROR))
            span.set_attribute("error.type", error_type(error))


def error_type(error: Exception) -> str:
    """The `error.type` of a failed call: the API error's type (else its status), as the
    SDK gives it; or what went wrong on this side."""
    if isinstance(error, APITimeoutError):
        return "client_timeout_error"
    if isinstance(error, APIConnectionError):
        return "connection_error"
    if isinstance(error, APIStatusError):
        return error.type or str(error.status_code)
    return type(error).__name__


@cache
def _injector() -> Callable[[Any, Context], None] | None:
    """`opentelemetry.propagate.inject`, imported on first use (it loads the propagators
    `OTEL_PROPAGATORS` names, and raises for one not installed); None then."""
    try:
        from opentelemetry.propagate import inject
    except Exception as exc:
        log.warning("no OpenTelemetry propagators, so requests carry no trace context: %s", exc)
        return None
    return inject
