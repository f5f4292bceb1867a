"""The spans' routes and names (`claude_files._otel.OPERATIONS`) are the spec's
operations, every one of them, read from the generated package's table of operations
(tests/generated/test_operations.py checks it against the spec); every generated
module's operation has a span name; and a request's path finds its template."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claude_files._otel import OPERATIONS, SPAN_NAMES, route_of
from claude_files_openapi import api

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
ENDPOINTS = ROOT / "generated" / "claude_files_openapi" / "api"
METHODS = ("get", "post", "put", "patch", "delete")


def spec_operations() -> set[tuple[str, str]]:
    paths = yaml.safe_load(SPEC.read_text())["paths"]
    return {(m.upper(), path) for path, item in paths.items() for m in item if m in METHODS}


def test_every_operation_of_the_spec_has_a_span_name_and_no_other() -> None:
    assert set(OPERATIONS) == spec_operations()


def test_every_generated_endpoint_module_has_a_span_name_and_no_other() -> None:
    modules = {path.stem for path in ENDPOINTS.glob("*/*.py") if path.stem != "__init__"}
    assert len(modules) == len(spec_operations())
    assert {operation_id for operation_id, _, _ in api.OPERATIONS} == modules
    assert set(SPAN_NAMES) == modules
    assert set(OPERATIONS.values()) == set(SPAN_NAMES.values())


def test_names_are_the_sdks_for_the_files_api() -> None:
    files = {name for (_, route), name in OPERATIONS.items() if route.startswith("/v1/files")}
    assert files == {
        "anthropic.files.upload",
        "anthropic.files.list",
        "anthropic.files.retrieve_metadata",
        "anthropic.files.delete",
        "anthropic.files.download",
    }


@pytest.mark.parametrize(
    ("method", "path", "route"),
    [
        ("GET", "/v1/files", "/v1/files"),
        ("GET", "/v1/files/file_1", "/v1/files/{file_id}"),
        ("GET", "/v1/files/file_1/content", "/v1/files/{file_id}/content"),
        (
            "GET",
            "/v1/compliance/apps/code/artifacts/cart_1/versions/v1",
            "/v1/compliance/apps/code/artifacts/{artifact_id}/versions/{version_id}",
        ),
        ("PUT", "/v1/files/file_1", None),
        ("GET", "/v1/files/a/b/content", None),
        ("GET", "/v2/files", None),
    ],
)
def test_a_path_finds_its_template(method: str, path: str, route: str | None) -> None:
    assert route_of(method, path) == route
