"""Run one benchmark case in this process and print one JSON line with what it measured.

Usage: `python bench/run_client.py CASE 'JSON-PARAMS'` (`--list` names the cases).

Each case sets up its client (imports, construction) first, then brackets only the
transfer between `Meter.start()` and `Meter.stop()`. Memory is the growth of this process:
the peak resident set during the transfer (`VmHWM`, reset just before it through
`/proc/self/clear_refs`) minus the resident set right before it (`VmRSS`). One process per
client and run, so no client's buffers or imports count against another.

Output fields: `case`, `ok`, `seconds`, `bytes`, `throughput` (bytes/s), `calls`,
`per_call_us`, `items`, `rss_before`, `peak`, `peak_growth` (bytes), `verified` (the bytes
or the reply checked after timing, when asked), `error` when `ok` is false.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gc
import hashlib
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import httpx

API_VERSION = "2023-06-01"
Params = dict[str, Any]
Result = dict[str, Any]


# -- measuring ----------------------------------------------------------------------------


def _status_bytes(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return False
    return True


class Meter:
    """Times one transfer and records this process's memory growth during it."""

    def __init__(self) -> None:
        self.rss_before = 0
        self.peak = 0
        self.seconds = 0.0
        self.peak_reset = False
        self._t0 = 0.0

    def start(self) -> None:
        gc.collect()
        self.rss_before = _status_bytes("VmRSS")
        self.peak_reset = _reset_peak()
        self._t0 = time.perf_counter()

    def stop(self) -> None:
        self.seconds = time.perf_counter() - self._t0
        self.peak = _status_bytes("VmHWM")

    @contextlib.contextmanager
    def measure(self) -> Iterator[None]:
        self.start()
        yield
        self.stop()


def _headers(p: Params) -> dict[str, str]:
    return {"x-api-key": p["api_key"], "anthropic-version": API_VERSION}


def _httpx_client(p: Params) -> httpx.Client:
    return httpx.Client(base_url=p["base_url"], headers=_headers(p), timeout=120)


def _httpx_async_client(p: Params) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=p["base_url"], headers=_headers(p), timeout=120)


def _fresh_dest(p: Params) -> Path:
    dest = Path(p["dest"])
    dest.unlink(missing_ok=True)
    return dest


def _md5_file(path: Path) -> str:
    h = hashlib.md5()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def _check_file(p: Params, dest: Path, r: Result) -> None:
    size = dest.stat().st_size
    r["bytes"] = size
    if size != p["size"]:
        raise AssertionError(f"{dest}: {size} bytes, expected {p['size']}")
    if p.get("verify"):
        r["verified"] = _md5_file(dest) == p["md5"]


def _check_bytes(p: Params, data: bytes, r: Result) -> None:
    r["bytes"] = len(data)
    if len(data) != p["size"]:
        raise AssertionError(f"{len(data)} bytes, expected {p['size']}")
    if p.get("verify"):
        r["verified"] = hashlib.md5(data).hexdigest() == p["md5"]


def _content_md5_matches(header: str | None, digest: bytes) -> bool:
    if header is None:
        raise AssertionError("the server sent no Content-MD5")
    return base64.b64decode(header) == digest


_GNU_TIME = "/usr/bin/time"


def _timed(cmd: list[str]) -> list[str]:
    """Wrap a command in GNU time so its own peak resident set is reported (a child's
    `ru_maxrss` seen from Python would include the pages of the forking interpreter)."""
    if os.path.exists(_GNU_TIME):
        return [_GNU_TIME, "-f", "maxrss_kib=%M", *cmd]
    return cmd


def _child_peak(stderr: str) -> Result:
    """A whole other process: its peak resident set, no growth (it has no "before")."""
    peak = None
    for line in stderr.splitlines():
        if line.startswith("maxrss_kib="):
            peak = int(line.split("=", 1)[1]) * 1024
    return {"rss_before": None, "peak": peak, "peak_growth": None, "peak_is_whole_process": True}


# -- download to a file -------------------------------------------------------------------


def raw_httpx_to_file(p: Params, m: Meter) -> Result:
    """The honest baseline: `iter_raw()` with no chunk size, straight into a file."""
    client = _httpx_client(p)
    dest = _fresh_dest(p)
    with m.measure(), client.stream("GET", f"/v1/files/{p['file_id']}/content") as resp:
        resp.raise_for_status()
        with open(dest, "wb") as f:
            for chunk in resp.iter_raw():
                f.write(chunk)
    r: Result = {}
    _check_file(p, dest, r)
    return r


def raw_httpx_to_file_md5_inline(p: Params, m: Meter) -> Result:
    """Baseline with the `Content-MD5` check, hashing in the receiving thread."""
    client = _httpx_client(p)
    dest = _fresh_dest(p)
    with m.measure(), client.stream("GET", f"/v1/files/{p['file_id']}/content") as resp:
        resp.raise_for_status()
        h = hashlib.md5()
        with open(dest, "wb") as f:
            for chunk in resp.iter_raw():
                f.write(chunk)
                h.update(chunk)
        if not _content_md5_matches(resp.headers.get("content-md5"), h.digest()):
            raise AssertionError("Content-MD5 mismatch")
    r: Result = {}
    _check_file(p, dest, r)
    return r


class _ThreadedMD5:
    """MD5 in a second thread (hashlib releases the GIL on large buffers), fed in ~1 MiB
    batches through a bounded queue so memory stays flat if hashing falls behind."""

    BATCH = 1 << 20

    def __init__(self) -> None:
        self.hash = hashlib.md5()
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (block := self._queue.get()) is not None:
            self.hash.update(block)

    def update(self, chunk: bytes) -> None:
        self._pending.append(chunk)
        self._pending_size += len(chunk)
        if self._pending_size >= self.BATCH:
            self._queue.put(b"".join(self._pending))
            self._pending.clear()
            self._pending_size = 0

    def digest(self) -> bytes:
        if self._pending:
            self._queue.put(b"".join(self._pending))
            self._pending.clear()
        self._queue.put(None)
        self._thread.join()
        return self.hash.digest()


def raw_httpx_to_file_md5(p: Params, m: Meter) -> Result:
    """Baseline with the `Content-MD5` check the fastest honest way: hashing overlaps the
    transfer in a second thread."""
    client = _httpx_client(p)
    dest = _fresh_dest(p)
    with m.measure(), client.stream("GET", f"/v1/files/{p['file_id']}/content") as resp:
        resp.raise_for_status()
        hasher = _ThreadedMD5()
        with open(dest, "wb") as f:
            for chunk in resp.iter_raw():
                f.write(chunk)
                hasher.update(chunk)
        if not _content_md5_matches(resp.headers.get("content-md5"), hasher.digest()):
            raise AssertionError("Content-MD5 mismatch")
    r: Result = {}
    _check_file(p, dest, r)
    return r


def _anthropic(p: Params) -> Any:
    import anthropic

    return anthropic.Anthropic(api_key=p["api_key"], base_url=p["base_url"], max_retries=0)


def anthropic_write_to_file(p: Params, m: Meter) -> Result:
    """anthropic SDK, eager: `client.beta.files.download(id).write_to_file(dest)`."""
    client = _anthropic(p)
    dest = _fresh_dest(p)
    with m.measure():
        client.beta.files.download(p["file_id"]).write_to_file(dest)
    r: Result = {}
    _check_file(p, dest, r)
    return r


def anthropic_stream_to_file(p: Params, m: Meter) -> Result:
    """anthropic SDK, streaming: `with_streaming_response.download(id)` → `stream_to_file`."""
    client = _anthropic(p)
    dest = _fresh_dest(p)
    with m.measure(), client.beta.files.with_streaming_response.download(p["file_id"]) as resp:
        resp.stream_to_file(dest)
    r: Result = {}
    _check_file(p, dest, r)
    return r


def _curl(p: Params, m: Meter, path: str, args: list[str]) -> tuple[Result, str]:
    """curl in its own process; its own `time_total` (excludes its start-up) is the time,
    and its whole peak resident set is reported (there is no "before" for curl). Over
    https it trusts `SSL_CERT_FILE` when set, as the Python clients do. Returns the result
    and what curl wrote to stdout before its `-w` line."""
    cmd = ["curl", "-sS", "--fail", *args, "-w", "\\n%{time_total} %{size_download}"]
    if p["base_url"].startswith("https:") and os.environ.get("SSL_CERT_FILE"):
        cmd += ["--cacert", os.environ["SSL_CERT_FILE"]]
    for key, value in _headers(p).items():
        cmd += ["-H", f"{key}: {value}"]
    m.start()
    done = subprocess.run(
        _timed([*cmd, p["base_url"] + path]), check=True, capture_output=True, text=True
    )
    m.stop()
    body, _, timing = done.stdout.rpartition("\n")
    time_total, size_download = timing.split()
    r: Result = {"seconds": float(time_total), "bytes": int(size_download)}
    return {**r, **_child_peak(done.stderr)}, body


def curl_to_file(p: Params, m: Meter) -> Result:
    """curl `-o FILE` (see `_curl`)."""
    dest = _fresh_dest(p)
    r, _ = _curl(p, m, f"/v1/files/{p['file_id']}/content", ["-o", str(dest)])
    _check_file(p, dest, r)
    return r


def _claude_files(p: Params, **kwargs: Any) -> Any:
    from claude_files import Client

    return Client(api_key=p["api_key"], base_url=p["base_url"], max_retries=0, **kwargs)


def _claude_files_async(p: Params, **kwargs: Any) -> Any:
    from claude_files import AsyncClient

    return AsyncClient(api_key=p["api_key"], base_url=p["base_url"], max_retries=0, **kwargs)


def claude_files_to_file(p: Params, m: Meter) -> Result:
    """`download_to_file` with no size cap (the client's default cap, 100 MiB, is for
    downloads into memory; the CLI sets none either)."""
    client = _claude_files(p, max_download_bytes=None)
    dest = _fresh_dest(p)
    with m.measure():
        client.files.download_to_file(p["file_id"], dest)
    r: Result = {}
    _check_file(p, dest, r)
    return r


def _async_to_file(p: Params, transfer: Callable[[Path], Coroutine[Any, Any, None]]) -> Result:
    """Run an async download into a fresh `dest` on a new event loop, then check the file."""
    dest = _fresh_dest(p)
    asyncio.run(transfer(dest))
    r: Result = {}
    _check_file(p, dest, r)
    return r


def raw_httpx_async_to_file(p: Params, m: Meter) -> Result:
    """For scale: httpx `AsyncClient`, `aiter_raw()` with no chunk size, each chunk written
    to the file on the event loop (what a user's loop does)."""

    async def transfer(dest: Path) -> None:
        async with _httpx_async_client(p) as client:
            with m.measure():
                async with client.stream("GET", f"/v1/files/{p['file_id']}/content") as resp:
                    resp.raise_for_status()
                    # Blocking writes on the loop, on purpose: the plain loop, no thread hops.
                    with open(dest, "wb") as f:  # noqa: ASYNC230
                        async for chunk in resp.aiter_raw():
                            f.write(chunk)

    return _async_to_file(p, transfer)


def claude_files_async_to_file(p: Params, m: Meter) -> Result:
    """`AsyncClient.download_to_file`, no size cap, as for `Client`."""

    async def transfer(dest: Path) -> None:
        async with _claude_files_async(p, max_download_bytes=None) as client:
            with m.measure():
                await client.files.download_to_file(p["file_id"], dest)

    return _async_to_file(p, transfer)


# -- download into memory -----------------------------------------------------------------


def raw_httpx_bytes(p: Params, m: Meter) -> Result:
    """Baseline: `client.get(url).content` (httpx reads the body into a list, then joins)."""
    client = _httpx_client(p)
    with m.measure():
        resp = client.get(f"/v1/files/{p['file_id']}/content")
        resp.raise_for_status()
        data = resp.content
    r: Result = {}
    _check_bytes(p, data, r)
    return r


def anthropic_bytes(p: Params, m: Meter) -> Result:
    client = _anthropic(p)
    with m.measure():
        data = client.beta.files.download(p["file_id"]).read()
    r: Result = {}
    _check_bytes(p, data, r)
    return r


def claude_files_bytes(p: Params, m: Meter) -> Result:
    """`download` with the client's default cap (100 MiB), above this file's size."""
    client = _claude_files(p)
    with m.measure():
        data = client.files.download(p["file_id"])
    r: Result = {}
    _check_bytes(p, data, r)
    return r


# -- download as a stream -----------------------------------------------------------------


def raw_httpx_stream(p: Params, m: Meter) -> Result:
    """Baseline: `iter_raw()` with no chunk size, counting the bytes."""
    client = _httpx_client(p)
    size = 0
    with m.measure(), client.stream("GET", f"/v1/files/{p['file_id']}/content") as resp:
        resp.raise_for_status()
        for chunk in resp.iter_raw():
            size += len(chunk)
    if size != p["size"]:
        raise AssertionError(f"{size} bytes, expected {p['size']}")
    return {"bytes": size}


def raw_httpx_stream_iter_bytes(p: Params, m: Meter) -> Result:
    """For reference: `iter_bytes()` (no chunk size), which adds httpx's decoder layer."""
    client = _httpx_client(p)
    size = 0
    with m.measure(), client.stream("GET", f"/v1/files/{p['file_id']}/content") as resp:
        resp.raise_for_status()
        for chunk in resp.iter_bytes():
            size += len(chunk)
    if size != p["size"]:
        raise AssertionError(f"{size} bytes, expected {p['size']}")
    return {"bytes": size}


def claude_files_stream(p: Params, m: Meter) -> Result:
    """`download_stream` with no size cap, as for `download_to_file`."""
    client = _claude_files(p, max_download_bytes=None)
    size = 0
    with m.measure(), client.files.download_stream(p["file_id"]) as chunks:
        for chunk in chunks:
            size += len(chunk)
    if size != p["size"]:
        raise AssertionError(f"{size} bytes, expected {p['size']}")
    return {"bytes": size}


def claude_files_async_stream(p: Params, m: Meter) -> Result:
    """`AsyncClient.download_stream`, no size cap."""
    size = 0

    async def transfer() -> None:
        nonlocal size
        async with _claude_files_async(p, max_download_bytes=None) as client:
            with m.measure():
                async with client.files.download_stream(p["file_id"]) as chunks:
                    async for chunk in chunks:
                        size += len(chunk)

    asyncio.run(transfer())
    if size != p["size"]:
        raise AssertionError(f"{size} bytes, expected {p['size']}")
    return {"bytes": size}


def curl_stream(p: Params, m: Meter) -> Result:
    """The limit: curl `-o /dev/null` (see `_curl`)."""
    r, _ = _curl(p, m, f"/v1/files/{p['file_id']}/content", ["-o", os.devnull])
    if r["bytes"] != p["size"]:
        raise AssertionError(f"{r['bytes']} bytes, expected {p['size']}")
    return r


# -- upload -------------------------------------------------------------------------------


def _check_upload(p: Params, reply: dict[str, Any]) -> Result:
    if reply["size_bytes"] != p["size"]:
        raise AssertionError(f"server received {reply['size_bytes']} bytes, sent {p['size']}")
    return {"bytes": p["size"], "verified": True}


def raw_httpx_upload(p: Params, m: Meter) -> Result:
    """Baseline: httpx multipart from an open file (httpx streams it in 64 KiB reads)."""
    client = _httpx_client(p)
    path = Path(p["path"])
    with m.measure(), open(path, "rb") as f:
        resp = client.post("/v1/files", files={"file": (path.name, f, "application/octet-stream")})
        resp.raise_for_status()
    return _check_upload(p, resp.json())


def anthropic_upload_path(p: Params, m: Meter) -> Result:
    client = _anthropic(p)
    with m.measure():
        meta = client.beta.files.upload(file=Path(p["path"]))
    return _check_upload(p, {"size_bytes": meta.size_bytes})


def anthropic_upload_open_file(p: Params, m: Meter) -> Result:
    client = _anthropic(p)
    path = Path(p["path"])
    with m.measure(), open(path, "rb") as f:
        meta = client.beta.files.upload(file=(path.name, f, "application/octet-stream"))
    return _check_upload(p, {"size_bytes": meta.size_bytes})


def claude_files_upload(p: Params, m: Meter) -> Result:
    client = _claude_files(p)
    with m.measure():
        meta = client.files.upload(Path(p["path"]))
    return _check_upload(p, {"size_bytes": meta.size_bytes})


def claude_files_async_upload(p: Params, m: Meter) -> Result:
    async def transfer() -> Any:
        async with _claude_files_async(p) as client:
            with m.measure():
                return await client.files.upload(Path(p["path"]))

    meta = asyncio.run(transfer())
    return _check_upload(p, {"size_bytes": meta.size_bytes})


def curl_upload(p: Params, m: Meter) -> Result:
    """The limit: curl `-F file=@PATH` (streamed from disk; `Expect:` off, so it does not
    wait for a `100 Continue`)."""
    form = f"file=@{p['path']};type=application/octet-stream"
    r, body = _curl(p, m, "/v1/files", ["-F", form, "-H", "Expect:"])
    return {**r, **_check_upload(p, json.loads(body))}


# -- metadata -----------------------------------------------------------------------------


def _calls(p: Params, m: Meter, call: Callable[[], object]) -> Result:
    for _ in range(p.get("warmup", 50)):
        call()
    calls = int(p["calls"])
    with m.measure():
        for _ in range(calls):
            call()
    return {"calls": calls, "per_call_us": m.seconds / calls * 1e6}


def raw_httpx_get(p: Params, m: Meter) -> Result:
    """Baseline: one client, `client.get(url).json()`."""
    client = _httpx_client(p)
    url = f"/v1/files/{p['file_id']}"
    return _calls(p, m, lambda: client.get(url).json())


def raw_httpx_get_models(p: Params, m: Meter) -> Result:
    """For reference: the baseline plus parsing into the generated `FileMetadata`."""
    from claude_files_openapi.models import FileMetadata

    client = _httpx_client(p)
    url = f"/v1/files/{p['file_id']}"
    return _calls(p, m, lambda: FileMetadata.from_dict(client.get(url).json()))


def anthropic_get(p: Params, m: Meter) -> Result:
    client = _anthropic(p)
    return _calls(p, m, lambda: client.beta.files.retrieve_metadata(p["file_id"]))


def claude_files_get(p: Params, m: Meter) -> Result:
    client = _claude_files(p)
    return _calls(p, m, lambda: client.files.get(p["file_id"]))


# -- listing ------------------------------------------------------------------------------


def _check_items(p: Params, items: int) -> Result:
    if items != p["items"]:
        raise AssertionError(f"listed {items} items, expected {p['items']}")
    return {"items": items}


def raw_httpx_list(p: Params, m: Meter) -> Result:
    """Baseline: follow `next_page` with `client.get(...).json()`."""
    client = _httpx_client(p)
    items = 0
    with m.measure():
        params: dict[str, str | int] = {"limit": p["limit"]}
        while True:
            page = client.get("/v1/files", params=params).json()
            items += len(page["data"])
            if not page.get("next_page"):
                break
            params = {"limit": p["limit"], "page": page["next_page"]}
    return _check_items(p, items)


def raw_httpx_list_models(p: Params, m: Meter) -> Result:
    """For reference: the baseline plus parsing each page into the generated models."""
    from claude_files_openapi.models import FileListResponse

    client = _httpx_client(p)
    items = 0
    with m.measure():
        params: dict[str, str | int] = {"limit": p["limit"]}
        while True:
            page = FileListResponse.from_dict(client.get("/v1/files", params=params).json())
            items += len(page.data)
            if not isinstance(page.next_page, str) or not page.next_page:
                break
            params = {"limit": p["limit"], "page": page.next_page}
    return _check_items(p, items)


def anthropic_list(p: Params, m: Meter) -> Result:
    client = _anthropic(p)
    items = 0
    with m.measure():
        for _ in client.beta.files.list(limit=p["limit"]):
            items += 1
    return _check_items(p, items)


def claude_files_list(p: Params, m: Meter) -> Result:
    client = _claude_files(p)
    items = 0
    with m.measure():
        for _ in client.files.list(limit=p["limit"]):
            items += 1
    return _check_items(p, items)


# -- the command line against curl: whole processes ---------------------------------------

# These cases time the whole process a user waits for (start-up included), curl's too:
# the meter brackets `subprocess.run`, so `seconds` is wall time, not curl's `time_total`.
# Downloads land in `dest`, a folder emptied before and after; uploads are verified by
# what the server counted (`/_bench/stats`), so the commands run as a user runs them.


def _server_stats(p: Params) -> dict[str, int]:
    """What the bench server saw since the last call (and start its counts over)."""
    stats: dict[str, int] = httpx.get(p["base_url"] + "/_bench/stats", timeout=30).json()
    return stats


def _run_whole(cmd: list[str], m: Meter, env: dict[str, str] | None = None) -> Result:
    """Run `cmd` to the end, timed whole, stdout and stderr not a terminal; its peak
    resident set and what the server saw while it ran."""
    m.start()
    done = subprocess.run(_timed(cmd), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    m.stop()
    stderr = done.stderr.decode(errors="replace")
    if done.returncode:
        tail = [line for line in stderr.splitlines() if not line.startswith("maxrss_kib=")]
        raise AssertionError(f"{cmd[0]} exited {done.returncode}: {' '.join(tail[-2:])}")
    return _child_peak(stderr)


def _cli_env(p: Params) -> dict[str, str]:
    return {**os.environ, "ANTHROPIC_API_KEY": p["api_key"], "ANTHROPIC_BASE_URL": p["base_url"]}


def _jobs(p: Params) -> list[str]:
    return ["-j", str(p["jobs"])] if p.get("jobs") else []


def _empty_dir(p: Params) -> Path:
    out = Path(p["dest"])
    if out.exists():
        for f in out.iterdir():
            f.unlink()
    out.mkdir(parents=True, exist_ok=True)
    return out


def _check_dir(p: Params, out: Path, r: Result) -> None:
    """Exactly the expected files (name → MD5 in `md5`), their sizes adding up to `size`;
    their MD5s when asked. Then the folder is emptied (1 GiB in tmpfs is RAM)."""
    try:
        files = {f.name: f for f in out.iterdir()}
        expected: dict[str, str] = p["md5"]
        total = sum(f.stat().st_size for f in files.values())
        if files.keys() != expected.keys() or total != p["size"]:
            raise AssertionError(f"{len(files)} files, {total} bytes in {out}")
        r["bytes"], r["items"] = total, len(files)
        if p.get("verify"):
            r["verified"] = all(_md5_file(files[name]) == md5 for name, md5 in expected.items())
    finally:
        _empty_dir(p)


def _check_uploaded(p: Params, stats: dict[str, int], r: Result) -> None:
    count, total = len(p["paths"]), p["size"]
    if stats["uploads"] != count or stats["upload_bytes"] != total:
        raise AssertionError(
            f"the server received {stats['uploads']} files, {stats['upload_bytes']} bytes;"
            f" sent {count}, {total}"
        )
    r["bytes"], r["items"], r["verified"] = total, count, True


def cli_download(p: Params, m: Meter) -> Result:
    """`claude-files files download ID... [-j N] -o DIR/`."""
    out = _empty_dir(p)
    cmd = [*p["cli"], "files", "download", *p["ids"], *_jobs(p), "-o", f"{out}/"]
    _server_stats(p)
    r = _run_whole(cmd, m, _cli_env(p))
    r["in_flight"] = _server_stats(p)["max_in_flight"]
    _check_dir(p, out, r)
    return r


def _curl_headers(p: Params) -> list[str]:
    return [arg for key, value in _headers(p).items() for arg in ("-H", f"{key}: {value}")]


def _curl_parallel(p: Params) -> list[str]:
    jobs = p.get("jobs")
    return ["--parallel", "--parallel-max", str(jobs)] if jobs and len(p["ids"]) > 1 else []


def curl_download(p: Params, m: Meter) -> Result:
    """curl `-o DIR/NAME URL` for each file, one process; with `jobs`, `--parallel
    --parallel-max N` (the options before the URLs hold for every one of them)."""
    out = _empty_dir(p)
    urls = []
    for file_id in p["ids"]:
        url = f"{p['base_url']}/v1/files/{file_id}/content"
        urls += ["-o", str(out / p["names"][file_id]), url]
    cmd = ["curl", *_curl_parallel(p), "-sS", "--fail", *_curl_headers(p), *urls]
    _server_stats(p)
    r = _run_whole(cmd, m)
    r["in_flight"] = _server_stats(p)["max_in_flight"]
    _check_dir(p, out, r)
    return r


def cli_upload(p: Params, m: Meter) -> Result:
    """`claude-files files upload PATH... [-j N]`."""
    cmd = [*p["cli"], "files", "upload", *p["paths"], *_jobs(p)]
    _server_stats(p)
    r = _run_whole(cmd, m, _cli_env(p))
    stats = _server_stats(p)
    r["in_flight"] = stats["max_in_flight"]
    _check_uploaded(p, stats, r)
    return r


def curl_upload_files(p: Params, m: Meter) -> Result:
    """curl `-F file=@PATH` for each file, one process: one transfer per `--next` (a form
    belongs to one transfer), all run at once up to `--parallel-max` with `jobs`."""
    transfers: list[str] = []
    for path in p["paths"]:
        transfers += ["--next"] if transfers else []
        form = f"file=@{path};type=application/octet-stream"
        transfers += ["-sS", "--fail", *_curl_headers(p), "-H", "Expect:", "-F", form]
        transfers += ["-o", os.devnull, f"{p['base_url']}/v1/files"]
    jobs = p.get("jobs")
    parallel = ["--parallel", "--parallel-max", str(jobs)] if jobs and len(p["paths"]) > 1 else []
    _server_stats(p)
    r = _run_whole(["curl", *parallel, *transfers], m)
    stats = _server_stats(p)
    r["in_flight"] = stats["max_in_flight"]
    _check_uploaded(p, stats, r)
    return r


BARE = str(Path(__file__).with_name("bare.py"))


def bare_download(p: Params, m: Meter) -> Result:
    """`bench/bare.py download`: the same files as `cli_download`, by a bare httpx script."""
    out = _empty_dir(p)
    pairs = [f"{file_id}={out / p['names'][file_id]}" for file_id in p["ids"]]
    _server_stats(p)
    r = _run_whole([sys.executable, BARE, "download", "-j", str(p["jobs"]), *pairs], m, _cli_env(p))
    r["in_flight"] = _server_stats(p)["max_in_flight"]
    _check_dir(p, out, r)
    return r


def bare_upload(p: Params, m: Meter) -> Result:
    """`bench/bare.py upload`: the same files as `cli_upload`, by a bare httpx script."""
    _server_stats(p)
    cmd = [sys.executable, BARE, "upload", "-j", str(p.get("jobs") or 1), *p["paths"]]
    r = _run_whole(cmd, m, _cli_env(p))
    stats = _server_stats(p)
    r["in_flight"] = stats["max_in_flight"]
    _check_uploaded(p, stats, r)
    return r


def fresh_processes(p: Params, m: Meter) -> Result:
    """The median wall time of `runs` fresh processes of `cmd` (after one to warm the
    caches), and the peak resident set of one more."""
    cmd: list[str] = p["cmd"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times = []
    for _ in range(int(p["runs"])):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    peak = _run_whole(cmd, Meter())
    return {"seconds": statistics.median(times), "calls": len(times), "times": times, **peak}


def raw_httpx_threads(p: Params, m: Meter) -> Result:
    """For scale: one httpx client shared by `jobs` threads, `iter_raw()` to files, timed
    inside the process (no start-up)."""
    client = httpx.Client(
        base_url=p["base_url"],
        headers=_headers(p),
        timeout=120,
        limits=httpx.Limits(max_connections=max(10, p["jobs"])),
    )
    out = _empty_dir(p)

    def one(file_id: str) -> None:
        with client.stream("GET", f"/v1/files/{file_id}/content") as resp:
            resp.raise_for_status()
            with open(out / p["names"][file_id], "wb") as f:
                for chunk in resp.iter_raw():
                    f.write(chunk)

    _server_stats(p)
    with m.measure(), ThreadPoolExecutor(p["jobs"]) as pool:
        list(pool.map(one, p["ids"]))
    r: Result = {"in_flight": _server_stats(p)["max_in_flight"]}
    _check_dir(p, out, r)
    return r


# -- the pytest fixture -------------------------------------------------------------------

# Our dev environment's schemathesis and hypothesis plugins take seconds to load and are
# no part of a user's run; both projects of a case run without them.
_PYTEST = ["-m", "pytest", "-q", "-p", "no:cacheprovider"]
_PYTEST += ["-p", "no:schemathesis", "-p", "no:hypothesispytest"]


def _pytest_project(folder: Path, tests: int, fixture: str | None) -> Path:
    """A user's project of `tests` one-line tests, each taking `fixture` (None: none)."""
    folder.mkdir()
    (folder / "pytest.ini").write_text("[pytest]\n")
    if fixture is None:
        body = "".join(f"def test_{i}():\n    assert True\n\n" for i in range(tests))
    else:
        body = "".join(
            f"def test_{i}({fixture}):\n    assert {fixture}.running\n\n" for i in range(tests)
        )
    (folder / "test_many.py").write_text(body)
    return folder


def _run_pytest(folder: Path, tests: int, m: Meter) -> str:
    """pytest over `folder` in a child process, timed by `m`; its stderr."""
    cmd = _timed([sys.executable, *_PYTEST, str(folder)])
    with m.measure():
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=folder, timeout=600)
    if done.returncode != 0 or f"{tests} passed" not in done.stdout:
        tail = (done.stdout.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        raise AssertionError(f"pytest over {folder.name}: {tail}")
    return done.stderr


def pytest_fixture(p: Params, m: Meter) -> Result:
    """pytest over `tests` trivial tests that take `fixture`, minus the same run over the
    same tests without it, run just before: what the fixture costs per test."""
    tests = int(p["tests"])
    with tempfile.TemporaryDirectory(prefix="claude-files-bench-pytest-") as tmp:
        plain = _pytest_project(Path(tmp) / "plain", tests, None)
        used = _pytest_project(Path(tmp) / "used", tests, p["fixture"])
        baseline = Meter()
        _run_pytest(plain, tests, baseline)
        stderr = _run_pytest(used, tests, m)
    return {
        "calls": tests,
        "per_call_us": (m.seconds - baseline.seconds) / tests * 1e6,
        "baseline_seconds": baseline.seconds,
        **_child_peak(stderr),
    }


CASES: dict[str, Callable[[Params, Meter], Result]] = {
    "download_file.raw_httpx": raw_httpx_to_file,
    "download_file.raw_httpx_md5": raw_httpx_to_file_md5,
    "download_file.raw_httpx_md5_inline": raw_httpx_to_file_md5_inline,
    "download_file.anthropic_write_to_file": anthropic_write_to_file,
    "download_file.anthropic_stream_to_file": anthropic_stream_to_file,
    "download_file.curl": curl_to_file,
    "download_file.claude_files": claude_files_to_file,
    "download_file.raw_httpx_async": raw_httpx_async_to_file,
    "download_file.claude_files_async": claude_files_async_to_file,
    "download_bytes.raw_httpx": raw_httpx_bytes,
    "download_bytes.anthropic": anthropic_bytes,
    "download_bytes.claude_files": claude_files_bytes,
    "download_stream.raw_httpx": raw_httpx_stream,
    "download_stream.raw_httpx_iter_bytes": raw_httpx_stream_iter_bytes,
    "download_stream.claude_files": claude_files_stream,
    "download_stream.claude_files_async": claude_files_async_stream,
    "download_stream.curl": curl_stream,
    "upload.raw_httpx": raw_httpx_upload,
    "upload.anthropic_path": anthropic_upload_path,
    "upload.anthropic_open_file": anthropic_upload_open_file,
    "upload.claude_files": claude_files_upload,
    "upload.claude_files_async": claude_files_async_upload,
    "upload.curl": curl_upload,
    "get.raw_httpx": raw_httpx_get,
    "get.raw_httpx_models": raw_httpx_get_models,
    "get.anthropic": anthropic_get,
    "get.claude_files": claude_files_get,
    "list.raw_httpx": raw_httpx_list,
    "list.raw_httpx_models": raw_httpx_list_models,
    "list.anthropic": anthropic_list,
    "list.claude_files": claude_files_list,
    "cli.curl_download": curl_download,
    "cli.download": cli_download,
    "cli.curl_upload": curl_upload_files,
    "cli.upload": cli_upload,
    "cli.raw_httpx": raw_httpx_threads,
    "cli.bare_download": bare_download,
    "cli.bare_upload": bare_upload,
    "cli.version": fresh_processes,
    "fixture.mock_server": pytest_fixture,
    "fixture.mock_server_isolated": pytest_fixture,
}


def run(case: str, params: Params) -> Result:
    meter = Meter()
    result: Result = {"case": case, "ok": False}
    try:
        extra = CASES[case](params, meter)
    except Exception as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
        result["traceback"] = traceback.format_exc(limit=8)
        return result
    result.update(
        ok=True,
        seconds=meter.seconds,
        rss_before=meter.rss_before,
        peak=meter.peak,
        peak_growth=max(0, meter.peak - meter.rss_before),
        peak_reset=meter.peak_reset,
    )
    result.update(extra)
    if result.get("bytes") and result["seconds"] > 0:
        result["throughput"] = result["bytes"] / result["seconds"]
    return result


def main(argv: list[str]) -> int:
    if argv[:1] == ["--list"]:
        print("\n".join(CASES))
        return 0
    if len(argv) != 2 or argv[0] not in CASES:
        print(__doc__, file=sys.stderr)
        return 2
    result = run(argv[0], json.loads(argv[1]))
    out: IO[str] = sys.stdout
    out.write(json.dumps(result) + "\n")
    out.flush()
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
