"""`python -m claude_files.cli`: the `claude-files` command."""

from claude_files.cli import main

raise SystemExit(main())
