"""The outermost ASGI layer: request ids, the request log, and faults on the wire.

Some faults cannot be expressed in ASGI messages: closing the connection before any
response byte, or after part of a body whose `Content-Length` promised more. An ASGI
app that raises before responding gets a `500` from uvicorn, not a dropped connection.
So this layer reaches the connection's transport through the `send` callable uvicorn
hands it (`send.__self__.transport`, uvicorn's `RequestResponseCycle`; the mock pins
uvicorn and runs its `h11` protocol) and closes it itself, then waits for uvicorn to
notice the disconnect so it neither logs an error nor writes anything more.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claude_files.testing._faults import ErrorEnvelope, Fault, FaultPlan, error_type_for
from claude_files.testing._store import new_request_id

REQUEST_ID_KEY = "claude_files.request_id"
"""Where the request's id sits in the ASGI scope, for the app's error bodies."""

_WRONG_MD5 = base64.b64encode(hashlib.md5(b"not the body").digest()).decode("ascii")
_DISCONNECT_WAIT_SECONDS = 5.0


@dataclass
class RecordedRequest:
    """One request as the mock saw it, for assertions in tests."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    request_id: str
    raw_query: str = ""
    status: int | None = None
    """The status sent, None while in flight or when the connection was dropped."""
    faults: list[str] = field(default_factory=list)
    """The kinds of the faults applied to this request."""
    received_at: float = 0.0
    """When it arrived (`time.time()`): for request rates."""


class RequestLog:
    """The requests seen, in arrival order; appended from the server thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[RecordedRequest] = []

    def append(self, item: RecordedRequest) -> None:
        with self._lock:
            self._items.append(item)

    def snapshot(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class _Transport(Protocol):
    def close(self) -> None: ...


class _Cut(Exception):
    """Raised through the app when a fault has sent all the bytes it will send."""


def _transport_of(send: Send) -> _Transport:
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is None or not callable(getattr(transport, "close", None)):
        raise RuntimeError(
            "claude_files.testing cannot reach the connection: connection-level faults "
            "need uvicorn's h11 protocol (the MockServer's own configuration)"
        )
    return transport  # type: ignore[no-any-return]


def _contains_cut(exc: BaseException) -> bool:
    if isinstance(exc, _Cut):
        return True
    if isinstance(exc, BaseExceptionGroup):
        return exc.subgroup(_Cut) is not None
    return False


class EdgeMiddleware:
    """Assigns the request id, records the request, and applies injected faults."""

    def __init__(
        self,
        app: ASGIApp,
        plan: FaultPlan,
        log: RequestLog,
        envelope_for: Callable[[str], ErrorEnvelope] = lambda path: "full",
    ) -> None:
        self.app = app
        self.plan = plan
        self.log = log
        self.envelope_for = envelope_for
        """The error shape a path sends, for `status` faults that do not choose one."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = new_request_id()
        scope[REQUEST_ID_KEY] = request_id
        raw_query = scope.get("query_string", b"").decode("latin-1")
        headers: dict[str, str] = {}
        for key, value in scope.get("headers", []):
            name = key.decode("latin-1").lower()
            text = value.decode("latin-1")
            headers[name] = f"{headers[name]}, {text}" if name in headers else text
        record = RecordedRequest(
            method=scope["method"],
            path=scope["path"],
            query=parse_qs(raw_query, keep_blank_values=True),
            headers=headers,
            request_id=request_id,
            raw_query=raw_query,
            received_at=time.time(),
        )
        self.log.append(record)
        faults = self.plan.take(scope["method"], scope["path"])
        record.faults = [fault.kind for fault in faults]

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(raw=list(message.get("headers", [])))
                if "request-id" not in out:
                    out["request-id"] = request_id
                record.status = message["status"]
                message = {**message, "headers": out.raw}
            await send(message)

        wire = _WireSender(send_with_id, [f for f in faults if not f.replaces_response])
        replacing = next((f for f in faults if f.replaces_response), None)
        try:
            if replacing is None:
                await self.app(scope, receive, wire)
            elif replacing.kind == "disconnect":
                raise _Cut
            else:
                await _drain_request(receive)
                envelope = replacing.envelope or self.envelope_for(scope["path"])
                await _send_fault_response(replacing, request_id, wire, envelope, scope["path"])
        except BaseException as exc:
            if not _contains_cut(exc):
                raise
            record.status = None
            _transport_of(send).close()
            await _wait_for_disconnect(receive)


async def _drain_request(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


async def _wait_for_disconnect(receive: Receive) -> None:
    async def wait() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass

    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(wait(), _DISCONNECT_WAIT_SECONDS)


async def _send_fault_response(
    fault: Fault, request_id: str, send: Send, envelope: ErrorEnvelope, path: str
) -> None:
    assert fault.status_code is not None
    if fault.kind == "non_json":
        body = (fault.body or "").encode("utf-8")
        content_type = b"text/html; charset=utf-8"
    else:
        error: dict[str, Any] = {
            "type": fault.error_type or error_type_for(fault.status_code, path),
            "message": fault.body or f"Injected fault: {fault.status_code}",
        }
        if fault.details:
            error["details"] = dict(fault.details)
        content: dict[str, Any] = {"error": error}
        if envelope == "full":
            content = {"type": "error", **content, "request_id": request_id}
        body = json.dumps(content).encode("utf-8")
        content_type = b"application/json"
    headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode("ascii")),
        *((name.encode("latin-1"), value.encode("latin-1")) for name, value in fault.headers),
    ]
    await send({"type": "http.response.start", "status": fault.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


class _WireSender:
    """Wraps `send` to apply the faults that alter a real response on its way out."""

    def __init__(self, send: Send, faults: list[Fault]) -> None:
        self._send = send
        self._faults = faults
        kinds = {fault.kind for fault in faults}
        self._chunked = "chunked" in kinds
        self._wrong_md5 = "wrong_md5" in kinds
        truncate = next((f for f in faults if f.kind == "truncate"), None)
        self._budget = truncate.after_bytes if truncate else None
        lying = next((f for f in faults if f.kind == "lying_length"), None)
        self._delta = lying.delta if lying else None
        slow = next((f for f in faults if f.kind == "slow"), None)
        self._rate = slow.bytes_per_second if slow else None

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            await self._send(self._start(message))
        elif message["type"] == "http.response.body":
            await self._body(message)
        else:
            await self._send(message)

    def _start(self, message: Message) -> Message:
        if not self._faults:
            return message
        headers = MutableHeaders(raw=list(message.get("headers", [])))
        for fault in self._faults:
            if fault.kind == "header":
                for name, value in fault.headers:
                    headers.append(name, value)
        if self._wrong_md5:
            headers["content-md5"] = _WRONG_MD5
        if self._chunked and "content-length" in headers:
            del headers["content-length"]
        if self._delta is not None and "content-length" in headers:
            headers["content-length"] = str(int(headers["content-length"]) + self._delta)
        return {**message, "headers": headers.raw}

    async def _body(self, message: Message) -> None:
        body: bytes = message.get("body", b"")
        more: bool = message.get("more_body", False)
        cut = False
        if self._budget is not None:
            if len(body) >= self._budget:
                body, cut = body[: self._budget], True
            self._budget -= len(body)
        if self._delta is not None and not more:
            cut = True
        for piece, last in self._pieces(body):
            await self._send(
                {"type": "http.response.body", "body": piece, "more_body": cut or more or not last}
            )
            if self._rate is not None and piece:
                await asyncio.sleep(len(piece) / self._rate)
        if cut:
            raise _Cut

    def _pieces(self, body: bytes) -> list[tuple[bytes, bool]]:
        if self._rate is not None:
            size = max(1, int(self._rate / 10))
        elif self._chunked:
            size = max(1, -(-len(body) // 3))
        else:
            return [(body, True)]
        chunks = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
        return [(chunk, i == len(chunks) - 1) for i, chunk in enumerate(chunks)]
