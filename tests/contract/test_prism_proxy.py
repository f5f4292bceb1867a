"""Prism as a validating proxy (`--errors`) in front of the mock server.

Every request the generated client sends and every response the mock gives passes
through Prism, which checks both against `openapi.yaml`; with `--errors` a violation
becomes an error response (which the scenario's typed assertions would catch), and
the output is scanned for reported violations as well.

Bodies are ASCII here: Prism's proxy decodes bodies as UTF-8 text and is not
byte-transparent for binary content (stoplightio/prism#1321, #2349); byte-exact
transfers are covered against the mock directly.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from claude_files.testing import Fault, MockServer

from ._prism import Prism
from ._scenario import (
    TEXT_PAYLOAD,
    run_code_artifacts_scenario,
    run_compliance_scenario,
    run_error_scenario,
    run_files_scenario,
    run_projects_scenario,
    seed_compliance,
)

pytestmark = pytest.mark.prism


@pytest.fixture(scope="module")
def upstream() -> Iterator[MockServer]:
    with MockServer() as server:
        yield server


@pytest.fixture(scope="module")
def proxy(upstream: MockServer) -> Iterator[Prism]:
    prism = Prism("proxy", "openapi.yaml", upstream.base_url, "--errors")
    yield prism
    prism.stop()


def test_files_scenario_through_proxy(proxy: Prism, upstream: MockServer) -> None:
    mark = proxy.mark()
    steps = run_files_scenario(proxy.base_url, upstream, TEXT_PAYLOAD)
    assert steps == ["upload", "list", "retrieve", "download", "delete"]
    assert proxy.settled_violations(mark) == []


def test_compliance_scenario_through_proxy(proxy: Prism, upstream: MockServer) -> None:
    mark = proxy.mark()
    steps = run_compliance_scenario(
        proxy.base_url, upstream, seed_compliance(upstream, text_only=True)
    )
    assert steps == ["chat files", "generated files", "artifacts"]
    assert proxy.settled_violations(mark) == []


def test_code_artifacts_scenario_through_proxy(proxy: Prism, upstream: MockServer) -> None:
    mark = proxy.mark()
    steps = run_code_artifacts_scenario(proxy.base_url, upstream, byte_exact=False)
    assert steps == ["list", "version content", "content", "delete"]
    assert proxy.settled_violations(mark) == []


def test_projects_scenario_through_proxy(proxy: Prism, upstream: MockServer) -> None:
    mark = proxy.mark()
    steps = run_projects_scenario(proxy.base_url, upstream)
    assert steps == ["attachments", "project file", "documents", "errors"]
    assert proxy.settled_violations(mark) == []


def test_error_scenario_through_proxy(proxy: Prism, upstream: MockServer) -> None:
    mark = proxy.mark()
    steps = run_error_scenario(proxy.base_url, upstream)
    assert steps[-1] == "retryable statuses"
    assert proxy.settled_violations(mark) == []


def test_proxy_reports_violations(proxy: Prism, upstream: MockServer) -> None:
    """The scan is not vacuous: a request and a response that break the spec are both
    reported and turned into errors."""
    headers = {"x-api-key": upstream.api_key, "anthropic-version": "2026-10-21"}
    mark = proxy.mark()
    bad_request = httpx.get(proxy.base_url + "/v1/files", params={"limit": "0"}, headers=headers)
    assert bad_request.status_code == 422
    assert proxy.wait_for_violations(mark) != []

    mark = proxy.mark()
    upstream.inject(Fault.non_json(502), path="/v1/files")  # the spec says 5XX is JSON
    bad_response = httpx.get(proxy.base_url + "/v1/files", headers=headers)
    assert bad_response.status_code == 500
    assert "VIOLATIONS" in bad_response.text
    assert proxy.wait_for_violations(mark) != []
