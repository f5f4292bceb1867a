"""The reliability suite shares one mock server per session (see tests/_support.py)."""

from tests._support import server, shared_server

__all__ = ["server", "shared_server"]
