"""Fixtures for the contract suite, and the schemathesis summary in pytest's report."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._prism import PRISM, Prism

SUMMARY_KEY = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[SUMMARY_KEY] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = terminalreporter.config.stash.get(SUMMARY_KEY, [])
    if lines:
        terminalreporter.section("schemathesis against the mock server")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def summary_lines(request: pytest.FixtureRequest) -> list[str]:
    """Lines a test wants printed at the end of the run (the schemathesis summary)."""
    return request.config.stash[SUMMARY_KEY]


@pytest.fixture(scope="module")
def prism_mock() -> Iterator[Prism]:
    """`prism mock openapi.yaml` on a free port, for this module."""
    if not PRISM.exists():
        pytest.fail("node_modules/.bin/prism is missing: run `make node_modules/.installed`")
    prism = Prism("mock", "openapi.yaml")
    yield prism
    prism.stop()
