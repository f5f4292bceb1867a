"""The options every command shares, and the one client a run uses."""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claude_files.cli._output import Output, Redactor

if TYPE_CHECKING:
    from claude_files import AsyncClient

ENV_API_KEY = "ANTHROPIC_API_KEY"
ENV_COMPLIANCE_API_KEY = "ANTHROPIC_COMPLIANCE_API_KEY"
#: Revision J's name for the Compliance key; ENV_COMPLIANCE_API_KEY wins when both are set.
ENV_COMPLIANCE_ACCESS_KEY = "ANTHROPIC_COMPLIANCE_ACCESS_KEY"
ENV_BASE_URL = "ANTHROPIC_BASE_URL"
MAX_RETRIES = 2


class MissingKeyError(Exception):
    """No key for the API a command talks to: a usage error (exit 2), one line."""

    def __init__(self, env: str, option: str) -> None:
        super().__init__(f"no API key: set {env} or pass {option}")


@dataclass
class Settings:
    api_key: str | None = None
    compliance_api_key: str | None = None
    base_url: str | None = None
    #: `--compliance-api-version`: the `anthropic-version` Compliance requests send.
    compliance_api_version: str | None = None
    json_mode: bool = False
    verbose: bool = False
    #: The command being run (`files get`), named in every --json line.
    command: str = ""

    def redactor(self) -> Redactor:
        return Redactor([self.api_key, self.compliance_api_key])

    def output(self, *, progress: bool = True) -> Output:
        return Output(
            json_mode=self.json_mode,
            redact=self.redactor(),
            progress=progress,
            command=self.command,
        )

    def require(self, api: str) -> None:
        """Fail early, naming the variable, when the key `api` needs is missing."""
        if api == "files" and not self.api_key:
            raise MissingKeyError(ENV_API_KEY, "--api-key")
        if api == "compliance" and not self.compliance_api_key:
            env = f"{ENV_COMPLIANCE_API_KEY} (or {ENV_COMPLIANCE_ACCESS_KEY})"
            raise MissingKeyError(env, "--compliance-api-key")

    @asynccontextmanager
    async def client(self) -> AsyncIterator[AsyncClient]:
        """The run's one client. Downloads to disk have no size cap unless asked.

        The client (httpx, the generated models) is imported here, not with the command
        tree: `--version` and `--help` never load it."""
        from claude_files import AsyncClient
        from claude_files.cli._http import http_client

        async with (
            http_client(verbose=self.verbose) as http,
            AsyncClient(
                api_key=self.api_key,
                compliance_api_key=self.compliance_api_key,
                compliance_api_version=self.compliance_api_version,
                base_url=self.base_url,
                max_retries=MAX_RETRIES,
                max_download_bytes=None,
                http_client=http,
            ) as client,
        ):
            yield client

    def configure_logging(self) -> logging.Handler | None:
        """`--verbose`: each request and retry on stderr, keys redacted; the handler."""
        if not self.verbose:
            return None
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_RedactingFormatter(self.redactor()))
        logger = logging.getLogger("claude_files")
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
        return handler


class _RedactingFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__("%(name)s: %(message)s")
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self._redact(super().format(record))
