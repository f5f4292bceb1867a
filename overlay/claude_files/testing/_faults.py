"""Fault injection: what can go wrong on the wire, scripted per path and per count.

A `Fault` says what happens; `MockServer.inject()` says where (method and path) and how
many times. Each rule is used `count` times and then gone (`count=None`: forever).

Faults that replace the response (`status`, `non_json`, `disconnect`) win over the
request's own handling; the others (`truncate`, `wrong_md5`, `chunked`,
`lying_length`, `slow`, `header`) change how the real response goes on the wire. A
request takes every rule that matches it, so `header` and `status` combine.

Command-line syntax (`python -m claude_files.testing --fault SPEC`, repeatable)::

    SPEC    := [METHOD ' '] PATH '=' KIND [':' ARG]... [':count=' (N | '*')]
    METHOD  := GET | POST | DELETE | ... | '*'        (omitted or '*': any method)
    PATH    := a path with '*' for one segment, '**' for any rest, '{name}' for one
               segment; or a regular expression starting with '^'

    status:CODE[:retry-after=S][:retry-after-ms=MS][:error-type=T][:error-code=C]
               [:should-retry=true|false][:envelope=bare|full][:message=TEXT]
                          (TEXT holds no ':')
                          envelope: the error body's shape (default: the path's own,
                          bare on /v1/compliance unless the server sends full there)
    disconnect            the connection closes before any response byte
    truncate:N            the body stops after N bytes, Content-Length stays full
    wrong-md5             Content-MD5 that does not match the body
    chunked               no Content-Length; Transfer-Encoding: chunked
    lying-length:DELTA    Content-Length claims DELTA bytes more than the body
    slow:BPS              the body at BPS bytes per second
    non-json:STATUS       a CDN's HTML error page (text/html)
    header:NAME:VALUE     one more response header, e.g. header:x-should-retry:false

Examples::

    --fault 'GET /v1/files/*/content=status:503:retry-after=1:count=2'
    --fault '/v1/files=non-json:502'
    --fault 'GET ^/v1/compliance/.*/content$=truncate:100:count=*'
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

FaultKind = Literal[
    "status",
    "disconnect",
    "truncate",
    "wrong_md5",
    "chunked",
    "lying_length",
    "slow",
    "non_json",
    "header",
]

DEFAULT_HTML = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
    "<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)

ErrorEnvelope = Literal["bare", "full"]
"""An error body's shape: the Compliance API's `{"error": {...}}`, or the Files API's
`{"type": "error", "error": {...}, "request_id": ...}`."""
ENVELOPES: tuple[ErrorEnvelope, ...] = ("bare", "full")

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    408: "timeout_error",
    409: "conflict_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    504: "timeout_error",
    529: "overloaded_error",
}


COMPLIANCE_PREFIX = "/v1/compliance"
"""Where the Compliance API's paths start; the others are the Files API's."""


def error_type_for(status: int, path: str = "") -> str:
    """The `error.type` the API at `path` uses for a status (other 4xx:
    invalid_request_error). A 500 is `api_error` on the Files API and `internal_error`
    on the Compliance API (its reference's revision J)."""
    if status == 500 and path.startswith(COMPLIANCE_PREFIX):
        return "internal_error"
    if status in _ERROR_TYPES:
        return _ERROR_TYPES[status]
    return "api_error" if status >= 500 else "invalid_request_error"


@dataclass(frozen=True)
class Fault:
    """One thing that goes wrong. Build it with the class methods, not the constructor."""

    kind: FaultKind
    status_code: int | None = None
    headers: tuple[tuple[str, str], ...] = ()
    error_type: str | None = None
    """For `status`: `error.type`; None: the one the path's API uses (`error_type_for`)."""
    error_code: str | None = None
    details: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    body: str | None = None
    """For `non_json`: the page; for `status`: `error.message` (None: the default)."""
    after_bytes: int | None = None
    delta: int | None = None
    bytes_per_second: float | None = None
    envelope: ErrorEnvelope | None = None
    """For `status`: the body's shape; None: the one the path sends its own errors in."""

    @classmethod
    def status(
        cls,
        code: int,
        retry_after: str | int | None = None,
        retry_after_ms: str | int | None = None,
        error_type: str | None = None,
        error_code: str | None = None,
        should_retry: bool | None = None,
        details: Mapping[str, Any] | None = None,
        envelope: ErrorEnvelope | None = None,
        message: str | None = None,
    ) -> Fault:
        """An error response in the envelope, e.g. `Fault.status(429, retry_after="2")`.

        `error_code` (and any other `details`, such as `appeal_url`) go into
        `error.details`; `should_retry` sets `x-should-retry`; `error_type` is
        `error.type` (None: the path's own, so a 500 is `api_error` on the Files API
        and `internal_error` on the Compliance API); `envelope` "bare" or
        "full" picks the body's shape (None: the path's own); `message` is
        `error.message` (default `Injected fault: CODE`).
        """
        if not 400 <= code <= 599:
            raise ValueError(f"status fault needs a 4xx or 5xx code, not {code}")
        if envelope is not None and envelope not in ENVELOPES:
            raise ValueError(f"envelope must be 'bare' or 'full', not {envelope!r}")
        headers: list[tuple[str, str]] = []
        if retry_after is not None:
            headers.append(("retry-after", str(retry_after)))
        if retry_after_ms is not None:
            headers.append(("retry-after-ms", str(retry_after_ms)))
        if should_retry is not None:
            headers.append(("x-should-retry", "true" if should_retry else "false"))
        merged = dict(details or {})
        if error_code is not None:
            merged["error_code"] = error_code
        return cls(
            kind="status",
            status_code=code,
            headers=tuple(headers),
            error_type=error_type,
            error_code=error_code,
            details=MappingProxyType(merged),
            envelope=envelope,
            body=message,
        )

    @classmethod
    def disconnect(cls) -> Fault:
        """The connection closes before any response byte is sent."""
        return cls(kind="disconnect")

    @classmethod
    def truncate(cls, after_bytes: int) -> Fault:
        """The body stops after `after_bytes`; `Content-Length` still says the full size."""
        if after_bytes < 0:
            raise ValueError("after_bytes must be >= 0")
        return cls(kind="truncate", after_bytes=after_bytes)

    @classmethod
    def wrong_md5(cls) -> Fault:
        """A `Content-MD5` header that does not match the body."""
        return cls(kind="wrong_md5")

    @classmethod
    def chunked(cls) -> Fault:
        """No `Content-Length`: the body goes out with `Transfer-Encoding: chunked`."""
        return cls(kind="chunked")

    @classmethod
    def lying_length(cls, delta: int) -> Fault:
        """`Content-Length` claims `delta` bytes more than the body; then the connection closes."""
        if delta <= 0:
            raise ValueError("delta must be > 0")
        return cls(kind="lying_length", delta=delta)

    @classmethod
    def slow(cls, bytes_per_second: float) -> Fault:
        """The body trickles out at `bytes_per_second`."""
        if bytes_per_second <= 0:
            raise ValueError("bytes_per_second must be > 0")
        return cls(kind="slow", bytes_per_second=bytes_per_second)

    @classmethod
    def non_json(cls, status: int, body: str = DEFAULT_HTML) -> Fault:
        """A non-JSON error page (`text/html`), as a CDN in front of the API sends."""
        return cls(kind="non_json", status_code=status, body=body)

    @classmethod
    def header(cls, name: str, value: str) -> Fault:
        """One more header on the response, e.g. `Fault.header("x-should-retry", "false")`."""
        return cls(kind="header", headers=((name.lower(), value),))

    @property
    def replaces_response(self) -> bool:
        return self.kind in ("status", "non_json", "disconnect")


PathPattern = str | re.Pattern[str] | None


def compile_path(pattern: PathPattern) -> Callable[[str], bool]:
    """A predicate for a path pattern: None (any), a regex, or a template/glob.

    Templates and globs match the whole path: `{name}` and `*` stand for one segment,
    `**` for anything. Regular expressions (compiled, or strings starting with `^`) are
    searched, so anchor them yourself.
    """
    if pattern is None:
        return lambda _path: True
    if isinstance(pattern, re.Pattern):
        compiled = pattern
        return lambda path: compiled.search(path) is not None
    if pattern.startswith("^"):
        regex = re.compile(pattern)
        return lambda path: regex.search(path) is not None
    parts: list[str] = []
    for token in re.split(r"(\{[^/}]*\}|\*\*|\*)", pattern):
        if token == "**":
            parts.append(".*")
        elif token == "*" or (token.startswith("{") and token.endswith("}")):
            parts.append("[^/]+")
        else:
            parts.append(re.escape(token))
    template = re.compile("".join(parts))
    return lambda path: template.fullmatch(path) is not None


@dataclass
class FaultRule:
    """A fault bound to a method and path, with the uses it has left (None: unlimited)."""

    fault: Fault
    method: str | None
    path: PathPattern
    remaining: int | None
    hits: int = 0
    _matches: Callable[[str], bool] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._matches = compile_path(self.path)
        if self.method is not None:
            self.method = self.method.upper()

    def matches(self, method: str, path: str) -> bool:
        if self.method not in (None, "*") and self.method != method.upper():
            return False
        return self._matches(path)

    @property
    def exhausted(self) -> bool:
        return self.remaining is not None and self.remaining <= 0


class FaultPlan:
    """The active rules, shared by the test thread (adds) and the server thread (takes)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []

    def add(self, rule: FaultRule) -> FaultRule:
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    @property
    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def take(self, method: str, path: str) -> list[Fault]:
        """The faults for this request, each rule's count decremented; spent rules leave."""
        taken: list[Fault] = []
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path):
                    taken.append(rule.fault)
                    rule.hits += 1
                    if rule.remaining is not None:
                        rule.remaining -= 1
            self._rules = [rule for rule in self._rules if not rule.exhausted]
        return taken


_OPTION_KEYS = (
    "count",
    "retry-after",
    "retry-after-ms",
    "error-type",
    "error-code",
    "should-retry",
    "body",
    "envelope",
    "message",
)


def parse_fault_spec(spec: str) -> FaultRule:
    """Parse the command-line syntax described in this module's docstring."""
    target, sep, action = spec.partition("=")
    if not sep or not action:
        raise ValueError(f"fault {spec!r}: expected [METHOD ] PATH=KIND[:ARGS]")
    target = target.strip()
    method: str | None = None
    if " " in target:
        method, target = target.split(None, 1)
        method = None if method == "*" else method.upper()
    path: PathPattern = target or None
    pieces = action.split(":")
    kind, args = pieces[0].strip().lower().replace("_", "-"), pieces[1:]
    count: int | None = 1
    options: dict[str, str] = {}
    positional: list[str] = []
    for arg in args:
        key, eq, value = arg.partition("=")
        if eq and key in _OPTION_KEYS:
            options[key] = value
        else:
            positional.append(arg)
    if "count" in options:
        count = None if options["count"] in ("*", "inf") else int(options["count"])
    fault = _build_fault(kind, positional, options, spec)
    return FaultRule(fault=fault, method=method, path=path, remaining=count)


def _build_fault(kind: str, positional: list[str], options: dict[str, str], spec: str) -> Fault:
    def need(n: int) -> list[str]:
        if len(positional) < n:
            raise ValueError(f"fault {spec!r}: {kind} needs {n} argument(s)")
        return positional

    if kind == "status":
        should = options.get("should-retry")
        return Fault.status(
            int(need(1)[0]),
            retry_after=options.get("retry-after"),
            retry_after_ms=options.get("retry-after-ms"),
            error_type=options.get("error-type"),
            error_code=options.get("error-code"),
            should_retry=None if should is None else should.lower() == "true",
            envelope=_envelope_option(options.get("envelope"), spec),
            message=options.get("message"),
        )
    if kind == "disconnect":
        return Fault.disconnect()
    if kind == "truncate":
        return Fault.truncate(int(need(1)[0]))
    if kind == "wrong-md5":
        return Fault.wrong_md5()
    if kind == "chunked":
        return Fault.chunked()
    if kind == "lying-length":
        return Fault.lying_length(int(need(1)[0]))
    if kind == "slow":
        return Fault.slow(float(need(1)[0]))
    if kind == "non-json":
        status = int(need(1)[0])
        return Fault.non_json(status, options.get("body", DEFAULT_HTML))
    if kind == "header":
        name, *value = need(2)
        return Fault.header(name, ":".join(value))
    raise ValueError(f"fault {spec!r}: unknown kind {kind!r}")


def _envelope_option(value: str | None, spec: str) -> ErrorEnvelope | None:
    for envelope in ENVELOPES:
        if value == envelope:
            return envelope
    if value is None:
        return None
    raise ValueError(f"fault {spec!r}: envelope must be 'bare' or 'full', not {value!r}")
