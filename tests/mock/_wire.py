"""Helpers for the mock tests: request headers, and a raw socket for wire-level faults."""

from __future__ import annotations

import socket
from dataclasses import dataclass

from claude_files.testing import MockServer

VERSION = "2026-10-21"


def files_headers(server: MockServer, **extra: str) -> dict[str, str]:
    return {"x-api-key": server.api_key, "anthropic-version": VERSION, **extra}


def compliance_headers(server: MockServer, **extra: str) -> dict[str, str]:
    return {"authorization": f"Bearer {server.compliance_api_key}", **extra}


@dataclass
class RawResponse:
    """Exactly the bytes a client received before the server closed the connection."""

    head: bytes
    body: bytes

    @property
    def status(self) -> int:
        return int(self.head.split(b" ", 2)[1])

    def header(self, name: str) -> str | None:
        for line in self.head.split(b"\r\n")[1:]:
            key, _, value = line.partition(b":")
            if key.strip().lower() == name.lower().encode():
                return value.strip().decode("latin-1")
        return None


def raw_get(server: MockServer, path: str, headers: dict[str, str]) -> RawResponse:
    """GET with `Connection: close` over a plain socket, reading until the server closes."""
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{server.port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        received = bytearray()
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = bytes(received).partition(b"\r\n\r\n")
    return RawResponse(head=head, body=body)
