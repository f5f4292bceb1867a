"""Running Prism (`node_modules/.bin/prism`) as a child process for one test module.

Prism is started in its own process group on a free loopback port and stopped by
that group's id, so no node process outlives the tests. Its output is collected
line by line: the proxy tests scan it for reported violations.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
OPENAPI = ROOT / "openapi.yaml"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Prism:
    """`prism mock` or `prism proxy` on 127.0.0.1, with its output kept in `lines`."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        self._lock = threading.Lock()
        self._process = subprocess.Popen(
            [str(PRISM), *args, "-h", "127.0.0.1", "-p", str(self.port)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._wait_until_listening()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            with self._lock:
                self.lines.append(line.rstrip("\n"))

    def _wait_until_listening(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("prism exited early:\n" + "\n".join(self.output()))
            if any("Prism is listening" in line for line in self.output()):
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("prism did not start:\n" + "\n".join(self.output()))

    def output(self) -> list[str]:
        with self._lock:
            return list(self.lines)

    def mark(self) -> int:
        """The number of output lines so far, to read only what comes after."""
        return len(self.output())

    def violations(self, since: int = 0) -> list[str]:
        """Output lines in which Prism reports a request or response violation."""
        return [
            line
            for line in self.output()[since:]
            if "violation" in line.lower()
            or "\u2716" in line
            or "error" in line.lower().split("]")[-1][:20]
        ]

    def settled_violations(self, since: int = 0, wait: float = 0.5) -> list[str]:
        """`violations()` after giving Prism's log, which trails its responses, time to arrive."""
        time.sleep(wait)
        return self.violations(since)

    def wait_for_violations(self, since: int = 0, timeout: float = 10.0) -> list[str]:
        deadline = time.monotonic() + timeout
        while not (found := self.violations(since)) and time.monotonic() < deadline:
            time.sleep(0.05)
        return found

    def stop(self) -> None:
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(10)
        self._reader.join(5)
