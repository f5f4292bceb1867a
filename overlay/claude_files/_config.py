"""A client's configuration, and how it turns a generated request into a sendable one.

Shared by `Client` and `AsyncClient` and handed, with the driver, to every resource:
keys, base URL, versions, workspace, caps. Checked once, when the client is made.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from typing import Any, Generic, Literal, TypeVar, cast

import httpx

from claude_files._errors import ClaudeFilesError, InvalidArgumentError
from claude_files._options import NotGiven, RequestOptions, Timeout
from claude_files._version import __version__
from claude_files_openapi.models.anthropic_version import (
    ANTHROPIC_VERSION_VALUES,
    check_anthropic_version,
)
from claude_files_openapi.types import UNSET

DEFAULT_BASE_URL = "https://api.anthropic.com"
DEFAULT_API_VERSION = "2026-10-21"
DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
DEFAULT_MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024

Api = Literal["files", "compliance"]
Auth = Literal["x-api-key", "bearer"]
T = TypeVar("T")
#: Where each API's key may come from, first set wins. The seeds name the Compliance
#: key ANTHROPIC_COMPLIANCE_API_KEY, the Compliance API reference's revision J
#: ANTHROPIC_COMPLIANCE_ACCESS_KEY: the first keeps precedence, so a setup that works
#: today keeps the key it uses when the second is set as well.
KEY_VARIABLES: dict[Api, tuple[str, ...]] = {
    "files": ("ANTHROPIC_API_KEY",),
    "compliance": ("ANTHROPIC_COMPLIANCE_API_KEY", "ANTHROPIC_COMPLIANCE_ACCESS_KEY"),
}


def _key_from_env(api: Api) -> str | None:
    return next((os.environ[name] for name in KEY_VARIABLES[api] if os.environ.get(name)), None)


class Setting(Generic[T]):
    """A client attribute read from its `Config` (one source: what requests use)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, client: Any, owner: type | None = None) -> T:
        return cast(T, getattr(client._config, self._name))

    def __set__(self, client: Any, value: object) -> None:
        raise AttributeError(
            f"{self._name} is read-only: make a client with copy({self._name}=...)"
        )


@dataclasses.dataclass(frozen=True)
class Config:
    """What every request of a client shares (see `Client` for each option)."""

    keys: Mapping[Api, str | None]
    base_url: str
    timeout: Timeout | NotGiven
    max_download_bytes: int | None
    api_version: str
    compliance_api_version: str | None
    workspace_id: str | None
    auth: Auth

    @classmethod
    def make(
        cls,
        api_key: str | None,
        compliance_api_key: str | None,
        base_url: str | None,
        timeout: Timeout | NotGiven,
        max_download_bytes: int | None,
        api_version: str,
        workspace_id: str | None,
        auth: Auth,
        compliance_api_version: str | None,
    ) -> Config:
        """The configuration from a client's arguments, the environment filling in."""
        if max_download_bytes is not None and max_download_bytes < 0:
            raise InvalidArgumentError("max_download_bytes must be >= 0 (or None for no cap)")
        if api_version not in ANTHROPIC_VERSION_VALUES:
            raise InvalidArgumentError(
                f"api_version must be one of {sorted(ANTHROPIC_VERSION_VALUES)}"
            )
        if compliance_api_version is not None and (
            not isinstance(compliance_api_version, str)
            or not compliance_api_version.strip()
            or not compliance_api_version.isprintable()
        ):
            raise InvalidArgumentError("compliance_api_version must be a non-empty header value")
        if auth not in ("x-api-key", "bearer"):
            raise InvalidArgumentError('auth must be "x-api-key" or "bearer"')
        url = base_url or os.environ.get("ANTHROPIC_BASE_URL") or DEFAULT_BASE_URL
        return cls(
            keys={
                "files": api_key or _key_from_env("files"),
                "compliance": compliance_api_key or _key_from_env("compliance"),
            },
            base_url=url.rstrip("/"),
            timeout=timeout,
            max_download_bytes=max_download_bytes,
            api_version=api_version,
            compliance_api_version=compliance_api_version,
            workspace_id=workspace_id,
            auth=auth,
        )

    def auth_headers(self, api: Api) -> dict[str, str]:
        """The auth header for `api`; a clear error when its key is missing."""
        key = self.keys[api]
        if not key:
            what = "api_key" if api == "files" else "compliance_api_key"
            raise ClaudeFilesError(
                f"no {api} API key: pass {what}= to the client or set "
                + " or ".join(KEY_VARIABLES[api])
            )
        return {"Authorization": f"Bearer {key}"} if self.auth == "bearer" else {"x-api-key": key}

    def complete(self, kwargs: dict[str, Any], api: Api, options: RequestOptions) -> dict[str, Any]:
        """A generated `_get_kwargs` result made sendable: absolute URL, auth, and the
        call's options (its `extra_headers` last, so they can replace any header)."""
        headers = {
            **kwargs.get("headers", {}),
            **self.auth_headers(api),
            "User-Agent": f"claude-files/{__version__}",
        }
        complete = {**kwargs, "url": self.base_url + kwargs["url"], "headers": headers}
        return options.apply(complete, self.timeout)

    def version(self, api: Api) -> dict[str, Any]:
        """The `anthropic_version` argument of a generated endpoint: the Files API's
        always; on the Compliance API none, unless `compliance_api_version` was given."""
        if api == "compliance":
            return {"anthropic_version": self.compliance_api_version or UNSET}
        return {"anthropic_version": check_anthropic_version(self.api_version)}

    def cap(self, max_bytes: int | None, *, memory: bool = False) -> int | None:
        """A call's cap. `max_download_bytes` protects memory: it is the default for
        `download()` only; to a file or a stream, no cap unless asked."""
        if max_bytes is None:
            return self.max_download_bytes if memory else None
        if max_bytes < 0:
            raise InvalidArgumentError("max_bytes must be >= 0")
        return max_bytes
