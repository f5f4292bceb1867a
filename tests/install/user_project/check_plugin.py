"""A user's first test, copied into a fresh project as test_plugin.py: pytest starts, with
claude-files' plugin loaded, whatever extras are installed."""

import pytest


def test_pytest_runs_with_the_plugin_loaded(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.pluginmanager.has_plugin("claude_files")
    assert sum(range(4)) == 6
