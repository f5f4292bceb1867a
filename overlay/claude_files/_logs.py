"""Logging, as the anthropic SDK does it: the `claude_files` logger, off unless asked.

DEBUG: each request (method and URL without its query) and each response (status,
request id, seconds to the headers) or connection error; INFO: each retry (why, and
how long the wait). Headers are never logged, so neither is the key nor any
`extra_headers`. `ANTHROPIC_LOG=debug` or `info` at client creation sets the level
and, as the SDK's `setup_logging`, a basic handler on the root logger (when it has none).
"""

from __future__ import annotations

import logging
import os
import time

import httpx

logger = logging.getLogger("claude_files")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def setup_logging() -> None:
    """Apply `ANTHROPIC_LOG` (`debug` or `info`); anything else leaves logging as it is."""
    level = _LEVELS.get(os.environ.get("ANTHROPIC_LOG", "").lower())
    if level is None:
        return
    logging.basicConfig(
        format="[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s",
        datefmt="%Y-%m-%d %H:%M:%S",
    )
    logger.setLevel(level)


def _where(request: httpx.Request) -> str:
    return f"{request.method} {request.url.copy_with(query=None)}"


def sending(request: httpx.Request) -> float:
    """Log a request about to go out; returns the time it started.

    Each function here does nothing, not even format the URL, unless its level is on:
    they run on every request."""
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("HTTP Request: %s", _where(request))
    return time.monotonic()


def received(request: httpx.Request, response: httpx.Response, started: float) -> None:
    if not logger.isEnabledFor(logging.DEBUG):
        return
    logger.debug(
        'HTTP Response: %s "%d %s" request-id=%s in %.3f s',
        _where(request),
        response.status_code,
        response.reason_phrase,
        response.headers.get("request-id"),
        time.monotonic() - started,
    )


def failed(request: httpx.Request, error: Exception) -> None:
    if not logger.isEnabledFor(logging.DEBUG):
        return
    logger.debug("HTTP Request failed: %s: %s", _where(request), type(error).__name__)


def retry_decision(failure: Exception, wait: float | None, retries_done: int) -> None:
    """Why a failed attempt is retried, and after how long (or why not)."""
    status = getattr(failure, "status_code", None)
    why = f"status {status}" if status else f"{type(failure).__name__} ({failure})"
    if wait is None:
        logger.debug("Not retrying after %s (%d retries done)", why, retries_done)
    else:
        logger.info("Retrying in %.3f s (retry %d) after %s", wait, retries_done + 1, why)
