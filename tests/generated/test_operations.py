"""Every operation in openapi.yaml is a generated module with sync and async forms."""

from __future__ import annotations

import importlib
import io
import inspect
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from claude_files_openapi import api

SPEC = cast(
    dict[str, Any],
    yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi.yaml").read_text()),
)
OPERATIONS = sorted(
    (op["tags"][0], op["operationId"], method, path)
    for path, item in SPEC["paths"].items()
    for method, op in item.items()
    if method != "parameters"
)


def test_the_spec_describes_every_file_endpoint() -> None:
    assert [(tag, op_id) for tag, op_id, _, _ in OPERATIONS] == [
        ("compliance_artifacts", "download_artifact_version"),
        ("compliance_chat_files", "delete_chat_file"),
        ("compliance_chat_files", "download_chat_file"),
        ("compliance_chat_files", "get_chat_file"),
        ("compliance_code_artifacts", "delete_code_artifact"),
        ("compliance_code_artifacts", "download_code_artifact"),
        ("compliance_code_artifacts", "get_code_artifact_version"),
        ("compliance_code_artifacts", "list_code_artifacts"),
        ("compliance_generated_files", "download_generated_file"),
        ("compliance_generated_files", "get_generated_file"),
        ("compliance_projects", "delete_project_document"),
        ("compliance_projects", "get_project_document"),
        ("compliance_projects", "list_project_attachments"),
        ("files", "delete_file"),
        ("files", "download_file"),
        ("files", "get_file_metadata"),
        ("files", "list_files"),
        ("files", "upload_file"),
    ]


@pytest.mark.parametrize(("tag", "operation_id", "method", "path"), OPERATIONS)
def test_operation_is_generated_with_sync_and_async_forms(
    tag: str, operation_id: str, method: str, path: str
) -> None:
    module = importlib.import_module(f"claude_files_openapi.api.{tag}.{operation_id}")
    for name in ("sync", "sync_detailed"):
        assert callable(getattr(module, name))
        assert not inspect.iscoroutinefunction(getattr(module, name))
    for name in ("asyncio", "asyncio_detailed"):
        assert inspect.iscoroutinefunction(getattr(module, name))
    # The request builder the overlay reuses says the same method and path as the spec.
    params = inspect.signature(module._get_kwargs).parameters
    args: dict[str, Any] = {
        name: "x" for name, p in params.items() if p.default is inspect.Parameter.empty
    }
    if "body" in args:
        from claude_files_openapi.models import FileUploadBody
        from claude_files_openapi.types import File

        args["body"] = FileUploadBody(file=File(payload=io.BytesIO(), file_name="a"))
    kwargs = module._get_kwargs(**args)
    assert kwargs["method"] == method
    expected = path
    for name in params:
        expected = expected.replace("{" + name + "}", "x")
    assert kwargs["url"] == expected


def test_no_operation_uses_a_default_response() -> None:
    for path, item in SPEC["paths"].items():
        for method, op in item.items():
            if method != "parameters":
                assert "default" not in op["responses"], f"{method} {path}"
                assert {"4XX", "5XX"} <= set(op["responses"]), f"{method} {path}"


@pytest.mark.parametrize(("tag", "operation_id", "method", "path"), OPERATIONS)
def test_operation_module_names_its_method_and_path_template(
    tag: str, operation_id: str, method: str, path: str
) -> None:
    """generator-templates/endpoint_module.py.jinja adds these; the overlay's spans read them."""
    module = importlib.import_module(f"claude_files_openapi.api.{tag}.{operation_id}")
    assert (module.OPERATION_ID, module.METHOD, module.PATH) == (operation_id, method.upper(), path)


def test_the_generated_table_of_operations_is_the_spec() -> None:
    """generator-templates/api_init.py.jinja writes it (each row what the module above
    names); the overlay's spans read it without importing the modules."""
    spec = [(operation_id, method.upper(), path) for _, operation_id, method, path in OPERATIONS]
    assert sorted(api.OPERATIONS) == sorted(spec)
    assert len(set(api.OPERATIONS)) == len(api.OPERATIONS)
