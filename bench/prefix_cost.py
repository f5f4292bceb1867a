"""What proving a restarted download's prefix costs a download that is never retried.

A chunked body (no `Content-Length`, no validator, no `Content-MD5`, as chat files and
code artifacts are sent) is hashed as it is delivered, in case a retry happens. This
times `Client.download_to_file` of such a body, in this process, into `--dir`, served
from memory by a child process (this script with `--serve`), so the two never share a
core's GIL. Run it once per overlay to compare, interleaving the rounds:

    for i in 1 2 3 4 5; do for o in /path/before/overlay overlay; do
        PYTHONPATH=$o .venv/bin/python bench/prefix_cost.py --label $o; done; done

Each run prints one JSON line: the label, the wall and CPU seconds of one download (CPU
time, this process's threads only, shows the hashing even when other load skews the wall
clock), and MB/s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK = 1024 * 1024


class _Chunked(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    size = 0
    block = os.urandom(CHUNK)

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        head = b"%x\r\n" % CHUNK
        for _ in range(self.size // CHUNK):
            self.wfile.write(head)
            self.wfile.write(self.block)
            self.wfile.write(b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(size: int) -> None:
    _Chunked.size = size
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Chunked)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def measure(size: int, directory: str, label: str) -> None:
    from claude_files import Client

    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--size", str(size)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline())
        url = f"http://127.0.0.1:{port}"
        with (
            tempfile.TemporaryDirectory(dir=directory) as out,
            Client(api_key="k", base_url=url) as client,
        ):
            start, cpu = time.perf_counter(), time.process_time()
            path = client.files.download_to_file("file_1", os.path.join(out, "out.bin"))
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            assert path.stat().st_size == size
        record = {
            "label": label,
            "seconds": round(seconds, 4),
            "cpu_seconds": round(cpu, 4),
            "MBps": round(size / seconds / 1e6),
        }
        print(json.dumps(record), flush=True)
    finally:
        child.terminate()
        child.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=256 * CHUNK)
    parser.add_argument("--dir", default="/dev/shm")
    parser.add_argument("--label", default="")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.size)
    else:
        measure(args.size, args.dir, args.label)


if __name__ == "__main__":
    main()
