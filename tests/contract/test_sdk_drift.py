"""Drift: everything the pinned official SDK knows about the file endpoints is in openapi.yaml.

Reads the SDK's own types (file metadata, the deleted file, the list and upload
parameters, the cursor page) and the error codes its files methods document
(`Raises:` in their docstrings, mapped to codes through the SDK's error table), and
checks each against the spec. One test per item, named after it, so bumping the SDK pin
shows at once, field by field, what the API added.

A gap already known and reported is marked `xfail(strict=True)`: the test then fails
the day the spec gains it, so the marker is removed with the fix.
"""

from __future__ import annotations

import inspect
import re
from functools import cache
from typing import Any

import anthropic
import pytest
import yaml
from anthropic._error_classes import ERROR_CLASSES
from anthropic.pagination import SyncPageCursor
from anthropic.resources.beta.files import Files as BetaFiles
from anthropic.resources.files import Files
from anthropic.types.beta import file_list_params as beta_list_params
from anthropic.types.beta.beta_file_metadata import BetaFileMetadata
from anthropic.types.beta.beta_file_scope import BetaFileScope
from anthropic.types.deleted_file import DeletedFile
from anthropic.types.file_list_params import FileListParams
from anthropic.types.file_metadata import FileMetadata
from anthropic.types.file_upload_params import FileUploadParams

from ._prism import OPENAPI

SDK_VERSION = "2.13.0"

# SDK parameter → where the spec carries it, when not a same-named query parameter.
PARAMETER_NAMES = {
    "ids": ("query", "ids[]"),
    "workspace_id": ("header", "anthropic-workspace-id"),
    "betas": ("header", "anthropic-beta"),
}

#: Fields the SDK has and the spec knowingly lacks: name -> why (each an expected failure).
KNOWN_GAPS: dict[str, str] = {}


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    return loaded


def resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def schema_properties(name: str) -> set[str]:
    return set(resolve(spec()["components"]["schemas"][name]).get("properties", {}))


def operation(operation_id: str) -> dict[str, Any]:
    for item in spec()["paths"].values():
        for _method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                merged = dict(op)
                merged["parameters"] = [*item.get("parameters", []), *op.get("parameters", [])]
                return merged
    raise KeyError(operation_id)


def parameters(operation_id: str) -> set[tuple[str, str]]:
    found = set()
    for raw in operation(operation_id)["parameters"]:
        parameter = resolve(raw)
        found.add((parameter["in"], parameter["name"]))
    return found


def upload_fields() -> set[str]:
    body = operation("upload_file")["requestBody"]["content"]["multipart/form-data"]["schema"]
    return set(resolve(body)["properties"])


def _fields(model: Any) -> set[str]:
    return set(model.model_fields)


def _params(typed_dict: Any) -> set[str]:
    return set(typed_dict.__annotations__)


def documented_error_codes() -> dict[str, set[str]]:
    """Error code → the files methods whose docstrings say they raise it."""
    by_class = {cls.__name__: code for (_, code), cls in ERROR_CLASSES.items() if code}
    codes: dict[str, set[str]] = {}
    for resource in (Files, BetaFiles):
        for name in ("upload", "list", "retrieve_metadata", "download", "delete"):
            doc = inspect.getdoc(getattr(resource, name)) or ""
            raises = doc.split("Raises:", 1)[-1] if "Raises:" in doc else ""
            for class_name in re.findall(r"^\s*(\w+Error):", raises, re.MULTILINE):
                code = by_class.get(class_name)
                if code:
                    codes.setdefault(code, set()).add(f"{resource.__module__}.{name}")
    return codes


def spec_error_codes() -> str:
    """The text in which the spec documents error codes (ErrorDetails and the responses)."""
    details = spec()["components"]["schemas"]["ErrorDetails"]
    return yaml.safe_dump(details) + yaml.safe_dump(spec()["components"]["responses"])


def _items() -> list[Any]:
    items: list[tuple[str, str, Any]] = []
    for field in sorted(_fields(FileMetadata) | _fields(BetaFileMetadata)):
        items.append(("FileMetadata." + field, "schema", ("FileMetadata", field)))
    for field in sorted(_fields(BetaFileScope)):
        items.append(("FileScope." + field, "schema", ("FileScope", field)))
    for field in sorted(_fields(DeletedFile)):
        items.append(("DeletedFile." + field, "schema", ("DeletedFile", field)))
    for field in sorted(_fields(SyncPageCursor)):
        items.append(("FileListResponse." + field, "schema", ("FileListResponse", field)))
    for field in sorted(_params(FileListParams) | _params(beta_list_params.FileListParams)):
        items.append(("FileListParams." + field, "parameter", ("list_files", field)))
    for field in sorted(_params(FileUploadParams)):
        items.append(("FileUploadParams." + field, "upload", field))
    for code in sorted(documented_error_codes()):
        items.append(("error_code:" + code, "error_code", code))
    return [
        pytest.param(
            kind,
            target,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[name])]
            if name in KNOWN_GAPS
            else [],
        )
        for name, kind, target in items
    ]


def test_sdk_is_the_pinned_version() -> None:
    assert anthropic.__version__ == SDK_VERSION, "bumped the SDK? read this module's docstring"


def test_sdk_documents_error_codes_for_files() -> None:
    """The docstring scan finds something, so the per-code tests are not vacuous."""
    codes = documented_error_codes()
    assert {"file_not_downloadable", "file_expired", "storage_quota_exceeded"} <= set(codes)
    assert "organization_on_hold" in codes


@pytest.mark.parametrize(("kind", "target"), _items())
def test_spec_has_what_the_sdk_knows(kind: str, target: Any) -> None:
    if kind == "schema":
        schema, field = target
        assert field in schema_properties(schema), (
            f"openapi.yaml: components.schemas.{schema} lacks the property {field!r} "
            f"that anthropic {SDK_VERSION} has"
        )
    elif kind == "parameter":
        operation_id, field = target
        location, name = PARAMETER_NAMES.get(field, ("query", field))
        assert (location, name) in parameters(operation_id), (
            f"openapi.yaml: {operation_id} lacks the {location} parameter {name!r} "
            f"(the SDK's {field!r})"
        )
    elif kind == "upload":
        field = target
        if field in PARAMETER_NAMES:
            location, name = PARAMETER_NAMES[field]
            assert (location, name) in parameters("upload_file"), (
                f"openapi.yaml: upload_file lacks the {location} parameter {name!r}"
            )
        else:
            assert field in upload_fields(), (
                f"openapi.yaml: the upload body (FileUploadBody) lacks the field {field!r}"
            )
    else:
        code = target
        assert re.search(rf"\b{re.escape(code)}\b", spec_error_codes()), (
            f"openapi.yaml: the error code {code!r}, which the SDK's files methods raise "
            f"({', '.join(sorted(documented_error_codes()[code]))}), is not documented "
            "in components.schemas.ErrorDetails"
        )


def test_a_missing_field_fails_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check bites: remove `expires_at` from a copy of the spec and it names the field."""
    import copy
    import sys

    broken = copy.deepcopy(spec())
    del broken["components"]["schemas"]["FileMetadata"]["properties"]["expires_at"]
    monkeypatch.setattr(sys.modules[__name__], "spec", lambda: broken)
    with pytest.raises(AssertionError, match="FileMetadata lacks the property 'expires_at'"):
        test_spec_has_what_the_sdk_knows("schema", ("FileMetadata", "expires_at"))
