"""How fast raw httpx reads a big body, with httpx's transports and with claude_files'.

Run by hand: `python bench/transport_speed.py [--size-mib 256] [--runs 5] [--dir /dev/shm]`.

Serves one file of random bytes over loopback twice: plain HTTP from `bench/server.py`
(sendfile, `Content-Length`) and TLS from `openssl s_server -quiet -WWW` (a throwaway
self-signed certificate, trusted through `SSL_CERT_FILE`; the body is close-delimited).
Each client runs in its own process and writes the body to a file in `--dir`; the time
is measured inside the process from the request to the last byte written (curl: its own
`time_total`). The runs are interleaved (one of each client per round) and the table
gives medians with ratios to httpx's default sync transport and to curl.

`--client CASE URL DEST` is the child side: one transfer, printing its seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HEADERS = {"x-api-key": "bench", "anthropic-version": "2023-06-01"}
HERE = Path(__file__).resolve().parent


# -- the child side: one transfer in this process --------------------------------------------


Timing = tuple[float, float]  # wall-clock seconds, CPU seconds (all threads, user + system)


def _clock() -> Timing:
    return time.perf_counter(), time.process_time()


def _since(start: Timing) -> Timing:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def _sync(url: str, dest: str, transport: object | None) -> Timing:
    import httpx

    kwargs = {} if transport is None else {"transport": transport}
    with httpx.Client(timeout=60, **kwargs) as client, open(dest, "wb") as out:  # type: ignore[arg-type]
        start = _clock()
        with client.stream("GET", url, headers=HEADERS) as response:
            response.raise_for_status()
            for chunk in response.iter_raw():
                out.write(chunk)
        return _since(start)


async def _async(url: str, dest: str, transport: object | None) -> Timing:
    import httpx

    kwargs = {} if transport is None else {"transport": transport}
    async with httpx.AsyncClient(timeout=60, **kwargs) as client:  # type: ignore[arg-type]
        with open(dest, "wb") as out:  # noqa: ASYNC230 - as raw httpx users write it
            start = _clock()
            async with client.stream("GET", url, headers=HEADERS) as response:
                response.raise_for_status()
                async for chunk in response.aiter_raw():
                    out.write(chunk)
            return _since(start)


def _run_client(case: str, url: str, dest: str) -> Timing:
    if case == "curl":
        args = ["curl", "-sS", "--fail", "-o", dest, "-w", "%{time_total}"]
        for name, value in HEADERS.items():
            args += ["-H", f"{name}: {value}"]
        if os.environ.get("SSL_CERT_FILE"):
            args += ["--cacert", os.environ["SSL_CERT_FILE"]]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run([*args, url], check=True, capture_output=True, text=True).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return float(out), cpu  # the CPU time includes curl's start-up
    if case == "httpx sync":
        return _sync(url, dest, None)
    if case == "httpx async":
        return asyncio.run(_async(url, dest, None))
    from claude_files._transport import AsyncTransport, Transport

    if case == "Transport sync":
        return _sync(url, dest, Transport())
    if case == "AsyncTransport async":
        return asyncio.run(_async(url, dest, AsyncTransport()))
    raise SystemExit(f"unknown case {case!r}")


CASES = ("curl", "httpx sync", "httpx async", "Transport sync", "AsyncTransport async")


# -- the servers -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(500):
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.1):
            return
        time.sleep(0.01)
    raise SystemExit(f"nothing listens on port {port}")


@contextlib.contextmanager
def _plain_server(data: Path, work: Path) -> Iterator[str]:
    manifest = work / "manifest.json"
    manifest.write_text(json.dumps({"files": {"file_big": {"path": str(data)}}}))
    process = subprocess.Popen(
        [sys.executable, str(HERE / "server.py"), "--manifest", str(manifest)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        port = json.loads(process.stdout.readline())["port"]
        yield f"http://127.0.0.1:{port}/v1/files/file_big/content"
    finally:
        process.terminate()
        process.wait()


@contextlib.contextmanager
def _tls_server(data: Path, work: Path) -> Iterator[tuple[str, Path]]:
    cert, key = work / "cert.pem", work / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    process = subprocess.Popen(
        [
            *("openssl", "s_server", "-quiet", "-WWW", "-accept", str(port)),
            *("-cert", str(cert), "-key", str(key)),
        ],
        cwd=data.parent,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_listening(port, process)
        yield f"https://localhost:{port}/{data.name}", cert
    finally:
        process.terminate()
        process.wait()


# -- the parent side -------------------------------------------------------------------------


def _measure(case: str, url: str, dest: Path, env: dict[str, str], size: int) -> Timing:
    out = subprocess.run(
        [sys.executable, __file__, "--client", case, url, str(dest)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    if dest.stat().st_size != size:
        raise SystemExit(f"{case}: wrote {dest.stat().st_size} bytes, expected {size}")
    dest.unlink()
    wall, cpu = json.loads(out)
    return float(wall), float(cpu)


def _table(title: str, timings: dict[str, list[Timing]], size: int) -> str:
    def rate(case: str, which: int) -> float:
        return size / statistics.median(t[which] for t in timings[case]) / 1e6

    lines = [
        title,
        "| client | MB/s | min-max | x httpx sync | x curl | MB per CPU-s | x httpx sync |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for case in timings:
        walls = [t[0] for t in timings[case]]
        spread = f"{size / max(walls) / 1e6:,.0f}-{size / min(walls) / 1e6:,.0f}"
        wall, cpu = rate(case, 0), rate(case, 1)
        lines.append(
            f"| {case} | {wall:,.0f} | {spread} | {wall / rate('httpx sync', 0):.2f}"
            f" | {wall / rate('curl', 0):.2f} | {cpu:,.0f} | {cpu / rate('httpx sync', 1):.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size-mib", type=int, default=256)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default="/dev/shm")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--client", nargs=3, metavar=("CASE", "URL", "DEST"))
    args = parser.parse_args()
    if args.client:
        print(json.dumps(_run_client(*args.client)))
        return
    if shutil.which("curl") is None or shutil.which("openssl") is None:
        raise SystemExit("needs curl and openssl on PATH")
    cases = args.cases.split(",")
    size = args.size_mib << 20
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="transport-speed-") as tmp:
        work = Path(tmp)
        data = work / "data.bin"
        with open(data, "wb") as f:
            for _ in range(args.size_mib):
                f.write(os.urandom(1 << 20))
        dest = work / "out.bin"
        with _plain_server(data, work) as plain_url, _tls_server(data, work) as (tls_url, cert):
            plain_env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
            tls_env = {**plain_env, "SSL_CERT_FILE": str(cert)}
            rounds = {"plain": (plain_url, plain_env), "TLS": (tls_url, tls_env)}
            timings: dict[str, dict[str, list[Timing]]] = {
                kind: {case: [] for case in cases} for kind in rounds
            }
            for _ in range(args.runs):
                for kind, (url, env) in rounds.items():
                    for case in cases:
                        timings[kind][case].append(_measure(case, url, dest, env, size))
    print(
        f"{args.size_mib} MiB over loopback to {args.dir}, medians of {args.runs} interleaved"
        f" runs, each client in its own process (python {sys.version.split()[0]},"
        f" load average {os.getloadavg()[0]:.1f}). MB/s: wall clock, request to last byte"
        " written; MB per CPU-s: the client process's own CPU time (curl's includes its"
        " start-up), which holds up better than the wall clock when other work shares the"
        " cores.\n"
    )
    for kind in rounds:
        print(_table(f"{kind}:", timings[kind], size) + "\n")


if __name__ == "__main__":
    main()
