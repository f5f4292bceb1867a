"""Seeding a MockServer from a JSON fixture file (format: `MockServer.load_fixture`)."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claude_files.testing._server import MockServer

_SECTIONS = (
    "files",
    "chat_files",
    "generated_files",
    "artifact_versions",
    "code_artifacts",
    "projects",
)


class FixtureError(ValueError):
    """The fixture file does not follow the documented format."""


def _content(entry: dict[str, Any], base: Path, *, optional: bool = False) -> bytes | None:
    if "content_base64" in entry:
        return base64.b64decode(entry["content_base64"], validate=True)
    if "content_path" in entry:
        return (base / str(entry["content_path"])).read_bytes()
    if "content" in entry:
        text = entry["content"]
        if text is None and optional:
            return None
        if not isinstance(text, str):
            raise FixtureError("content must be a string (or use content_base64)")
        return text.encode("utf-8")
    if optional:
        return None
    raise FixtureError(f"entry {entry.get('id', '?')!r} has no content")


def _time(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FixtureError(f"timestamps are RFC 3339 strings, not {value!r}")
    return datetime.fromisoformat(value)


def load_fixture(server: MockServer, path: Path) -> dict[str, list[Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not set(data) <= set(_SECTIONS):
        raise FixtureError(f"a fixture is an object with the keys {', '.join(_SECTIONS)}")
    base = path.parent
    created: dict[str, list[Any]] = {name: [] for name in _SECTIONS}
    for entry in data.get("files", []):
        content = _content(entry, base)
        assert content is not None
        created["files"].append(
            server.add_file(
                content,
                filename=entry.get("filename", "file.bin"),
                mime_type=entry.get("mime_type", "application/octet-stream"),
                downloadable=entry.get("downloadable", True),
                expires_in_seconds=entry.get("expires_in_seconds"),
                id=entry.get("id"),
                created_at=_time(entry.get("created_at")),
                scope_id=entry.get("scope_id"),
            )
        )
    for entry in data.get("chat_files", []):
        created["chat_files"].append(
            server.add_chat_file(
                _content(entry, base, optional=True),
                filename=entry.get("filename", "file.bin"),
                mime_type=entry.get("mime_type", "application/octet-stream"),
                message_ids=entry.get("message_ids", ()),
                claude_chat_ids=entry.get("claude_chat_ids", ()),
                id=entry.get("id"),
                created_at=_time(entry.get("created_at")),
                md5=entry.get("md5", True),
                chunked=_flag(entry, "chunked", True),
                content_md5=_flag(entry, "content_md5", False),
            )
        )
    for entry in data.get("generated_files", []):
        content = _content(entry, base)
        assert content is not None
        created_at = entry.get("created_at", True)
        created["generated_files"].append(
            server.add_generated_file(
                content,
                filename=entry.get("filename", "output.bin"),
                mime_type=entry.get("mime_type", "application/octet-stream"),
                claude_chat_id=entry.get("claude_chat_id"),
                id=entry.get("id"),
                created_at=True if created_at is True else _time(created_at),
                md5=entry.get("md5", True),
            )
        )
    for entry in data.get("artifact_versions", []):
        content = _content(entry, base)
        assert content is not None
        created["artifact_versions"].append(
            server.add_artifact_version(
                content,
                mime_type=entry.get("mime_type", "text/markdown"),
                id=entry.get("id"),
                filename=entry.get("filename"),
            )
        )
    for entry in data.get("code_artifacts", []):
        versions: list[bytes | dict[str, bytes]] = []
        version_ids: list[str] = []
        for version in entry.get("versions", []):
            if "files" in version:
                files = version["files"]
                if not isinstance(files, dict) or not files:
                    raise FixtureError("a version's files are an object of path: text")
                versions.append({str(k): str(v).encode("utf-8") for k, v in files.items()})
            else:
                content = _content(version, base)
                assert content is not None
                versions.append(content)
            if "id" in version:
                version_ids.append(str(version["id"]))
        if version_ids and len(version_ids) != len(versions):
            raise FixtureError("give every version an id, or none")
        updated_at = entry.get("updated_at", True)
        created["code_artifacts"].append(
            server.add_code_artifact(
                versions=versions,
                id=entry.get("id"),
                version_ids=version_ids or None,
                name=entry.get("name", "Team dashboard"),
                mime_type=entry.get("mime_type", "text/html"),
                read_mode=entry.get("read_mode", "org"),
                updated_at=True if updated_at is True else _time(updated_at),
                identity=entry.get("identity", True),
                available=entry.get("available", True),
                file_set_available=entry.get("file_set_available", True),
                artifact_type=entry.get("artifact_type"),
            )
        )
    for entry in data.get("projects", []):
        created["projects"].append(_project(server, entry, base))
    return created


def _flag(entry: dict[str, Any], name: str, default: bool) -> bool:
    value = entry.get(name, default)
    if not isinstance(value, bool):
        raise FixtureError(f"{name} is true or false, not {value!r}")
    return value


def _project(server: MockServer, entry: dict[str, Any], base: Path) -> dict[str, Any]:
    """A project and what it holds: `files` (chat files), `documents`, and `attachments`
    listed as given (kinds the mock does not model)."""
    if not isinstance(entry, dict) or not set(entry) <= {"id", "files", "documents", "attachments"}:
        raise FixtureError("a project is an object with id, files, documents, attachments")
    project_id = server.add_project(id=entry.get("id"))
    files = []
    for item in entry.get("files", []):
        files.append(
            server.add_project_file(
                project_id,
                _content(item, base, optional=True),
                filename=item.get("filename", "file.bin"),
                mime_type=item.get("mime_type", "application/octet-stream"),
                id=item.get("id"),
                created_at=_time(item.get("created_at")),
                chunked=_flag(item, "chunked", True),
                content_md5=_flag(item, "content_md5", False),
            )
        )
    documents = []
    for item in entry.get("documents", []):
        content = _content(item, base)
        assert content is not None
        user = item.get("user", {"id": "user_01WCz1FkmYMm4gnmykNKUu3Q"})
        if user is not None and not isinstance(user, dict):
            raise FixtureError("a document's user is an object {id, email_address}, or null")
        documents.append(
            server.add_project_document(
                project_id,
                content.decode("utf-8"),
                filename=item.get("filename", "document.txt"),
                id=item.get("id"),
                created_at=_time(item.get("created_at")),
                user_id=None if user is None else user.get("id"),
                email_address=None
                if user is None
                else user.get("email_address", "jane.doe@example.com"),
            )
        )
    for attachment in entry.get("attachments", []):
        server.add_project_attachment(project_id, attachment)
    return {"id": project_id, "files": files, "documents": documents}
