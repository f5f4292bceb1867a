"""The mock's HTTP behaviour: routing, auth, validation and the endpoint handlers.

A second, independent reading of `openapi.yaml` and API-NOTES (it shares no code with
the client). The checks run in the order a real front end runs them: route (unknown
path 404, undocumented method 405 with `Allow`), then the key (401), then the Files
API's version (400; the Compliance API takes any `anthropic-version` or none), then the
organisation's hold (400), then the operation itself. A Files
API error is the envelope `{"type": "error", "error": {...}, "request_id": ...}`; a
Compliance API error is, by default, the bare `{"error": {...}}` of its reference's
revision J (`compliance_error_envelope="full"` sends the Files API's envelope there too).

Keys: the Files API key works only on `/v1/files…` and the Compliance API key only on
`/v1/compliance…`; the other API's key is a wrong key there (401). Either key may come
as `x-api-key` or as `Authorization: Bearer`.
"""

from __future__ import annotations

import base64
import binascii
import json
import mimetypes
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO, Literal
from urllib.parse import quote

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from claude_files.testing._edge import REQUEST_ID_KEY
from claude_files.testing._faults import COMPLIANCE_PREFIX, ErrorEnvelope, error_type_for
from claude_files.testing._store import (
    Blob,
    Clock,
    CodeArtifact,
    CodeArtifactVersion,
    Store,
    StoredFile,
    attachment_key,
    new_id,
)
from claude_files.testing._upload import UploadError, receive_upload

API_VERSIONS = ("2023-06-01", "2026-10-21")
MAX_UPLOAD_BYTES = 500 * 1024 * 1024
"""The largest file the mock accepts (500 MB); one byte more is a 413."""
EXPIRES_RANGE = (3600, 7776000)
DEFAULT_LIMIT, MAX_LIMIT, MAX_IDS = 20, 1000, 100
CODE_ARTIFACT_MAX_LIMIT, MAX_ORGANIZATION_IDS, MAX_USER_IDS = 100, 500, 200
ATTACHMENTS_MAX_LIMIT = 100
CHUNK = 64 * 1024

ListShape = Literal["both", "next_page", "has_more"]
"""Which paging fields list responses carry: all five, only today's, or only the beta's."""
READ_SCOPE, DELETE_SCOPE = "read:compliance_user_data", "delete:compliance_user_data"
COMPLIANCE_SCOPES = (
    READ_SCOPE,
    DELETE_SCOPE,
    "read:compliance_org_data",
    "read:compliance_activities",
)
"""Revision J's scopes: the file endpoints need the first (GET) or the second (DELETE)."""
USER_DATA_SCOPES = frozenset({READ_SCOPE, DELETE_SCOPE})
ADMIN_SCOPES = frozenset({"read:compliance_activities"})


@dataclass
class MockConfig:
    """The knobs a test turns; read by the handlers on every request."""

    api_key: str
    compliance_api_key: str
    uploaded_files_downloadable: bool = False
    storage_quota_bytes: int | None = None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    organization_on_hold: bool = False
    appeal_url: str | None = "https://support.anthropic.com/appeal"
    list_shape: ListShape = "both"
    compliance_error_envelope: ErrorEnvelope = "bare"
    clock: Clock = field(default_factory=Clock)
    compliance_scopes: dict[str, frozenset[str]] = field(default_factory=dict)
    """Compliance keys added by `add_compliance_key`, with their scopes (the constructed
    key has USER_DATA_SCOPES); reset() removes them."""

    def settings(self) -> dict[str, Any]:
        """Every switch a test may turn (all but the keys and the clock), by name."""
        fixed = ("api_key", "compliance_api_key", "clock", "compliance_scopes")
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in fixed}

    def restore(self, settings: dict[str, Any]) -> None:
        """Put back switches taken with `settings()`, and the real clock."""
        for name, value in settings.items():
            setattr(self, name, value)
        self.clock.set(None)


class ApiError(Exception):
    """An error answer: raised anywhere in a handler, turned into the envelope."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        error_code: str | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        error_type: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error_type = error_type or error_type_for(status)
        self.details = dict(details or {})
        if error_code is not None:
            self.details["error_code"] = error_code
        self.headers = headers or {}


def error_response(request_id: str, error: ApiError, envelope: ErrorEnvelope = "full") -> Response:
    body: dict[str, Any] = {"type": error.error_type, "message": error.message}
    if error.details:
        body["details"] = error.details
    content: dict[str, Any] = {"error": body}
    if envelope == "full":
        content = {"type": "error", **content, "request_id": request_id}
    return JSONResponse(content, status_code=error.status, headers=error.headers)


def envelope_for(config: MockConfig, path: str) -> ErrorEnvelope:
    """The error shape a path answers with by default."""
    if path.startswith(COMPLIANCE_PREFIX):
        return config.compliance_error_envelope
    return "full"


Handler = Callable[[Request, str], Awaitable[Response]]


@dataclass
class _Route:
    pattern: re.Pattern[str]
    api: Literal["files", "compliance"]
    methods: dict[str, str]
    """Method → handler name on `MockApp`."""
    refusal: str | None = None
    """The message for an undocumented method, where the API explains it."""


_SEGMENT = r"(?P<id>[^/]+)"
_ROUTES = [
    _Route(re.compile(r"/v1/files"), "files", {"POST": "upload", "GET": "list_files"}),
    _Route(
        re.compile(rf"/v1/files/{_SEGMENT}"),
        "files",
        {"GET": "get_file", "DELETE": "delete_file"},
    ),
    _Route(re.compile(rf"/v1/files/{_SEGMENT}/content"), "files", {"GET": "download_file"}),
    _Route(
        re.compile(rf"/v1/compliance/apps/chats/files/{_SEGMENT}"),
        "compliance",
        {"GET": "get_chat_file", "DELETE": "delete_chat_file"},
    ),
    _Route(
        re.compile(rf"/v1/compliance/apps/chats/files/{_SEGMENT}/content"),
        "compliance",
        {"GET": "download_chat_file"},
    ),
    _Route(
        re.compile(rf"/v1/compliance/apps/chats/generated-files/{_SEGMENT}"),
        "compliance",
        {"GET": "get_generated_file"},
        "Generated files cannot be deleted.",
    ),
    _Route(
        re.compile(rf"/v1/compliance/apps/chats/generated-files/{_SEGMENT}/content"),
        "compliance",
        {"GET": "download_generated_file"},
        "Generated files cannot be deleted.",
    ),
    _Route(
        re.compile(rf"/v1/compliance/apps/artifacts/{_SEGMENT}/content"),
        "compliance",
        {"GET": "download_artifact"},
        "Artifacts cannot be deleted.",
    ),
    _Route(
        re.compile(r"/v1/compliance/apps/code/artifacts"),
        "compliance",
        {"GET": "list_code_artifacts"},
    ),
    _Route(
        re.compile(rf"/v1/compliance/apps/code/artifacts/{_SEGMENT}"),
        "compliance",
        {"DELETE": "delete_code_artifact"},
    ),
    _Route(
        re.compile(r"/v1/compliance/apps/code/artifacts/(?P<id>[^/]+/versions/[^/]+)"),
        "compliance",
        {"GET": "get_code_artifact_version"},
    ),
    _Route(
        re.compile(rf"/v1/compliance/apps/code/artifacts/{_SEGMENT}/content"),
        "compliance",
        {"GET": "download_code_artifact"},
    ),
    # Before the attachments: `/projects/documents/attachments` is a document's path.
    _Route(
        re.compile(rf"/v1/compliance/apps/projects/documents/{_SEGMENT}"),
        "compliance",
        {"GET": "get_project_document", "DELETE": "delete_project_document"},
    ),
    _Route(
        re.compile(rf"/v1/compliance/apps/projects/{_SEGMENT}/attachments"),
        "compliance",
        {"GET": "list_project_attachments"},
    ),
    # Not in the spec as a resource: present only so a DELETE gets the honest 405.
    _Route(
        re.compile(rf"/v1/compliance/apps/artifacts/{_SEGMENT}"),
        "compliance",
        {},
        "Artifacts cannot be deleted.",
    ),
]


def _given_keys(request: Request) -> list[str]:
    keys = []
    if "x-api-key" in request.headers:
        keys.append(request.headers["x-api-key"])
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        keys.append(credentials.strip())
    return keys


def _single(request: Request, name: str) -> str | None:
    values = request.query_params.getlist(name)
    if len(values) > 1:
        raise ApiError(400, f"{name}: expected a single value")
    return values[0] if values else None


def _non_empty(request: Request, name: str) -> str | None:
    value = _single(request, name)
    if value is not None and not value:
        raise ApiError(400, f"{name}: String should have at least 1 character")
    return value


def _content_disposition(filename: str) -> str:
    """`attachment` with the name as RFC 6266: a quoted ASCII fallback, `filename*` otherwise."""
    plain = all(32 <= ord(ch) < 127 for ch in filename)
    fallback = "".join(ch if 32 <= ord(ch) < 127 else "_" for ch in filename) or "download"
    fallback = fallback.replace("\\", "\\\\").replace('"', '\\"')
    value = f'attachment; filename="{fallback}"'
    if not plain:
        value += "; filename*=utf-8''" + quote(filename, safe="!#$&+-.^_`|~")
    return value


def _clean_filename(raw: str | None, mime_type: str) -> str:
    """Keep only the last path component; an empty name is `unnamed` plus an extension."""
    name = re.split(r"[/\\]", raw or "")[-1].strip()
    if name in ("", ".", ".."):
        extension = mimetypes.guess_extension(mime_type, strict=False) or ""
        name = "unnamed" + extension
    return name


_MEDIA_TYPE = re.compile(r"[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")


def _clean_mime_type(raw: str | None, filename: str | None) -> str:
    media_type = (raw or "").split(";", 1)[0].strip().lower()
    if _MEDIA_TYPE.fullmatch(media_type) and "*" not in media_type:
        return media_type
    guessed, _ = mimetypes.guess_type(filename or "", strict=False)
    return guessed or "application/octet-stream"


def _encode_cursor(file_id: str) -> str:
    return "page_" + base64.urlsafe_b64encode(file_id.encode()).decode().rstrip("=")


def _decode_cursor(page: str) -> str | None:
    if not page.startswith("page_"):
        return None
    token = page[len("page_") :]
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


async def _stream(handle: BinaryIO) -> AsyncIterator[bytes]:
    try:
        while chunk := await anyio.to_thread.run_sync(handle.read, CHUNK):
            yield chunk
    finally:
        handle.close()


def _content_response(
    blob: Blob,
    mime_type: str | None,
    filename: str,
    *,
    length: bool = True,
    md5: bool = True,
) -> Response:
    """The download trio plus the bytes, streamed from disk; `length=False` sends no
    Content-Length (uvicorn then sends the body chunked), `md5=False` no Content-MD5.

    The file is opened before the headers go out: a delete racing the download then
    removes the name but not the open bytes, so the body always matches its headers.
    """
    try:
        handle = blob.path.open("rb")
    except FileNotFoundError:
        raise ApiError(404, f"Not found: {filename}") from None
    headers = {
        "content-type": mime_type or "application/octet-stream",
        "content-disposition": _content_disposition(filename),
    }
    if length:
        headers["content-length"] = str(blob.size)
    if md5:
        headers["content-md5"] = blob.content_md5
    return StreamingResponse(_stream(handle), media_type=None, headers=headers)


class MockApp:
    """The ASGI application: one instance per server, reading `config` and `store`."""

    def __init__(self, config: MockConfig, store: Store) -> None:
        self.config = config
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        request_id: str = scope.get(REQUEST_ID_KEY, "")
        envelope = envelope_for(self.config, request.url.path)
        try:
            response = await self._dispatch(request)
        except ApiError as error:
            response = error_response(request_id, error, envelope)
        except UploadError as error:
            response = error_response(
                request_id,
                ApiError(error.status, error.message, error_type=error.error_type),
                envelope,
            )
        except Exception as exc:  # a bug in the mock: still the envelope, never a bare 500
            failure = ApiError(
                500, f"Mock server error: {exc!r}", error_type=error_type_for(500, request.url.path)
            )
            response = error_response(request_id, failure, envelope)
        await response(scope, receive, send)

    async def _dispatch(self, request: Request) -> Response:
        path = request.url.path
        for route in _ROUTES:
            match = route.pattern.fullmatch(path)
            if match:
                break
        else:
            raise ApiError(404, f"Not found: {request.method} {path}")
        method = request.method.upper()
        if method not in route.methods:
            allow = ", ".join(route.methods)
            message = route.refusal if method == "DELETE" and route.refusal else None
            raise ApiError(
                405,
                message or f"Method {method} is not allowed on {path}",
                headers={"allow": allow},
            )
        self._authenticate(request, route.api)
        self._check_headers(request, route.api)
        if self.config.organization_on_hold:
            details = {"appeal_url": self.config.appeal_url} if self.config.appeal_url else {}
            raise ApiError(
                400,
                "This organization has been disabled.",
                error_code="organization_on_hold",
                details=details,
            )
        handler: Handler = getattr(self, route.methods[method])
        return await handler(request, match.groupdict().get("id") or "")

    def _authenticate(self, request: Request, api: str) -> None:
        keys = _given_keys(request)
        if not keys:
            raise ApiError(401, "x-api-key header is required")
        if api == "files":
            if self.config.api_key not in keys:
                raise ApiError(401, "invalid x-api-key")
            return
        scopes = self._compliance_scopes(keys)
        if scopes is None:
            raise ApiError(401, "invalid x-api-key")
        needed = DELETE_SCOPE if request.method.upper() == "DELETE" else READ_SCOPE
        if needed not in scopes:
            got = json.dumps(sorted(scopes))
            raise ApiError(
                401,
                f"API key does not have the `{needed}` scope required for this endpoint. "
                f"Got: {got}",
            )

    def _compliance_scopes(self, keys: list[str]) -> frozenset[str] | None:
        """The scopes of the Compliance key sent, None when it is no Compliance key."""
        if self.config.compliance_api_key in keys:
            return USER_DATA_SCOPES
        return next(
            (self.config.compliance_scopes[k] for k in keys if k in self.config.compliance_scopes),
            None,
        )

    def _check_headers(self, request: Request, api: str) -> None:
        # The Compliance API documents no anthropic-version: any value (not blank) or none.
        version = request.headers.get("anthropic-version")
        if version is None and api == "files":
            raise ApiError(400, "anthropic-version: header is required")
        if version is not None and api == "files" and version not in API_VERSIONS:
            raise ApiError(400, f"anthropic-version: {version!r} is not a valid version")
        for name in ("anthropic-version", "anthropic-beta", "anthropic-workspace-id"):
            if name in request.headers and not request.headers[name].strip():
                raise ApiError(400, f"{name}: header must not be empty")
        if api == "files":
            beta = _single(request, "beta")
            if beta is not None and beta not in ("true", "false"):
                raise ApiError(400, "beta: Input should be a valid boolean")

    # Files API -------------------------------------------------------------------------

    async def upload(self, request: Request, _: str) -> Response:
        config = self.config
        received = await receive_upload(
            request.headers.get("content-type"),
            request.stream(),
            self.store,
            config.max_upload_bytes,
        )
        blob = received.blob
        try:
            expires_in = self._expires_in(received.fields.get("expires_in_seconds"))
            mime_type = _clean_mime_type(received.content_type, received.filename)
            filename = _clean_filename(received.filename, mime_type)
            if len(filename) > 500:
                raise ApiError(400, "file: filename must be at most 500 characters")
            quota = config.storage_quota_bytes
            if quota is not None and self.store.used_bytes() + blob.size > quota:
                raise ApiError(
                    400,
                    "Storage quota exceeded: delete files to free up space.",
                    error_code="storage_quota_exceeded",
                )
        except ApiError:
            blob.path.unlink(missing_ok=True)
            raise
        now = config.clock.now()
        stored = StoredFile(
            id=new_id("file_"),
            filename=filename,
            mime_type=mime_type,
            created_at=now,
            blob=blob,
            downloadable=config.uploaded_files_downloadable,
            seq=self.store.next_seq(),
            expires_at=now + timedelta(seconds=expires_in) if expires_in else None,
        )
        self.store.add_file(stored)
        return JSONResponse(stored.to_json())

    @staticmethod
    def _expires_in(raw: str | None) -> int | None:
        if raw is None:
            return None
        low, high = EXPIRES_RANGE
        text = raw.strip()
        if not re.fullmatch(r"[0-9]+", text) or not low <= int(text) <= high:
            raise ApiError(400, f"expires_in_seconds: must be an integer from {low} to {high}")
        return int(text)

    async def list_files(self, request: Request, _: str) -> Response:
        raw_limit = _single(request, "limit")
        page = _non_empty(request, "page")
        after_id = _non_empty(request, "after_id")
        before_id = _non_empty(request, "before_id")
        scope_id = _non_empty(request, "scope_id")
        has_ids = "ids[]" in request.query_params
        items = self.store.files_newest_first()
        if scope_id is not None:
            items = [f for f in items if f.scope_id == scope_id]
        if has_ids:
            if page is not None or raw_limit is not None:
                raise ApiError(400, "ids: cannot be combined with page or limit")
            if after_id is not None or before_id is not None:
                raise ApiError(400, "ids: cannot be combined with after_id or before_id")
            wanted = set(request.query_params.getlist("ids[]"))
            if len(wanted) > MAX_IDS:
                raise ApiError(400, f"ids: at most {MAX_IDS} ids")
            if "" in wanted:
                raise ApiError(400, "ids: ids must not be empty")
            return self._page([f for f in items if f.id in wanted], False, False)
        limit = self._limit(raw_limit)
        if sum(x is not None for x in (page, after_id, before_id)) > 1:
            raise ApiError(400, "page, after_id and before_id are mutually exclusive")
        if before_id is not None:
            key = self._position("before_id", before_id)
            newer = [f for f in items if f.sort_key > key]
            chosen = newer[-limit:]
            more_after = bool(chosen) and any(f.sort_key < chosen[-1].sort_key for f in items)
            return self._page(chosen, len(newer) > limit, more_after)
        if page is not None:
            cursor_id = _decode_cursor(page)
            if cursor_id is None or cursor_id not in self.store.positions:
                raise ApiError(400, "page: invalid page cursor")
            after_id = cursor_id
        older = items
        if after_id is not None:
            key = self._position("after_id", after_id)
            older = [f for f in items if f.sort_key < key]
        chosen = older[:limit]
        more = len(older) > limit
        return self._page(chosen, more, more)

    def _limit(self, raw: str | None, most: int = MAX_LIMIT) -> int:
        if raw is None:
            return DEFAULT_LIMIT
        if not re.fullmatch(r"[0-9]+", raw.strip()):
            raise ApiError(400, "limit: Input should be a valid integer")
        value = int(raw)
        if value < 1:
            raise ApiError(400, "limit: Input should be greater than or equal to 1")
        if value > most:
            raise ApiError(400, f"limit: Input should be less than or equal to {most}")
        return value

    def _position(self, name: str, file_id: str) -> Any:
        key = self.store.positions.get(file_id)
        if key is None:
            raise ApiError(400, f"{name}: no file with id {file_id!r}")
        return key

    def _page(self, chosen: list[StoredFile], has_more: bool, more_after: bool) -> Response:
        body: dict[str, Any] = {"data": [f.to_json() for f in chosen]}
        shape = self.config.list_shape
        if shape in ("both", "next_page"):
            body["next_page"] = _encode_cursor(chosen[-1].id) if chosen and more_after else None
        if shape in ("both", "has_more"):
            body["has_more"] = has_more
            body["first_id"] = chosen[0].id if chosen else None
            body["last_id"] = chosen[-1].id if chosen else None
        return JSONResponse(body)

    def _file(self, file_id: str) -> StoredFile:
        with self.store.lock:
            stored = self.store.files.get(file_id)
        if stored is None:
            raise ApiError(404, f"File not found: {file_id}")
        return stored

    async def get_file(self, _: Request, file_id: str) -> Response:
        return JSONResponse(self._file(file_id).to_json())

    async def delete_file(self, _: Request, file_id: str) -> Response:
        if self.store.delete_file(file_id) is None:
            raise ApiError(404, f"File not found: {file_id}")
        return JSONResponse({"id": file_id, "type": "file_deleted"})

    async def download_file(self, _: Request, file_id: str) -> Response:
        stored = self._file(file_id)
        if stored.expires_at is not None and self.config.clock.now() >= stored.expires_at:
            raise ApiError(404, f"File {file_id} has expired", error_code="file_expired")
        if not stored.downloadable:
            raise ApiError(
                400, f"File {file_id} is not downloadable", error_code="file_not_downloadable"
            )
        return _content_response(stored.blob, stored.mime_type, stored.filename)

    # Compliance API --------------------------------------------------------------------

    async def get_chat_file(self, _: Request, file_id: str) -> Response:
        with self.store.lock:
            chat = self.store.chat_files.get(file_id)
        if chat is None:
            raise ApiError(404, _NO_CHAT_FILE)
        return JSONResponse(chat.to_json())

    async def delete_chat_file(self, _: Request, file_id: str) -> Response:
        with self.store.lock:
            chat = self.store.chat_files.pop(file_id, None)
        if chat is None:
            raise ApiError(404, _NO_CHAT_FILE)
        if chat.blob is not None:
            chat.blob.path.unlink(missing_ok=True)
        return JSONResponse({"id": file_id, "type": "claude_file_deleted"})

    async def download_chat_file(self, _: Request, file_id: str) -> Response:
        with self.store.lock:
            chat = self.store.chat_files.get(file_id)
        if chat is None or chat.blob is None:
            raise ApiError(404, _NO_CHAT_FILE)
        return _content_response(
            chat.blob,
            chat.mime_type,
            chat.filename or file_id,
            length=not chat.chunked,
            md5=chat.content_md5,
        )

    async def get_generated_file(self, _: Request, file_id: str) -> Response:
        with self.store.lock:
            generated = self.store.generated_files.get(file_id)
        if generated is None:
            raise ApiError(404, f"Generated file not found: {file_id}")
        return JSONResponse(generated.to_json())

    async def download_generated_file(self, _: Request, file_id: str) -> Response:
        with self.store.lock:
            generated = self.store.generated_files.get(file_id)
        if generated is None:
            raise ApiError(404, f"Generated file not found: {file_id}")
        return _content_response(generated.blob, generated.mime_type, generated.filename)

    async def download_artifact(self, _: Request, version_id: str) -> Response:
        with self.store.lock:
            artifact = self.store.artifacts.get(version_id)
        if artifact is None:
            raise ApiError(404, f"Artifact version not found: {version_id}")
        extension = mimetypes.guess_extension(artifact.mime_type, strict=False) or ""
        filename = artifact.filename or version_id + extension
        return _content_response(artifact.blob, artifact.mime_type, filename)

    # Projects --------------------------------------------------------------------------

    async def list_project_attachments(self, request: Request, project_id: str) -> Response:
        limit = self._limit(_single(request, "limit"), ATTACHMENTS_MAX_LIMIT)
        page = _non_empty(request, "page")
        after = _decode_attachment_cursor(page) if page is not None else None
        items = self.store.project_attachments(project_id)
        if items is None:
            raise ApiError(404, f"No project found with id {project_id}.")
        if after is not None:
            items = [item for item in items if attachment_key(item) > after]
        chosen, more = items[:limit], len(items) > limit
        cursor = _encode_cursor(" ".join(attachment_key(chosen[-1]))) if more else None
        return JSONResponse({"data": chosen, "has_more": more, "next_page": cursor})

    async def get_project_document(self, _: Request, document_id: str) -> Response:
        with self.store.lock:
            document = self.store.project_documents.get(document_id)
        if document is None:
            raise ApiError(404, _NO_DOCUMENT)
        return JSONResponse(document.to_json())

    async def delete_project_document(self, _: Request, document_id: str) -> Response:
        with self.store.lock:
            document = self.store.project_documents.pop(document_id, None)
        if document is None:
            raise ApiError(404, _NO_DOCUMENT)
        return JSONResponse({"id": document_id, "type": "claude_project_document_deleted"})

    # Code artifacts --------------------------------------------------------------------

    async def list_code_artifacts(self, request: Request, _: str) -> Response:
        limit = self._limit(_single(request, "limit"), CODE_ARTIFACT_MAX_LIMIT)
        page = _non_empty(request, "page")
        organizations = _id_list(request, "organization_ids[]", MAX_ORGANIZATION_IDS)
        users = _id_list(request, "user_ids[]", MAX_USER_IDS)
        bounds = [
            (op, _time_param(request, f"updated_at.{op}")) for op in ("gt", "gte", "lt", "lte")
        ]
        with self.store.lock:
            items = sorted(self.store.code_artifacts.values(), key=lambda a: a.id)
        if page is not None:
            after = _decode_page_token(page)
            items = [a for a in items if a.id > after]
        if organizations is not None:
            items = [
                a
                for a in items
                if a.organization_uuid in organizations or a.organization_id in organizations
            ]
        if users is not None:
            items = [a for a in items if a.owner_user_id in users]
        for op, bound in bounds:
            if bound is not None:
                items = [a for a in items if _compare(a.updated_at, op, bound)]
        chosen, more = items[:limit], len(items) > limit
        token = _encode_page_token(chosen[-1].id) if more else None
        body = {"data": [a.to_json() for a in chosen], "has_more": more, "next_page": token}
        return JSONResponse(body)

    def _code_artifact(self, artifact_id: str) -> CodeArtifact:
        with self.store.lock:
            artifact = self.store.code_artifacts.get(artifact_id)
        if artifact is None:
            raise ApiError(404, f"Code artifact not found: {artifact_id}")
        return artifact

    async def delete_code_artifact(self, _: Request, artifact_id: str) -> Response:
        if self.store.delete_code_artifact(artifact_id) is None:
            raise ApiError(404, f"Code artifact not found: {artifact_id}")
        return JSONResponse({"id": artifact_id, "type": "code_artifact_deleted"})

    async def get_code_artifact_version(self, _: Request, ids: str) -> Response:
        artifact_id, _sep, version_id = ids.partition("/versions/")
        artifact = self._code_artifact(artifact_id)
        version = artifact.version(version_id)
        if version is None:
            raise ApiError(404, f"Version {version_id} of {artifact_id} not found: list again")
        return _version_content(artifact, version, zip_allowed=False)

    async def download_code_artifact(self, request: Request, artifact_id: str) -> Response:
        multi_file_format = _single(request, "multi_file_format")
        if multi_file_format is not None and multi_file_format != "zip":
            raise ApiError(400, "multi_file_format: Input should be 'zip'")
        artifact = self._code_artifact(artifact_id)
        version = artifact.version(artifact.published_version_id or "") or (
            artifact.versions[-1] if artifact.versions else None
        )
        if not artifact.file_set_available or version is None:
            raise ApiError(
                422,
                f"The files of {artifact_id} are not available.",
                error_code="file_set_unavailable",
                error_type="invalid_request_error",
            )
        return _version_content(artifact, version, zip_allowed=multi_file_format == "zip")


# Revision J's 404 wording for a chat file (and a project's file, which is one).
_NO_CHAT_FILE = "No file found with provided id, or it has already been deleted."
_NO_DOCUMENT = "No project document found with provided id, or it has already been deleted."


def _decode_attachment_cursor(page: str) -> tuple[str, str]:
    """The (created_at, id) an attachments cursor points after; 400 when it is not one."""
    created, _, item_id = (_decode_cursor(page) or "").partition(" ")
    if not created or not item_id:
        raise ApiError(400, "page: invalid page cursor")
    return created, item_id


def _id_list(request: Request, name: str, most: int) -> set[str] | None:
    if name not in request.query_params:
        return None
    values = request.query_params.getlist(name)
    if len(values) > most:
        raise ApiError(400, f"{name}: at most {most} values")
    if "" in values:
        raise ApiError(400, f"{name}: values must not be empty")
    return set(values)


def _time_param(request: Request, name: str) -> datetime | None:
    raw = _single(request, name)
    if raw is None:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or "T" not in raw.upper():
        raise ApiError(400, f"{name}: expected an RFC 3339 date-time")
    return moment


def _compare(value: datetime | None, op: str, bound: datetime) -> bool:
    """Artifacts without `updated_at` match no time filter, as the API documents."""
    if value is None:
        return False
    return {
        "gt": value > bound,
        "gte": value >= bound,
        "lt": value < bound,
        "lte": value <= bound,
    }[op]


def _encode_page_token(artifact_id: str) -> str:
    return base64.b64encode(artifact_id.encode()).decode()


def _decode_page_token(token: str) -> str:
    try:
        return base64.b64decode(token.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ApiError(400, "page: invalid page token") from None


def _version_content(
    artifact: CodeArtifact, version: CodeArtifactVersion, *, zip_allowed: bool
) -> Response:
    """A version's content as the code artifact endpoints send it: chunked, no length."""
    if not version.available:
        raise ApiError(
            503,
            "The content of this version is not available yet.",
            headers={"retry-after": "0"},
        )
    stem = f"{artifact.id}-{version.id}"
    if len(version.files) == 1:
        [(name, blob)] = version.files.items()
        suffix = Path(name).suffix or ".txt"
        md5 = blob.content_md5 if version.identity else None
        return _chunked_response(blob, version.mime_type, stem + suffix, md5)
    if not zip_allowed or version.zip_blob is None:
        raise ApiError(
            422,
            "This version has more than one file; ask the artifact's content with "
            "multi_file_format=zip.",
            error_code="multi_file_unavailable",
            error_type="invalid_request_error",
        )
    return _chunked_response(version.zip_blob, "application/zip", stem + ".zip", None)


def _chunked_response(blob: Blob, mime_type: str, filename: str, md5: str | None) -> Response:
    try:
        handle = blob.path.open("rb")
    except FileNotFoundError:
        raise ApiError(404, f"Not found: {filename}") from None
    headers = {
        "content-type": mime_type,
        "content-disposition": "attachment; filename*=utf-8''" + quote(filename, safe=""),
    }
    if md5 is not None:
        headers["content-md5"] = md5
    return StreamingResponse(_stream(handle), media_type=None, headers=headers)
