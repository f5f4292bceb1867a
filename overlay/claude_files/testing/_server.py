"""`MockServer`: the mock on 127.0.0.1, in a background thread, seeded and steered from tests.

    with MockServer() as server:
        meta = server.add_file(b"hello", filename="a.txt", mime_type="text/plain")
        server.inject(Fault.status(503, retry_after="1"), path="/v1/files/{id}/content")
        ...  # point a client at server.base_url with server.api_key

It binds a free port (or the one given) on loopback only, serves with uvicorn's h11
protocol (the connection-level faults need it), and on exit stops uvicorn, joins the
thread and removes its temporary directory.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import io
import secrets
import shutil
import socket
import tempfile
import threading
import time
import weakref
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import uvicorn

from claude_files.testing._app import (
    COMPLIANCE_SCOPES,
    DELETE_SCOPE,
    MAX_UPLOAD_BYTES,
    READ_SCOPE,
    ListShape,
    MockApp,
    MockConfig,
    envelope_for,
)
from claude_files.testing._edge import EdgeMiddleware, RecordedRequest, RequestLog
from claude_files.testing._faults import ErrorEnvelope, Fault, FaultPlan, FaultRule, PathPattern
from claude_files.testing._store import (
    ArtifactVersion,
    ChatFile,
    CodeArtifact,
    CodeArtifactVersion,
    GeneratedFile,
    Project,
    ProjectDocument,
    Store,
    StoredFile,
    file_attachment,
    new_id,
)

_START_TIMEOUT = 10.0
_STOP_TIMEOUT = 10.0


class _Uvicorn(uvicorn.Server):
    """uvicorn's server, woken by `request_stop()` at once rather than on its 0.1 s tick.

    Test suites start and stop many servers; this halves the time a stop takes.
    """

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop, self._wake = asyncio.get_running_loop(), asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 0.1)

    def request_stop(self) -> None:
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(wake.set)


class MockServer:
    """A stateful mock of the Files API and the Compliance API's file endpoints.

    Uploads behave as on the real API: a file uploaded through `POST /v1/files` is
    `downloadable: false` and its content is a 400 `file_not_downloadable` (only files
    that tools create can be downloaded). `uploaded_files_downloadable=True` (constructor
    argument or attribute) lets a test download its own uploads.

    Attributes a test may set at any time: `uploaded_files_downloadable`,
    `storage_quota_bytes` (None: unlimited; over it an upload is 400
    `storage_quota_exceeded`), `max_upload_bytes` (500 MB; over it 413),
    `organization_on_hold` and `appeal_url` (every request is 400 `organization_on_hold`),
    `list_shape` ("both", or "next_page"/"has_more" to hide the other paging shape),
    `compliance_error_envelope` ("bare": the Compliance API's `{"error": {...}}` as its
    reference's revision J shows it; "full": the Files API's envelope there too), and
    `now` (the mock's clock: set a datetime to freeze it, a callable to drive it, or
    call `advance()`).
    """

    def __init__(
        self,
        *,
        port: int = 0,
        api_key: str | None = None,
        compliance_api_key: str | None = None,
        fixture: str | Path | None = None,
        log_level: str = "warning",
        uploaded_files_downloadable: bool = False,
        compliance_error_envelope: ErrorEnvelope = "bare",
    ) -> None:
        self._config = MockConfig(
            api_key=api_key or "sk-ant-api03-test-" + secrets.token_urlsafe(24),
            compliance_api_key=compliance_api_key
            or "sk-ant-compliance-test-" + secrets.token_urlsafe(24),
            uploaded_files_downloadable=uploaded_files_downloadable,
            compliance_error_envelope=compliance_error_envelope,
        )
        self._settings = self._config.settings()  # what reset() puts back
        self._directory = Path(tempfile.mkdtemp(prefix="claude-files-mock-"))
        # Stored bytes go with the server even when it is never started or stopped.
        self._cleanup = weakref.finalize(self, shutil.rmtree, self._directory, True)
        self._store = Store(self._directory)
        self._plan = FaultPlan()
        self._log = RequestLog()
        self._port = port
        self._log_level = log_level
        self._uvicorn: _Uvicorn | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self.app = EdgeMiddleware(
            MockApp(self._config, self._store),
            self._plan,
            self._log,
            functools.partial(envelope_for, self._config),
        )
        """The ASGI application, for serving it some other way."""
        if fixture is not None:
            self.load_fixture(fixture)

    # Lifecycle ---------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind 127.0.0.1, start uvicorn in a daemon thread, return once it accepts."""
        if self._thread is not None:
            raise RuntimeError("MockServer already started")
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted sockets inherit it: without it a reply written in two parts (headers,
        # body) waits ~40 ms for the client's delayed ACK on a kept-alive connection.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(("127.0.0.1", self._port))
        sock.listen(128)
        self._socket = sock
        self._port = sock.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            http="h11",
            lifespan="off",
            log_level=self._log_level,
            access_log=False,
            server_header=False,
            timeout_graceful_shutdown=2,
        )
        self._uvicorn = _Uvicorn(config)
        self._thread = threading.Thread(
            target=self._uvicorn.run,
            kwargs={"sockets": [sock]},
            name=f"claude-files-mock:{self._port}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not self._uvicorn.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("MockServer failed to start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        """Stop uvicorn, join its thread, close the socket, remove stored bytes."""
        if self._uvicorn is not None:
            self._uvicorn.request_stop()
        if self._thread is not None:
            self._thread.join(_STOP_TIMEOUT)
            if self._thread.is_alive() and self._uvicorn is not None:
                self._uvicorn.force_exit = True
                self._thread.join(_STOP_TIMEOUT)
        if self._socket is not None:
            self._socket.close()
        self._thread, self._uvicorn, self._socket = None, None, None
        self._cleanup()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def reset(self, *, clear_data: bool = True) -> None:
        """Back to the state the constructor gave (same port and keys): no faults, an empty
        request log, real time, every switch as constructed, and (unless
        `clear_data=False`) no stored files or compliance records. For a server shared
        by many tests (the `mock_server` fixture)."""
        self._config.restore(self._settings)
        self._config.compliance_scopes.clear()
        self._plan.clear()
        self._log.clear()
        if clear_data:
            self._store.clear()

    # Where and who -----------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def api_key(self) -> str:
        """The Files API key (only valid on `/v1/files…`)."""
        return self._config.api_key

    @property
    def compliance_api_key(self) -> str:
        """The Compliance API key (only valid on `/v1/compliance…`)."""
        return self._config.compliance_api_key

    # Behaviour switches ------------------------------------------------------------------

    @property
    def uploaded_files_downloadable(self) -> bool:
        return self._config.uploaded_files_downloadable

    @uploaded_files_downloadable.setter
    def uploaded_files_downloadable(self, value: bool) -> None:
        self._config.uploaded_files_downloadable = value

    @property
    def storage_quota_bytes(self) -> int | None:
        return self._config.storage_quota_bytes

    @storage_quota_bytes.setter
    def storage_quota_bytes(self, value: int | None) -> None:
        self._config.storage_quota_bytes = value

    @property
    def max_upload_bytes(self) -> int:
        return self._config.max_upload_bytes

    @max_upload_bytes.setter
    def max_upload_bytes(self, value: int) -> None:
        self._config.max_upload_bytes = value

    @property
    def organization_on_hold(self) -> bool:
        return self._config.organization_on_hold

    @organization_on_hold.setter
    def organization_on_hold(self, value: bool) -> None:
        self._config.organization_on_hold = value

    @property
    def appeal_url(self) -> str | None:
        return self._config.appeal_url

    @appeal_url.setter
    def appeal_url(self, value: str | None) -> None:
        self._config.appeal_url = value

    @property
    def list_shape(self) -> ListShape:
        return self._config.list_shape

    @list_shape.setter
    def list_shape(self, value: ListShape) -> None:
        if value not in ("both", "next_page", "has_more"):
            raise ValueError(f"list_shape must be 'both', 'next_page' or 'has_more', not {value!r}")
        self._config.list_shape = value

    @property
    def compliance_error_envelope(self) -> ErrorEnvelope:
        return self._config.compliance_error_envelope

    @compliance_error_envelope.setter
    def compliance_error_envelope(self, value: ErrorEnvelope) -> None:
        if value not in ("bare", "full"):
            raise ValueError(f"compliance_error_envelope must be 'bare' or 'full', not {value!r}")
        self._config.compliance_error_envelope = value

    # The clock ---------------------------------------------------------------------------

    @property
    def now(self) -> datetime:
        """The mock's current time (UTC). Assign a datetime to freeze it, a callable to drive it."""
        return self._config.clock.now()

    @now.setter
    def now(self, value: datetime | Callable[[], datetime] | None) -> None:
        self._config.clock.set(value)

    def advance(self, seconds: float | timedelta) -> datetime:
        """Move the mock's clock forward (expiry without sleeping); returns the new now."""
        self._config.clock.advance(seconds)
        return self.now

    # Faults and the request log ----------------------------------------------------------

    def inject(
        self,
        fault: Fault,
        path: PathPattern = None,
        method: str | None = None,
        count: int | None = 1,
    ) -> FaultRule:
        """Apply `fault` to the next `count` requests matching `method` and `path`.

        `path` is a template (`/v1/files/{id}/content`), a glob (`*` one segment, `**`
        anything), a regex (compiled, or a string starting with `^`), or None for every
        path. `count=None` keeps the fault forever. Returns the rule, whose `remaining`
        and `hits` show its use.
        """
        return self._plan.add(FaultRule(fault=fault, method=method, path=path, remaining=count))

    def inject_rule(self, rule: FaultRule) -> FaultRule:
        """Add a rule built elsewhere (e.g. by `parse_fault_spec`)."""
        return self._plan.add(rule)

    def clear_faults(self) -> None:
        self._plan.clear()

    @property
    def faults(self) -> list[FaultRule]:
        """The rules not yet spent."""
        return self._plan.rules

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first (a snapshot)."""
        return self._log.snapshot()

    def clear_requests(self) -> None:
        self._log.clear()

    # Seeding -----------------------------------------------------------------------------

    def add_file(
        self,
        content: bytes,
        filename: str = "file.bin",
        mime_type: str = "application/octet-stream",
        downloadable: bool = True,
        expires_in_seconds: int | None = None,
        *,
        id: str | None = None,
        created_at: datetime | None = None,
        scope_id: str | None = None,
    ) -> dict[str, Any]:
        """Store a Files API file, as if a tool had made it (so `downloadable` by default,
        whatever `uploaded_files_downloadable` says); returns its metadata JSON."""
        created = created_at or self.now
        stored = StoredFile(
            id=id or new_id("file_"),
            filename=filename,
            mime_type=mime_type,
            created_at=created,
            blob=self._store.write_blob(content),
            downloadable=downloadable,
            seq=self._store.next_seq(),
            expires_at=created + timedelta(seconds=expires_in_seconds)
            if expires_in_seconds is not None
            else None,
            scope_id=scope_id,
        )
        self._store.add_file(stored)
        return stored.to_json()

    def add_compliance_key(
        self, scopes: Sequence[str] = (READ_SCOPE, DELETE_SCOPE), *, key: str | None = None
    ) -> str:
        """A further Compliance key with these scopes (of `COMPLIANCE_SCOPES`); returns it.

        The file endpoints need `read:compliance_user_data` (GET) or
        `delete:compliance_user_data` (DELETE); without it they answer 401
        `authentication_error` naming the scope. An Admin key has
        `read:compliance_activities` only (`scopes=ADMIN_SCOPES`). `reset()` removes it.
        """
        unknown = set(scopes) - set(COMPLIANCE_SCOPES)
        if unknown:
            raise ValueError(f"unknown scope(s) {sorted(unknown)}: use {COMPLIANCE_SCOPES}")
        new_key = key or "sk-ant-compliance-test-" + secrets.token_urlsafe(24)
        self._config.compliance_scopes[new_key] = frozenset(scopes)
        return new_key

    def add_chat_file(
        self,
        content: bytes | None,
        filename: str | None = "file.bin",
        mime_type: str | None = "application/octet-stream",
        message_ids: Sequence[str] = (),
        claude_chat_ids: Sequence[str] = (),
        *,
        id: str | None = None,
        created_at: datetime | None = None,
        md5: str | bool | None = True,
        chunked: bool = True,
        content_md5: bool = False,
    ) -> dict[str, Any]:
        """Seed a chat file; returns its metadata JSON.

        `content=None` is a file with no downloadable variant (its content is a 404).
        `md5=True` records the content's digest, a string records that (to test a
        metadata digest the download's `Content-MD5` overrules), None records none.
        The content goes out as revision J describes it: `Transfer-Encoding: chunked`,
        no `Content-Length`, no `Content-MD5`; `chunked=False` sends a length,
        `content_md5=True` the header.
        """
        blob = self._store.write_blob(content) if content is not None else None
        chat = ChatFile(
            id=id or new_id("claude_file_"),
            created_at=created_at or self.now,
            filename=filename,
            mime_type=mime_type if content is not None else None,
            blob=blob,
            message_ids=list(message_ids) or [new_id("claude_msg_")],
            claude_chat_ids=list(claude_chat_ids) or [new_id("claude_chat_")],
            md5=_md5_field(md5, content),
            chunked=chunked,
            content_md5=content_md5,
        )
        with self._store.lock:
            self._store.chat_files[chat.id] = chat
        return chat.to_json()

    def add_generated_file(
        self,
        content: bytes,
        filename: str = "output.bin",
        mime_type: str | None = "application/octet-stream",
        claude_chat_id: str | None = None,
        *,
        id: str | None = None,
        created_at: datetime | bool | None = True,
        md5: str | bool | None = True,
    ) -> dict[str, Any]:
        """Seed a generated file; returns its metadata JSON (`created_at=None`: not recorded)."""
        created = self.now if created_at is True else (created_at or None)
        generated = GeneratedFile(
            id=id or new_id("claude_gen_file_"),
            claude_chat_id=claude_chat_id or new_id("claude_chat_"),
            created_at=created if isinstance(created, datetime) else None,
            filename=filename,
            mime_type=mime_type,
            blob=self._store.write_blob(content),
            md5=_md5_field(md5, content),
        )
        with self._store.lock:
            self._store.generated_files[generated.id] = generated
        return generated.to_json()

    def add_artifact_version(
        self,
        content: bytes,
        mime_type: str = "text/markdown",
        *,
        id: str | None = None,
        filename: str | None = None,
    ) -> str:
        """Seed an artifact version's content; returns its `claude_artifact_version_…` id."""
        artifact = ArtifactVersion(
            id=id or new_id("claude_artifact_version_"),
            mime_type=mime_type,
            blob=self._store.write_blob(content),
            filename=filename,
        )
        with self._store.lock:
            self._store.artifacts[artifact.id] = artifact
        return artifact.id

    def add_code_artifact(
        self,
        content: bytes | Mapping[str, bytes] | None = None,
        *,
        versions: Sequence[bytes | Mapping[str, bytes]] | None = None,
        id: str | None = None,
        version_ids: Sequence[str] | None = None,
        name: str = "Team dashboard",
        mime_type: str = "text/html",
        organization_uuid: str | None = None,
        owner_user_id: str | None = "user_01WCz1FkmYMm4gnmykNKUu3Q",
        email_address: str | None = "jane.doe@example.com",
        read_mode: str = "org",
        updated_at: datetime | bool | None = True,
        identity: bool = True,
        available: bool = True,
        file_set_available: bool = True,
        artifact_type: str | None = None,
    ) -> dict[str, Any]:
        """Seed a Claude Code artifact; returns its list entry (JSON).

        `content` is one version: bytes for a single file (`index.html`), or a mapping
        of paths to bytes for several (served only as a ZIP, built now). `versions`
        gives several versions, oldest first; the newest is the published one.
        `identity=False` stands for encoded storage (no `Content-MD5`), `available=False`
        for an upload still in flight (every version answers 503),
        `file_set_available=False` makes the artifact's `/content` a 422
        `file_set_unavailable`. `updated_at=None` is an artifact from before the field
        was recorded (no time filter matches it).
        """
        given = list(versions or ([] if content is None else [content]))
        ids = list(version_ids or [])
        now = self.now
        records: list[CodeArtifactVersion] = []
        for index, files in enumerate(given):
            mapping = {"index.html": files} if isinstance(files, bytes) else dict(files)
            if not mapping:
                raise ValueError("a version needs at least one file")
            blobs = {path: self._store.write_blob(data) for path, data in mapping.items()}
            version_id = ids[index] if index < len(ids) else f"{int(now.timestamp())}-{index:04x}"
            records.append(
                CodeArtifactVersion(
                    id=version_id,
                    name=name,
                    created_at=now,
                    files=blobs,
                    mime_type=mime_type,
                    identity=identity,
                    available=available,
                    zip_blob=self._store.write_blob(_zip(mapping)) if len(mapping) > 1 else None,
                )
            )
        stamp = now if updated_at is True else (updated_at or None)
        artifact = CodeArtifact(
            id=id or new_id("cart_"),
            organization_uuid=organization_uuid or "a1b2c3d4-e5f6-4789-a012-3456789abcde",
            organization_id="org_015eofRkKpogX7uDKUyvBTph",
            owner_user_id=owner_user_id,
            user_email=email_address,
            read_mode=read_mode,
            updated_at=stamp if isinstance(stamp, datetime) else None,
            versions=records,
            published_version_id=records[-1].id if records else None,
            artifact_type=artifact_type,
            file_set_available=file_set_available,
        )
        with self._store.lock:
            self._store.code_artifacts[artifact.id] = artifact
        return artifact.to_json()

    def add_project(self, *, id: str | None = None) -> str:
        """Seed an empty project; returns its `claude_proj_…` id (an id already seeded keeps
        its attachments)."""
        project_id = id or new_id("claude_proj_")
        with self._store.lock:
            self._store.projects.setdefault(project_id, Project(project_id))
        return project_id

    def _project(self, project_id: str) -> Project:
        with self._store.lock:
            project = self._store.projects.get(project_id)
        if project is None:
            raise KeyError(f"no project {project_id!r}: add_project() first")
        return project

    def add_project_file(
        self,
        project_id: str,
        content: bytes | None,
        filename: str | None = "file.bin",
        mime_type: str | None = "application/octet-stream",
        *,
        id: str | None = None,
        created_at: datetime | None = None,
        chunked: bool = True,
        content_md5: bool = False,
    ) -> dict[str, Any]:
        """Seed a file in a project; returns its attachment JSON (`type: project_file`).

        A project file is a chat file (`claude_file_…`), seeded as `add_chat_file` does
        (the keyword arguments are its): its content and deletion are the chat-files
        endpoints'. A chat file deleted there is no longer listed.
        """
        project = self._project(project_id)
        chat = self.add_chat_file(
            content,
            filename,
            mime_type,
            id=id,
            created_at=created_at,
            chunked=chunked,
            content_md5=content_md5,
        )
        with self._store.lock:
            project.file_ids.append(chat["id"])
            return file_attachment(self._store.chat_files[chat["id"]])

    def add_project_document(
        self,
        project_id: str,
        content: str,
        filename: str = "document.txt",
        *,
        id: str | None = None,
        created_at: datetime | None = None,
        user_id: str | None = "user_01WCz1FkmYMm4gnmykNKUu3Q",
        email_address: str | None = "jane.doe@example.com",
    ) -> dict[str, Any]:
        """Seed a document in a project; returns it as its endpoint sends it (with
        `content`). `user_id=None` stands for a creator whose account was deleted."""
        self._project(project_id)
        document = ProjectDocument(
            id=id or new_id("claude_proj_doc_"),
            project_id=project_id,
            filename=filename,
            content=content,
            created_at=created_at or self.now,
            user_id=user_id,
            email_address=email_address,
        )
        with self._store.lock:
            self._store.project_documents[document.id] = document
        return document.to_json()

    def add_project_attachment(self, project_id: str, attachment: Mapping[str, Any]) -> None:
        """List `attachment` (JSON with at least `type` and `id`) in the project, as given:
        for kinds the mock does not model, such as a `type` a client has never seen."""
        if not isinstance(attachment.get("type"), str) or not isinstance(attachment.get("id"), str):
            raise ValueError("an attachment needs a str `type` and `id`")
        project = self._project(project_id)
        with self._store.lock:
            project.others.append(dict(attachment))

    def load_fixture(self, path: str | Path) -> dict[str, list[Any]]:
        """Seed from a JSON fixture; returns what was created, by section.

        The format (every section and key optional; content as `content` (UTF-8 text),
        `content_base64`, or `content_path` relative to the fixture file)::

            {"files": [{"id": "file_…", "content": "…", "filename": "a.txt",
                        "mime_type": "text/plain", "downloadable": true,
                        "expires_in_seconds": 3600, "created_at": "2025-…Z",
                        "scope_id": "sesn_…"}],
             "chat_files": [{"id": "claude_file_…", "content": "…" | null, "filename": …,
                             "mime_type": …, "message_ids": […], "claude_chat_ids": […],
                             "md5": "…" | null, "created_at": …,
                             "chunked": true, "content_md5": false}],
             "generated_files": [{"id": "claude_gen_file_…", "content": "…",
                                  "filename": …, "mime_type": …, "claude_chat_id": …,
                                  "md5": …, "created_at": … | null}],
             "artifact_versions": [{"id": "claude_artifact_version_…", "content": "…",
                                    "mime_type": "text/markdown"}],
             "code_artifacts": [{"id": "cart_…", "versions": [
                                    {"id": "1741803761-9f3a", "content": "…"},
                                    {"files": {"index.html": "…", "app.js": "…"}}],
                                 "name": "Team dashboard", "mime_type": "text/html",
                                 "identity": true, "available": true,
                                 "file_set_available": true, "updated_at": "2025-…Z"}],
             "projects": [{"id": "claude_proj_…",
                           "files": [{"id": "claude_file_…", "content": "…" | null,
                                      "filename": …, "mime_type": …, "created_at": …,
                                      "chunked": true, "content_md5": false}],
                           "documents": [{"id": "claude_proj_doc_…", "content": "…",
                                          "filename": "notes.txt", "created_at": …,
                                          "user": {"id": "user_…", "email_address": "…"}
                                                  | null}],
                           "attachments": [{"type": "project_link", "id": "…"}]}]}

        A chat file's (and a project file's) `chunked` and `content_md5` are
        `add_chat_file`'s: by default chunked, without `Content-MD5`. A project's files
        are chat files (`add_project_file`), its documents' content is text (UTF-8
        when given as `content_base64` or `content_path`), and `attachments` are listed
        as given (`add_project_attachment`: kinds the mock does not model). The result
        has, under `projects`, `{"id", "files": [attachment JSON], "documents": [...]}`
        for each.
        """
        from claude_files.testing._fixture import load_fixture

        return load_fixture(self, Path(path))


def _zip(files: Mapping[str, bytes]) -> bytes:
    """The files as one ZIP archive, byte-for-byte the same for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(zipfile.ZipInfo(path, date_time=(2025, 3, 12, 18, 22, 40)), data)
    return buffer.getvalue()


def _md5_field(md5: str | bool | None, content: bytes | None) -> str | None:
    if md5 is True:
        return hashlib.md5(content).hexdigest() if content is not None else None
    if md5 is False:
        return None
    return md5


__all__ = ["MAX_UPLOAD_BYTES", "MockServer"]
