"""pytest plugin: fixtures for claude_files.testing."""
