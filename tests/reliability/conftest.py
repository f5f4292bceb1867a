"""The reliability suite shares one mock server per session (see tests/_support.py).

Each test starts with the `claude_files` logger at its default level: a CLI test run
with `--verbose` in this process leaves it at DEBUG, and pytest would then keep every
record of a 200-download leak test in memory, which the test would count as a leak.
"""

import logging
from collections.abc import Iterator

import pytest

from tests._support import server, shared_server

__all__ = ["server", "shared_server"]


@pytest.fixture(autouse=True)
def quiet_client_logger() -> Iterator[None]:
    logger = logging.getLogger("claude_files")
    level = logger.level
    logger.setLevel(logging.NOTSET)
    yield
    logger.setLevel(level)
