"""`AsyncClient`: configuration, the connection pool, and the resources.

What the client does is in the resources and the driver; this only puts them together.
"""

from __future__ import annotations

import dataclasses
from typing import Literal, Self

import httpx

from claude_files import _logs
from claude_files._async._driver import AsyncDriver
from claude_files._async._resources import AsyncCompliance, AsyncFiles
from claude_files._config import (
    DEFAULT_API_VERSION,
    DEFAULT_MAX_DOWNLOAD_BYTES,
    DEFAULT_TIMEOUT,
    Config,
    Setting,
)
from claude_files._errors import InvalidArgumentError
from claude_files._options import NOT_GIVEN, NotGiven, Timeout, given
from claude_files._pacing import RequestPacer
from claude_files._retry import RetryPolicy
from claude_files._telemetry import OpenTelemetryOption, Telemetry
from claude_files._transport import AsyncTransport


class AsyncClient:
    """A client for the Files API and the Compliance API's file endpoints.

    `Client` and `AsyncClient` have the same surface (the second's awaited, its file
    work in worker threads, never on the event loop).
    """

    def __init__(
        self,
        api_key: str | None = None,
        compliance_api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = 2,
        max_download_bytes: int | None = DEFAULT_MAX_DOWNLOAD_BYTES,
        api_version: str = DEFAULT_API_VERSION,
        workspace_id: str | None = None,
        auth: Literal["x-api-key", "bearer"] = "x-api-key",
        http_client: httpx.AsyncClient | None = None,
        compliance_api_version: str | None = None,
        open_telemetry: OpenTelemetryOption = None,
        pacer: RequestPacer | None = None,
    ) -> None:
        """Keys default to `ANTHROPIC_API_KEY` and `ANTHROPIC_COMPLIANCE_API_KEY` (else
        `ANTHROPIC_COMPLIANCE_ACCESS_KEY`, the name in the Compliance API's reference), the URL
        to `ANTHROPIC_BASE_URL` or the public API; a missing key is an error only when
        an API that needs it is used.

        `timeout` is per request: float seconds, an `httpx.Timeout`, or None for none
        (by default 600 s, 5 s to connect, or the `http_client`'s own). Pass
        `http_client` to share one httpx client: it is then yours to close (`copy()` and
        `with_options()` share this client's). `max_download_bytes` caps what
        `download()` holds in memory (None: no cap); downloads to a file or a stream are
        capped only by their own `max_bytes`. `workspace_id` is sent with every Files
        API request; `auth="bearer"` sends the key as `Authorization: Bearer`.
        `api_version` is the Files API's `anthropic-version`; the Compliance API
        documents no such header, so its requests send one only when
        `compliance_api_version` is given (any value: it is passed as is).
        `open_telemetry` traces each API call as one OpenTelemetry span when
        `opentelemetry-api` is installed (the `otel` extra): None reads
        `ANTHROPIC_OPEN_TELEMETRY` (`false`: off), `False` is off, or the anthropic SDK's
        options (`claude_files._telemetry`). `pacer` (a `RequestPacer`) paces every
        request this client sends, each retry and list page included: at most its
        `max_requests` started in any `per` seconds, and a 429's `retry-after` holds
        them all back. Clients given one pacer share its budget (as the Compliance
        API's 600 requests a minute are shared by an organisation's keys); `copy()`
        keeps this client's.
        """
        if max_retries < 0:
            raise InvalidArgumentError("max_retries must be >= 0")
        self._config = Config.make(
            api_key,
            compliance_api_key,
            base_url,
            timeout,
            max_download_bytes,
            api_version,
            workspace_id,
            auth,
            compliance_api_version,
        )
        _logs.setup_logging()
        self._owns_http = http_client is None
        own_timeout = DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout
        self._http = http_client or httpx.AsyncClient(
            timeout=own_timeout, transport=AsyncTransport()
        )
        self._driver = AsyncDriver(
            self._http,
            self._config,
            RetryPolicy(max_retries=max_retries),
            Telemetry(open_telemetry, self._config.base_url),
            pacer,
        )
        self.files = AsyncFiles(self._driver)
        self.compliance = AsyncCompliance(self._driver)

    # The configuration, read-only: each is what the client's requests use.
    base_url: Setting[str] = Setting()
    timeout: Setting[Timeout | NotGiven] = Setting()
    auth: Setting[Literal["x-api-key", "bearer"]] = Setting()
    api_version: Setting[str] = Setting()
    compliance_api_version: Setting[str | None] = Setting()
    workspace_id: Setting[str | None] = Setting()
    max_download_bytes: Setting[int | None] = Setting()

    @property
    def pacer(self) -> RequestPacer | None:
        """What paces this client's requests (None: nothing, they go at once)."""
        return self._driver.pacer

    @property
    def max_retries(self) -> int:
        """How many times a failed request is retried (connection errors, 408, 409,
        429, 5xx)."""
        return self._driver.policy.max_retries

    # Tests set these: the retry policy, and how the client waits before a retry.
    _policy = property(
        lambda self: self._driver.policy, lambda self, v: setattr(self._driver, "policy", v)
    )
    _sleep = property(
        lambda self: self._driver.sleep, lambda self, v: setattr(self._driver, "sleep", v)
    )

    def copy(
        self,
        *,
        api_key: str | None = None,
        compliance_api_key: str | None = None,
        base_url: str | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        max_download_bytes: int | NotGiven | None = NOT_GIVEN,
        api_version: str | None = None,
        workspace_id: str | NotGiven | None = NOT_GIVEN,
        auth: Literal["x-api-key", "bearer"] | None = None,
        compliance_api_version: str | NotGiven | None = NOT_GIVEN,
        open_telemetry: OpenTelemetryOption | NotGiven = NOT_GIVEN,
        pacer: RequestPacer | NotGiven | None = NOT_GIVEN,
    ) -> Self:
        """A client with these options changed and the rest as this one's (also
        `with_options`, as in the anthropic SDK).

        The copy sends through this client's connection pool and does not own it:
        closing the copy leaves the pool open, closing this client closes it for both.
        """
        config = self._config
        twin = type(self)(
            api_key=api_key or config.keys["files"],
            compliance_api_key=compliance_api_key or config.keys["compliance"],
            base_url=base_url or config.base_url,
            timeout=given(timeout, config.timeout),
            max_retries=self.max_retries if max_retries is None else max_retries,
            max_download_bytes=given(max_download_bytes, config.max_download_bytes),
            api_version=api_version or config.api_version,
            workspace_id=given(workspace_id, config.workspace_id),
            auth=auth or config.auth,
            http_client=self._http,
            compliance_api_version=given(compliance_api_version, config.compliance_api_version),
            open_telemetry=given(open_telemetry, self._open_telemetry()),
            pacer=given(pacer, self._driver.pacer),
        )
        twin._driver.policy = dataclasses.replace(self._driver.policy, max_retries=twin.max_retries)
        twin._driver.sleep = self._driver.sleep
        return twin

    with_options = copy

    def _open_telemetry(self) -> OpenTelemetryOption:
        """This client's tracing as an option (resolved: a copy reads no environment)."""
        telemetry = self._driver.telemetry
        return {
            "traces": telemetry.traces,
            "propagation": telemetry.propagation,
            "tracer_provider": telemetry.tracer_provider,
        }

    async def close(self) -> None:
        """Close the connection pool, when this client made it (not a `copy()`'s, nor
        an `http_client` you passed: that one is yours to close)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        keys = ", ".join(
            f"{api}_key={'set' if key else 'missing'}" for api, key in self._config.keys.items()
        )
        return f"{type(self).__name__}(base_url={self.base_url!r}, {keys})"
