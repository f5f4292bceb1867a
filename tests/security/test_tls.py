"""TLS certificates are verified by default: by the clients and by the command line.

Checked on the SSL context the connection pool will use (certificate required, host
name checked), on a real handshake with a self-signed server (refused), and in the
source (nothing turns verification off).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import ssl
import subprocess
from pathlib import Path

import httpx
import pytest

import claude_files
from claude_files import APIConnectionError, AsyncClient, Client


def context_of(transport: object) -> ssl.SSLContext:
    inner = getattr(transport, "_inner", transport)  # the CLI wraps httpx's transport
    pool = inner._pool  # type: ignore[attr-defined]
    context = pool._ssl_context
    if not isinstance(context, ssl.SSLContext):  # made when the first TLS connection starts
        context = context.get()
    assert isinstance(context, ssl.SSLContext)
    return context


def assert_verifying(context: ssl.SSLContext) -> None:
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True
    assert context.minimum_version in (ssl.TLSVersion.MINIMUM_SUPPORTED, ssl.TLSVersion.TLSv1_2)


def test_the_sync_client_verifies() -> None:
    with Client(api_key="k") as client:
        assert client.base_url.startswith("https://")
        assert_verifying(context_of(client._http._transport))


def test_the_async_client_verifies() -> None:
    async def main() -> None:
        async with AsyncClient(api_key="k") as client:
            assert_verifying(context_of(client._http._transport))

    asyncio.run(main())


def test_the_cli_verifies() -> None:
    from claude_files.cli._http import http_client

    for verbose in (False, True):
        client = http_client(verbose=verbose)
        try:
            assert_verifying(context_of(client._transport))
        finally:
            asyncio.run(client.aclose())


def test_a_self_signed_server_is_refused(tmp_path: Path) -> None:
    """A real handshake: a TLS server with an untrusted certificate never gets the key."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl command to make a self-signed certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *[openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"],
            *["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"],
            *["-addext", "subjectAltName=IP:127.0.0.1"],
        ],
        check=True,
        capture_output=True,
    )
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    received: list[bytes] = []

    async def main() -> None:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ssl.SSLError, ConnectionError):
                received.append(await reader.read(1024))
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_context)
        port = server.sockets[0].getsockname()[1]
        async with (
            server,
            AsyncClient(api_key="sk-secret", base_url=f"https://127.0.0.1:{port}") as client,
        ):
            with pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
                await client.files.get("file_a")

    asyncio.run(main())
    assert all(b"sk-secret" not in data for data in received)


def test_nothing_in_the_package_turns_verification_off() -> None:
    root = Path(claude_files.__file__).parent
    pattern = re.compile(
        r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False|_create_unverified"
    )
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_httpx_default_is_what_the_clients_get() -> None:
    """The clients build httpx's client without a `verify` argument: httpx's default holds."""
    with httpx.Client() as plain, Client(api_key="k") as client:
        ours, theirs = context_of(client._http._transport), context_of(plain._transport)
        assert ours.verify_mode == theirs.verify_mode == ssl.CERT_REQUIRED
