"""`claude-files mock-server`: the embedded mock, in the foreground until Ctrl-C."""

from __future__ import annotations

import shlex
import threading
from pathlib import Path

import click

from claude_files.testing import MockExtraMissingError


class _ExtraMissing(click.ClickException):
    """An environment problem, not a failed item: exit 2, as for the missing `cli` extra."""

    exit_code = 2


def serve(*, port: int, seed: Path | None) -> int:
    try:
        from claude_files.testing import MockServer
    except MockExtraMissingError as exc:
        raise _ExtraMissing(str(exc)) from None
    stop = threading.Event()
    with MockServer(port=port, fixture=seed) as server:
        # The mock's keys are made up for this server; printing them is the point.
        click.echo(f"mock server on {server.base_url} (Ctrl-C stops it)", err=True)
        click.echo(f"export ANTHROPIC_BASE_URL={shlex.quote(server.base_url)}")
        click.echo(f"export ANTHROPIC_API_KEY={shlex.quote(server.api_key)}")
        click.echo(f"export ANTHROPIC_COMPLIANCE_API_KEY={shlex.quote(server.compliance_api_key)}")
        try:
            while not stop.wait(0.5):
                if not server.running:
                    raise click.ClickException("the mock server stopped")
        except KeyboardInterrupt:
            click.echo("mock server stopped", err=True)
    return 0
