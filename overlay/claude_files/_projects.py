"""Projects' files and documents, without I/O: the attachments' union, a page parsed
strictly, and a document's text written to a file atomically.

An attachment is a `ProjectFileAttachment` (a chat file: its bytes and deletion go
through `client.compliance.files`), a `ProjectDocAttachment` (its text through
`client.compliance.project_documents`), or an `UnknownProjectAttachment` for a `type`
the spec does not know (kept as sent, its fields in `additional_properties`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claude_files._errors import FileTooLargeError
from claude_files._files import AtomicFile, final_path
from claude_files._models import with_request_id
from claude_files_openapi.models import (
    ProjectAttachmentListResponse,
    ProjectDocAttachment,
    ProjectDocument,
    ProjectFileAttachment,
    UnknownProjectAttachment,
)

#: One item of `client.compliance.projects.attachments(...)`.
ProjectAttachment = ProjectFileAttachment | ProjectDocAttachment | UnknownProjectAttachment

_KNOWN: dict[str, type[ProjectFileAttachment] | type[ProjectDocAttachment]] = {
    "project_file": ProjectFileAttachment,
    "project_doc": ProjectDocAttachment,
}


def parse_attachments_page(data: Any) -> ProjectAttachmentListResponse:
    """A page of attachments, with its request id slot.

    The generated parser tries the known shapes, then the open one: an item of a known
    `type` that does not fit its shape would land in `UnknownProjectAttachment`
    unnoticed. Here it fails instead, with the known shape's own error (the caller's
    `json_parser` makes that an `APIResponseValidationError`).
    """
    page = with_request_id(ProjectAttachmentListResponse).from_dict(data)
    for item in page.data:
        if isinstance(item, UnknownProjectAttachment) and item.type_ in _KNOWN:
            _KNOWN[item.type_].from_dict(item.to_dict())  # raises: why it did not fit
            raise ValueError(f"a {item.type_} attachment that fits no shape: {item.id}")
    return page


@dataclass(frozen=True)
class _Named:
    filename: str | None
    request_id: str | None


def write_document(
    directory: Path,
    target: Path | None,
    document: ProjectDocument,
    overwrite: bool,
    max_bytes: int | None,
) -> Path:
    """Write the document's `content` as UTF-8 into `target` (or, None, into `directory`
    under the document's filename made safe, else its id), atomically; over `max_bytes`
    of UTF-8 is `FileTooLargeError`, with nothing written. Blocking."""
    data = document.content.encode("utf-8")
    if max_bytes is not None and len(data) > max_bytes:
        raise FileTooLargeError(max_bytes, len(data))
    named = _Named(document.filename, getattr(document, "_request_id", None))
    final = final_path(directory, target, named, document.id, overwrite)
    out = AtomicFile(directory)
    try:
        out.write(data)
        return out.commit(final, overwrite)
    except BaseException:
        out.discard()
        raise
