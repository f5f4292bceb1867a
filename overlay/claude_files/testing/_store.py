"""The mock server's state: stored files, compliance records, ids and the clock.

Everything here is plain data and locking, no HTTP. Bytes live on disk in the server's
temporary directory (never in memory), so a 500 MB file costs the mock nothing but disk.
One lock guards the maps: the test thread seeds data while the server thread serves it.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import string
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

_BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


def new_id(prefix: str) -> str:
    """An id shaped like the real ones: `prefix` + `011C` + 20 base62 characters.

    Real ids look like `file_011CNha8iCJcU1wXNR6q4V8w` (24 characters after the prefix).
    """
    return prefix + "011C" + "".join(secrets.choice(_BASE62) for _ in range(20))


def new_request_id() -> str:
    """A request id shaped like `req_018EeWyXxfu5pfWkrYcMdjWG`."""
    return "req_018E" + "".join(secrets.choice(_BASE62) for _ in range(20))


def rfc3339(moment: datetime) -> str:
    """`2025-04-15T18:37:24.100435Z`: UTC, microseconds, a `Z` suffix."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Clock:
    """The mock's notion of now: real UTC time, shifted or frozen by tests.

    `set()` freezes it at a datetime or hands it a callable; `advance()` moves it on.
    Expiry tests move time forward instead of sleeping.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frozen: datetime | None = None
        self._source: Callable[[], datetime] | None = None
        self._offset = timedelta()

    def now(self) -> datetime:
        with self._lock:
            if self._frozen is not None:
                base = self._frozen
            elif self._source is not None:
                base = self._source()
            else:
                base = datetime.now(UTC)
            moment = base + self._offset
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    def set(self, value: datetime | Callable[[], datetime] | None) -> None:
        """Freeze at `value` (a datetime), follow it (a callable), or use real time (None)."""
        with self._lock:
            self._offset = timedelta()
            if value is None:
                self._frozen, self._source = None, None
            elif isinstance(value, datetime):
                self._frozen = value if value.tzinfo else value.replace(tzinfo=UTC)
                self._source = None
            else:
                self._frozen, self._source = None, value

    def advance(self, delta: float | timedelta) -> None:
        with self._lock:
            self._offset += delta if isinstance(delta, timedelta) else timedelta(seconds=delta)


@dataclass
class Blob:
    """Bytes on disk with their size and digest."""

    path: Path
    size: int
    md5: bytes

    @property
    def content_md5(self) -> str:
        """The `Content-MD5` header value: base64 of the raw digest (RFC 1864)."""
        return base64.b64encode(self.md5).decode("ascii")


@dataclass
class StoredFile:
    """A Files API file (`file_…`)."""

    id: str
    filename: str
    mime_type: str
    created_at: datetime
    blob: Blob
    downloadable: bool
    seq: int
    expires_at: datetime | None = None
    scope_id: str | None = None

    @property
    def sort_key(self) -> tuple[datetime, int]:
        """Newest first means the largest key first; `seq` breaks ties in creation time."""
        return (self.created_at, self.seq)

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id,
            "type": "file",
            "filename": self.filename,
            "mime_type": self.mime_type,
            "size_bytes": self.blob.size,
            "created_at": rfc3339(self.created_at),
            "downloadable": self.downloadable,
            "expires_at": rfc3339(self.expires_at) if self.expires_at else None,
        }
        if self.scope_id is not None:
            body["scope"] = {"id": self.scope_id, "type": "session"}
        return body


@dataclass
class ChatFile:
    """A Compliance API chat file (`claude_file_…`); `blob` is None with no downloadable variant."""

    id: str
    created_at: datetime
    filename: str | None
    mime_type: str | None
    blob: Blob | None
    message_ids: list[str] = field(default_factory=list)
    claude_chat_ids: list[str] = field(default_factory=list)
    md5: str | None = None
    chunked: bool = True
    """The content goes out chunked with no Content-Length (revision J); False: a length."""
    content_md5: bool = False
    """Whether the content carries a Content-MD5 (revision J lists none)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_at": rfc3339(self.created_at),
            "filename": self.filename,
            "mime_type": self.mime_type,
            "size_bytes": self.blob.size if self.blob else None,
            "message_ids": list(self.message_ids),
            "claude_chat_ids": list(self.claude_chat_ids),
            "md5": self.md5,
        }


@dataclass
class GeneratedFile:
    """A Compliance API generated file (`claude_gen_file_…`)."""

    id: str
    claude_chat_id: str
    created_at: datetime | None
    filename: str
    mime_type: str | None
    blob: Blob
    md5: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claude_chat_id": self.claude_chat_id,
            "created_at": rfc3339(self.created_at) if self.created_at else None,
            "filename": self.filename,
            "md5": self.md5,
            "mime_type": self.mime_type,
            "size_bytes": self.blob.size,
        }


@dataclass
class ArtifactVersion:
    """A Compliance API artifact version (`claude_artifact_version_…`): content only."""

    id: str
    mime_type: str
    blob: Blob
    filename: str | None = None


@dataclass
class CodeArtifactVersion:
    """One published version of a code artifact: its files, and how it is stored.

    One file is served as it is; several are served only as a ZIP (`zip_blob`, built
    when the version is seeded) from the artifact's `/content` with
    `multi_file_format=zip`. `identity` False stands for encoded storage (no
    `Content-MD5`); `available` False for an upload still in flight (503).
    """

    id: str
    name: str
    created_at: datetime | None
    files: dict[str, Blob]
    mime_type: str
    identity: bool = True
    available: bool = True
    zip_blob: Blob | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_at": rfc3339(self.created_at) if self.created_at else None,
            "name": self.name,
        }

    def blobs(self) -> list[Blob]:
        return list(self.files.values()) + ([self.zip_blob] if self.zip_blob else [])


@dataclass
class CodeArtifact:
    """A Compliance API code artifact (`cart_…`); `versions` newest last."""

    id: str
    organization_uuid: str
    organization_id: str
    owner_user_id: str | None
    user_email: str | None
    read_mode: str
    updated_at: datetime | None
    versions: list[CodeArtifactVersion]
    published_version_id: str | None = None
    artifact_type: str | None = None
    file_set_available: bool = True

    def version(self, version_id: str) -> CodeArtifactVersion | None:
        return next((v for v in self.versions if v.id == version_id), None)

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id,
            "organization_uuid": self.organization_uuid,
            "organization_id": self.organization_id,
            "owner_user_id": self.owner_user_id,
            "published_version_id": self.published_version_id,
            "read_mode": self.read_mode,
            "updated_at": rfc3339(self.updated_at) if self.updated_at else None,
            "user": {"id": self.owner_user_id, "email_address": self.user_email}
            if self.owner_user_id
            else None,
            "versions": [v.to_json() for v in reversed(self.versions)],
        }
        if self.artifact_type is not None:
            body["artifact_type"] = self.artifact_type
        return body


@dataclass
class ProjectDocument:
    """A project's document (`claude_proj_doc_…`): text, read whole from its endpoint."""

    id: str
    project_id: str
    filename: str
    content: str
    created_at: datetime
    user_id: str | None = None
    email_address: str | None = None

    def to_json(self) -> dict[str, Any]:
        user = {"id": self.user_id, "email_address": self.email_address}
        return {
            "id": self.id,
            "filename": self.filename,
            "content": self.content,
            "created_at": rfc3339(self.created_at),
            "user": user if self.user_id is not None else None,
        }

    def attachment(self) -> dict[str, Any]:
        return {
            "type": "project_doc",
            "id": self.id,
            "created_at": rfc3339(self.created_at),
            "filename": self.filename,
            "mime_type": "text/plain",
        }


def file_attachment(chat: ChatFile) -> dict[str, Any]:
    """A chat file as a project lists it (`project_file`)."""
    return {
        "type": "project_file",
        "id": chat.id,
        "created_at": rfc3339(chat.created_at),
        "filename": chat.filename,
        "mime_type": chat.mime_type,
    }


@dataclass
class Project:
    """A project (`claude_proj_…`): the chat files it holds (their ids: the files live in
    `Store.chat_files`, so their bytes and deletion are the chat files'), and attachments
    of kinds the mock does not model, listed as given. Its documents are in
    `Store.project_documents`."""

    id: str
    file_ids: list[str] = field(default_factory=list)
    others: list[dict[str, Any]] = field(default_factory=list)


class Store:
    """All records, keyed by id, behind one lock."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.lock = threading.RLock()
        self.files: dict[str, StoredFile] = {}
        self.chat_files: dict[str, ChatFile] = {}
        self.generated_files: dict[str, GeneratedFile] = {}
        self.artifacts: dict[str, ArtifactVersion] = {}
        self.code_artifacts: dict[str, CodeArtifact] = {}
        self.projects: dict[str, Project] = {}
        self.project_documents: dict[str, ProjectDocument] = {}
        # Every file id ever created keeps its position, so cursors survive deletes.
        self.positions: dict[str, tuple[datetime, int]] = {}
        self._seq = 0

    def next_seq(self) -> int:
        with self.lock:
            self._seq += 1
            return self._seq

    def blob_path(self) -> Path:
        return self.directory / secrets.token_hex(12)

    def write_blob(self, data: bytes | Iterable[bytes]) -> Blob:
        """Store bytes (or chunks of them) on disk and return their blob."""
        path = self.blob_path()
        digest = hashlib.md5()
        size = 0
        chunks = [data] if isinstance(data, bytes) else data
        with path.open("wb") as out:
            for chunk in chunks:
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
        return Blob(path=path, size=size, md5=digest.digest())

    def add_file(self, stored: StoredFile) -> None:
        with self.lock:
            self.files[stored.id] = stored
            self.positions[stored.id] = stored.sort_key

    def delete_file(self, file_id: str) -> StoredFile | None:
        with self.lock:
            stored = self.files.pop(file_id, None)
        if stored is not None:
            stored.blob.path.unlink(missing_ok=True)
        return stored

    def clear(self) -> None:
        """Forget every record and remove its bytes."""
        with self.lock:
            blobs = [f.blob for f in self.files.values()]
            blobs += [c.blob for c in self.chat_files.values() if c.blob is not None]
            blobs += [g.blob for g in self.generated_files.values()]
            blobs += [a.blob for a in self.artifacts.values()]
            blobs += [
                b for c in self.code_artifacts.values() for v in c.versions for b in v.blobs()
            ]
            for records in (self.files, self.chat_files, self.generated_files, self.artifacts):
                records.clear()
            self.code_artifacts.clear()
            self.projects.clear()
            self.project_documents.clear()
            self.positions.clear()
        for blob in blobs:
            blob.path.unlink(missing_ok=True)

    def delete_code_artifact(self, artifact_id: str) -> CodeArtifact | None:
        with self.lock:
            artifact = self.code_artifacts.pop(artifact_id, None)
        if artifact is not None:
            for version in artifact.versions:
                for blob in version.blobs():
                    blob.path.unlink(missing_ok=True)
        return artifact

    def used_bytes(self) -> int:
        with self.lock:
            return sum(f.blob.size for f in self.files.values())

    def files_newest_first(self) -> list[StoredFile]:
        with self.lock:
            return sorted(self.files.values(), key=lambda f: f.sort_key, reverse=True)

    def project_attachments(self, project_id: str) -> list[dict[str, Any]] | None:
        """A project's files and documents, sorted by `created_at` then id (the
        attachments' JSON); None for an unknown project. A deleted chat file or document
        is no longer listed."""
        with self.lock:
            project = self.projects.get(project_id)
            if project is None:
                return None
            items = [
                file_attachment(self.chat_files[i])
                for i in project.file_ids
                if i in self.chat_files
            ]
            items += [
                d.attachment()
                for d in self.project_documents.values()
                if d.project_id == project_id
            ]
            items += [dict(other) for other in project.others]
        return sorted(items, key=attachment_key)


def attachment_key(item: dict[str, Any]) -> tuple[str, str]:
    """How attachments sort (and a page cursor points): `created_at` (normalised), id."""
    created = item.get("created_at")
    moment = rfc3339(datetime.fromisoformat(created)) if isinstance(created, str) else ""
    return moment, str(item["id"])
