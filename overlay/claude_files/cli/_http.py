"""The one httpx client a run shares: the library's own transport, and `--verbose` logs.

Progress is not counted here: each transfer hands its bar to the library as
`on_progress`, which says what a bar needs (a retry that starts over, a resumed body).
"""

from __future__ import annotations

import logging

import httpx

from claude_files import AsyncTransport

log = logging.getLogger("claude_files.cli")

TIMEOUT = httpx.Timeout(600.0, connect=10.0)


async def _log_request(request: httpx.Request) -> None:
    log.info("-> %s %s", request.method, request.url)


async def _log_response(response: httpx.Response) -> None:
    request = response.request
    log.info(
        "<- %s %s: %d %s (request id %s)",
        request.method,
        request.url,
        response.status_code,
        response.reason_phrase,
        response.headers.get("request-id", "none"),
    )


def http_client(*, verbose: bool) -> httpx.AsyncClient:
    """What `AsyncClient` would make for itself (its transport, which reads bodies in
    big pieces), plus the request log when `verbose`."""
    hooks = {"request": [_log_request], "response": [_log_response]} if verbose else {}
    return httpx.AsyncClient(
        transport=AsyncTransport(),
        timeout=TIMEOUT,
        event_hooks=hooks,  # type: ignore[arg-type]
    )
