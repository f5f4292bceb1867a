"""A purpose-built Files API server for the benchmarks: stdlib only, fast, loopback only.

It speaks just enough of the wire format in `openapi.yaml` for `bench/run.py`:

- `GET /v1/files/{id}`: `FileMetadata` JSON of a file in the manifest.
- `GET /v1/files/{id}/content`: the file streamed from disk with `socket.sendfile`, with
  `Content-Length`, `Content-Disposition` and, when the manifest gives one, `Content-MD5`
  (computed once by whoever wrote the manifest, never per request).
- `GET /v1/files`: a synthetic listing of `list_count` files that pages both ways at
  once (`page`/`next_page` and `after_id`/`has_more`/`first_id`/`last_id`); each page's JSON
  is encoded once and cached, so listing measures the client, not this server.
- `POST /v1/files`: a multipart upload (`Content-Length` or chunked) parsed as it streams
  in and discarded; the reply is the `FileMetadata` of what arrived (`size_bytes` is the
  exact length of the part named `file`).
- `GET /_bench/stats` (no key needed): what the server saw since the last call, then
  reset: `max_in_flight` (most content downloads and uploads served at once: shows that
  parallel clients really overlap), `uploads` and `upload_bytes` (the `file` parts
  received, to verify uploads made by another process).

Every request needs `anthropic-version` and a key (`x-api-key` or `Authorization: Bearer`).
The server is threaded, sets TCP_NODELAY (http.server writes headers and body separately;
without it every small reply waits ~40 ms on a delayed ACK) and binds 127.0.0.1 only.

Usage: `python bench/server.py --manifest M.json [--port 0]`. It prints one line
`{"port": N}` once it listens, and exits when its stdin closes (so it never outlives the
runner) or on SIGTERM.

Manifest: `{"files": {"<id>": {"path": "...", "filename": "...", "mime_type": "...",
"md5": "<hex or null>", "delay_ms": 0}}, "list_count": 10000}`; `delay_ms` holds back
the content's response, as a remote server's time to first byte.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

CREATED_AT = "2025-04-15T18:37:24.100435Z"
READ_SIZE = 256 * 1024
MAX_PART_HEADER = 16 * 1024
STATS_PATH = "/_bench/stats"
_FILE_PATH = re.compile(r"^/v1/files/([^/]+)$")
_CONTENT_PATH = re.compile(r"^/v1/files/([^/]+)/content$")
_FILENAME = re.compile(rb'filename="([^"]*)"')
_NAME = re.compile(rb'name="([^"]*)"')


@dataclass(frozen=True)
class StoredFile:
    id: str
    path: str
    filename: str
    mime_type: str
    size: int
    content_md5: str | None  # base64 of the raw digest, as the header wants it
    delay: float  # seconds to wait before answering, as a remote server's first byte

    def metadata(self) -> dict[str, Any]:
        return _metadata(self.id, self.filename, self.mime_type, self.size)


def _metadata(file_id: str, filename: str, mime_type: str, size: int) -> dict[str, Any]:
    return {
        "id": file_id,
        "type": "file",
        "filename": filename,
        "mime_type": mime_type,
        "size_bytes": size,
        "created_at": CREATED_AT,
        "downloadable": True,
        "expires_at": None,
    }


class Store:
    def __init__(self, manifest: dict[str, Any]) -> None:
        self.files: dict[str, StoredFile] = {}
        for file_id, spec in manifest.get("files", {}).items():
            md5_hex = spec.get("md5")
            self.files[file_id] = StoredFile(
                id=file_id,
                path=spec["path"],
                filename=spec.get("filename") or os.path.basename(spec["path"]),
                mime_type=spec.get("mime_type") or "application/octet-stream",
                size=os.path.getsize(spec["path"]),
                content_md5=(
                    base64.b64encode(bytes.fromhex(md5_hex)).decode() if md5_hex else None
                ),
                delay=float(spec.get("delay_ms", 0)) / 1000,
            )
        self.list_count = int(manifest.get("list_count", 0))
        self._uploads = 0
        self._lock = threading.Lock()
        self._in_flight = 0
        self._stats = {"max_in_flight": 0, "uploads": 0, "upload_bytes": 0}

    def next_upload_id(self) -> str:
        with self._lock:
            self._uploads += 1
            return f"file_upload_{self._uploads:08d}"

    @contextmanager
    def transfer(self) -> Iterator[None]:
        """Brackets serving one download or upload, for `max_in_flight`."""
        with self._lock:
            self._in_flight += 1
            self._stats["max_in_flight"] = max(self._stats["max_in_flight"], self._in_flight)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1

    def uploaded(self, size: int) -> None:
        with self._lock:
            self._stats["uploads"] += 1
            self._stats["upload_bytes"] += size

    def take_stats(self) -> dict[str, int]:
        """The stats since the last call; starts them over."""
        with self._lock:
            stats = self._stats
            self._stats = {"max_in_flight": self._in_flight, "uploads": 0, "upload_bytes": 0}
            return stats

    @staticmethod
    def list_id(index: int) -> str:
        return f"file_{index:08d}"

    def list_index(self, file_id: str) -> int | None:
        if file_id.startswith("file_") and file_id[5:].isdigit():
            index = int(file_id[5:])
            if 0 <= index < self.list_count:
                return index
        return None

    @lru_cache(maxsize=256)  # noqa: B019 - one Store per process, lives as long as it
    def page(self, start: int, end: int) -> bytes:
        """One page's JSON, both paging shapes at once, encoded once."""
        data = [
            _metadata(self.list_id(i), f"document-{i}.pdf", "application/pdf", 1024 + i)
            for i in range(start, end)
        ]
        has_more = end < self.list_count
        body = {
            "data": data,
            "next_page": f"page_{end}" if has_more else None,
            "has_more": has_more,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None,
        }
        return json.dumps(body, separators=(",", ":")).encode()


class _BadRequest(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "claude-files-bench"
    sys_version = ""
    store: Store  # set on the subclass made in main()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # -- plumbing ---------------------------------------------------------------------

    def _send_json(self, status: int, body: bytes | dict[str, Any]) -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("request-id", "req_bench")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)

    def _error(self, status: int, error_type: str, message: str) -> None:
        self._send_json(
            status,
            {
                "type": "error",
                "error": {"type": error_type, "message": message},
                "request_id": "req_bench",
            },
        )

    def _authorized(self) -> bool:
        if not self.headers.get("anthropic-version"):
            self.close_connection = True
            self._error(400, "invalid_request_error", "anthropic-version: header is required")
            return False
        bearer = self.headers.get("authorization", "")
        if not self.headers.get("x-api-key") and not (
            bearer.lower().startswith("bearer ") and bearer[7:].strip()
        ):
            self.close_connection = True
            self._error(401, "authentication_error", "x-api-key: header is required")
            return False
        return True

    # -- GET --------------------------------------------------------------------------

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == STATS_PATH:
            self._send_json(200, self.store.take_stats())
            return
        if not self._authorized():
            return
        if url.path == "/v1/files":
            self._list(parse_qs(url.query))
            return
        match = _CONTENT_PATH.match(url.path)
        if match:
            with self.store.transfer():
                self._content(unquote(match.group(1)))
            return
        match = _FILE_PATH.match(url.path)
        if match:
            file_id = unquote(match.group(1))
            stored = self.store.files.get(file_id)
            index = self.store.list_index(file_id)
            if stored is not None:
                self._send_json(200, stored.metadata())
            elif index is not None:
                self._send_json(200, json.loads(self.store.page(index, index + 1))["data"][0])
            else:
                self._error(404, "not_found_error", f"File not found: {file_id}")
            return
        self._error(404, "not_found_error", "Not found")

    def _list(self, query: dict[str, list[str]]) -> None:
        store = self.store
        try:
            limit = int(query.get("limit", ["20"])[0])
        except ValueError:
            limit = 0
        if not 1 <= limit <= 1000:
            self._error(400, "invalid_request_error", "limit: must be between 1 and 1000")
            return
        start, end = 0, min(limit, store.list_count)
        if "page" in query:
            cursor = query["page"][0]
            if not (cursor.startswith("page_") and cursor[5:].isdigit()):
                self._error(400, "invalid_request_error", "page: invalid cursor")
                return
            start = min(int(cursor[5:]), store.list_count)
            end = min(start + limit, store.list_count)
        elif "after_id" in query:
            index = store.list_index(query["after_id"][0])
            start = store.list_count if index is None else index + 1
            end = min(start + limit, store.list_count)
        elif "before_id" in query:
            index = store.list_index(query["before_id"][0])
            end = 0 if index is None else index
            start = max(0, end - limit)
        self._send_json(200, store.page(start, end))

    def _content(self, file_id: str) -> None:
        stored = self.store.files.get(file_id)
        if stored is None:
            self._error(404, "not_found_error", f"File not found: {file_id}")
            return
        if stored.delay:
            time.sleep(stored.delay)
        with open(stored.path, "rb") as f:
            self.send_response(200)
            self.send_header("Content-Type", stored.mime_type)
            self.send_header("Content-Length", str(stored.size))
            self.send_header("Content-Disposition", f'attachment; filename="{stored.filename}"')
            if stored.content_md5 is not None:
                self.send_header("Content-MD5", stored.content_md5)
            self.send_header("request-id", "req_bench")
            self.end_headers()
            self.wfile.flush()
            try:
                self.connection.sendfile(f)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    # -- POST -------------------------------------------------------------------------

    def do_POST(self) -> None:
        if not self._authorized():
            return
        if urlsplit(self.path).path != "/v1/files":
            self.close_connection = True
            self._error(404, "not_found_error", "Not found")
            return
        content_type = self.headers.get("content-type", "")
        match = re.search(r'boundary="?([^";]+)"?', content_type)
        if not content_type.startswith("multipart/form-data") or match is None:
            self.close_connection = True
            self._error(400, "invalid_request_error", "expected multipart/form-data")
            return
        parser = MultipartCounter(match.group(1).encode("latin-1"))
        try:
            with self.store.transfer():
                for chunk in self._body():
                    parser.feed(chunk)
            parser.finish()
        except _BadRequest as exc:
            self.close_connection = True
            self._error(400, "invalid_request_error", str(exc))
            return
        if parser.file_size is None:
            self._error(400, "invalid_request_error", "file: part is required")
            return
        self.store.uploaded(parser.file_size)
        filename = os.path.basename(parser.filename.replace("\\", "/")) or "unnamed"
        body = _metadata(
            self.store.next_upload_id(),
            filename,
            parser.mime_type or "application/octet-stream",
            parser.file_size,
        )
        body["downloadable"] = False
        self._send_json(200, body)

    def _body(self) -> Iterator[bytes]:
        rfile = self.rfile
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            while True:
                line = rfile.readline(1024)
                try:
                    size = int(line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    raise _BadRequest("bad chunked body") from None
                if size == 0:
                    while rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    return
                while size > 0:
                    data = rfile.read(min(size, READ_SIZE))
                    if not data:
                        raise _BadRequest("body cut short")
                    size -= len(data)
                    yield data
                rfile.readline(1024)
        else:
            remaining = int(self.headers.get("content-length", "0"))
            while remaining > 0:
                data = rfile.read1(min(remaining, READ_SIZE))
                if not data:
                    raise _BadRequest("body cut short")
                remaining -= len(data)
                yield data


class MultipartCounter:
    """Streams through a multipart body, counting the bytes of the part named `file`."""

    def __init__(self, boundary: bytes) -> None:
        self.delimiter = b"\r\n--" + boundary
        self.buffer = b"\r\n"  # so the first delimiter, at the very start, matches too
        self.state = "preamble"
        self.part_is_file = False
        self.part_size = 0
        self.file_size: int | None = None
        self.filename = ""
        self.mime_type = ""

    def feed(self, data: bytes) -> None:
        buf = self.buffer + data if self.buffer else data
        keep = len(self.delimiter) - 1
        while True:
            if self.state in ("preamble", "body"):
                index = buf.find(self.delimiter)
                if index < 0:
                    safe = max(0, len(buf) - keep)
                    self.part_size += safe
                    buf = buf[safe:]
                    break
                self.part_size += index
                if self.state == "body" and self.part_is_file:
                    self.file_size = self.part_size
                buf = buf[index + len(self.delimiter) :]
                self.state = "after_delimiter"
            elif self.state == "after_delimiter":
                if len(buf) < 2:
                    break
                if buf.startswith(b"--"):
                    self.state = "done"
                    buf = b""
                    break
                buf = buf[2:]
                self.state = "headers"
            elif self.state == "headers":
                index = buf.find(b"\r\n\r\n")
                if index < 0:
                    if len(buf) > MAX_PART_HEADER:
                        raise _BadRequest("part headers too long")
                    break
                self._part_headers(buf[:index])
                buf = buf[index + 4 :]
                self.state = "body"
                self.part_size = 0
            else:  # done: ignore the epilogue
                buf = b""
                break
        self.buffer = buf

    def _part_headers(self, raw: bytes) -> None:
        self.part_is_file = False
        for line in raw.split(b"\r\n"):
            name, _, value = line.partition(b":")
            key = name.strip().lower()
            if key == b"content-disposition":
                part_name = _NAME.search(value)
                self.part_is_file = part_name is not None and part_name.group(1) == b"file"
                filename = _FILENAME.search(value)
                if self.part_is_file and filename is not None:
                    self.filename = filename.group(1).decode("utf-8", "replace")
            elif key == b"content-type" and self.part_is_file:
                self.mime_type = value.strip().decode("latin-1")

    def finish(self) -> None:
        if self.state != "done":
            raise _BadRequest("multipart body is incomplete")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # The listen backlog (socketserver's default is 5): with more clients connecting at
    # once, SYNs are dropped and each retry costs the client a second.
    request_queue_size = 128


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    with open(args.manifest) as f:
        store = Store(json.load(f))
    handler = type("BoundHandler", (Handler,), {"store": store})
    server = Server(("127.0.0.1", args.port), handler)

    def stop(*_: object) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    def watch_stdin() -> None:
        while sys.stdin.buffer.read(4096):
            pass
        stop()

    signal.signal(signal.SIGTERM, stop)
    threading.Thread(target=watch_stdin, daemon=True).start()
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
