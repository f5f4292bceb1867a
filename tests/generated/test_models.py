"""The generated models read the documented payloads exactly.

The payloads are the examples in openapi.yaml (taken from the source documents), so a
change to the spec's schemas that no longer fits its own examples fails here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol, Self, cast

import pytest
import yaml

from claude_files_openapi import models

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"


class _Model(Protocol):
    additional_properties: dict[str, Any]

    @classmethod
    def from_dict(cls, src_dict: Any) -> Self: ...

    def to_dict(self) -> dict[str, Any]: ...


def _spec() -> dict[str, Any]:
    return cast(dict[str, Any], yaml.safe_load(SPEC_PATH.read_text()))


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _json_examples(spec: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(where, schema name, example) for every JSON example of a response with a named schema."""
    responses: list[tuple[str, Any]] = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            for status, response in operation["responses"].items():
                if "$ref" in response:  # a shared response, read once below
                    continue
                responses.append((f"{method.upper()} {path} {status}", response))
    for name, response in spec["components"]["responses"].items():
        responses.append((f"components/responses/{name}", response))
    for where, response in responses:
        media = _resolve(spec, response).get("content", {}).get("application/json")
        if not media or "$ref" not in media["schema"]:
            continue
        schema_name = media["schema"]["$ref"].rsplit("/", 1)[1]
        if "example" in media:
            yield where, schema_name, media["example"]
        for key, example in media.get("examples", {}).items():
            yield f"{where} ({key})", schema_name, _resolve(spec, example)["value"]
    for name, schema in spec["components"]["schemas"].items():
        for index, example in enumerate(schema.get("examples", [])):
            yield f"components/schemas/{name}[{index}]", name, example


EXAMPLES = list(_json_examples(_spec()))


def _model(schema_name: str) -> type[_Model]:
    return cast(type[_Model], getattr(models, schema_name))


def test_the_spec_has_examples_for_every_kind_of_body() -> None:
    covered = {name for _, name, _ in EXAMPLES}
    assert {
        "FileMetadata",
        "FileListResponse",
        "DeletedFile",
        "ChatFile",
        "DeletedChatFile",
        "GeneratedFile",
        "ErrorResponse",
        "ProjectAttachmentListResponse",
        "ProjectDocument",
        "DeletedProjectDocument",
    } <= covered


@pytest.mark.parametrize(
    ("where", "schema_name", "example"), EXAMPLES, ids=[e[0] for e in EXAMPLES]
)
def test_documented_example_parses_and_round_trips(
    where: str, schema_name: str, example: dict[str, Any]
) -> None:
    parsed = _model(schema_name).from_dict(example)
    again = parsed.to_dict()
    # Date-times come back in Python's isoformat; compare them as instants.
    assert _normalise(again) == _normalise(example), where
    assert _model(schema_name).from_dict(again).to_dict() == again


def _normalise(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, str) and len(value) >= 20 and value[4:5] == "-" and value[10:11] == "T":
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


FILE = {
    "id": "file_011CNha8iCJcU1wXNR6q4V8w",
    "created_at": "2025-04-15T18:37:24.100435Z",
    "filename": "document.pdf",
    "mime_type": "application/pdf",
    "size_bytes": 102400,
    "type": "file",
}


def test_created_at_becomes_an_aware_datetime() -> None:
    meta = models.FileMetadata.from_dict(FILE)
    assert meta.created_at == datetime.datetime(
        2025, 4, 15, 18, 37, 24, 100435, tzinfo=datetime.UTC
    )


def test_unknown_fields_survive_in_additional_properties() -> None:
    meta = models.FileMetadata.from_dict({**FILE, "purpose": "user_data", "tags": ["a"]})
    assert meta.additional_properties == {"purpose": "user_data", "tags": ["a"]}
    assert meta["purpose"] == "user_data"
    assert meta.to_dict()["tags"] == ["a"]


def test_an_unknown_scope_type_still_parses() -> None:
    meta = models.FileMetadata.from_dict({**FILE, "scope": {"id": "sess_1", "type": "project"}})
    assert isinstance(meta.scope, models.FileScope)
    assert meta.scope.type_ == "project"


def test_an_unknown_error_type_and_code_still_parse() -> None:
    body = {
        "type": "error",
        "error": {
            "type": "brand_new_error",
            "message": "new",
            "details": {"error_code": "brand_new_code", "extra": 1},
        },
        "request_id": "req_1",
    }
    err = models.ErrorResponse.from_dict(body)
    assert err.error.type_ == "brand_new_error"
    assert isinstance(err.error.details, models.ErrorDetails)
    assert err.error.details.error_code == "brand_new_code"
    assert err.error.details["extra"] == 1


@pytest.mark.parametrize(
    ("schema_name", "payload", "field"),
    [
        ("FileMetadata", {**FILE, "expires_at": None, "scope": None}, "expires_at"),
        (
            "ChatFile",
            {
                "id": "claude_file_1",
                "created_at": "2025-04-15T18:37:24Z",
                "filename": None,
                "mime_type": None,
                "size_bytes": None,
                "message_ids": [],
                "md5": None,
            },
            "filename",
        ),
        (
            "GeneratedFile",
            {
                "id": "claude_gen_file_1",
                "claude_chat_id": "claude_chat_1",
                "filename": "x.png",
                "created_at": None,
                "md5": None,
                "mime_type": None,
                "size_bytes": None,
            },
            "created_at",
        ),
        (
            "FileListResponse",
            {"data": [], "next_page": None, "first_id": None, "last_id": None, "has_more": False},
            "first_id",
        ),
    ],
)
def test_nullable_fields_accept_null(schema_name: str, payload: dict[str, Any], field: str) -> None:
    parsed = _model(schema_name).from_dict(payload)
    assert getattr(parsed, field) is None
    assert _normalise(parsed.to_dict()) == _normalise(payload)


def test_a_wrong_type_marker_is_refused() -> None:
    with pytest.raises(ValueError, match="file"):
        models.FileMetadata.from_dict({**FILE, "type": "folder"})


ATTACHMENT = {
    "id": "claude_proj_doc_01xyz789abc",
    "created_at": "2024-01-16T09:00:00Z",
    "filename": "notes.txt",
    "mime_type": "text/plain",
}


def test_project_attachments_are_told_apart_by_type() -> None:
    page = models.ProjectAttachmentListResponse.from_dict(
        {
            "data": [
                {**ATTACHMENT, "type": "project_file", "id": "claude_file_1", "filename": None},
                {**ATTACHMENT, "type": "project_doc"},
                {"type": "project_link", "id": "claude_proj_link_1", "url": "https://x"},
            ],
            "has_more": False,
            "next_page": None,
        }
    )
    file, doc, other = page.data
    assert isinstance(file, models.ProjectFileAttachment)
    assert file.filename is None
    assert isinstance(doc, models.ProjectDocAttachment)
    assert doc.mime_type == "text/plain"
    # A type the spec does not know is kept, not a failed page.
    assert isinstance(other, models.UnknownProjectAttachment)
    assert (other.type_, other.id, other["url"]) == (
        "project_link",
        "claude_proj_link_1",
        "https://x",
    )


def test_a_chat_file_deletion_parses_with_or_without_its_type() -> None:
    assert models.DeletedChatFile.from_dict({"id": "claude_file_1"}).id == "claude_file_1"
    typed = models.DeletedChatFile.from_dict({"id": "claude_file_1", "type": "claude_file_deleted"})
    assert typed.type_ == "claude_file_deleted"
    with pytest.raises(ValueError, match="claude_file_deleted"):
        models.DeletedChatFile.from_dict({"id": "claude_file_1", "type": "file_deleted"})
