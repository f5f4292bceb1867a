"""`python -m claude_files.cli`: the `claude-files` command."""

from claude_files.cli import program

raise SystemExit(program())
