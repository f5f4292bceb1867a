"""The main job: a scripted session of the real `claude-files` command on the embedded mock.

    .venv/bin/python demo/run_demo.py        (what `make demo` runs)

It starts the mock server in this process (127.0.0.1, a free port; uploads made
downloadable, which the real API refuses, so the round trip can be checked byte for
byte), seeds a generated file and an artifact, makes a few files (one of 52 MB) in a
temporary folder, and then drives the `claude-files` command in subprocesses, exactly
as a person would type it: upload, list across pages, download concurrently, verify
every byte, show the size cap refusing an in-memory download, fetch the compliance
items, delete the uploads. It ends with a summary table and the same commands for the
real API. Exit 0 when every step did what it should; 1 otherwise. Nothing is left
behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claude_files import Client, FileTooLargeError
from claude_files.testing import MockServer

BIG_BYTES = 50 * 1024 * 1024  # 52.4 MB
CHUNK = 1024 * 1024
IN_MEMORY_CAP = 32 * 1024 * 1024


def command() -> list[str]:
    """The installed `claude-files` beside this Python, else `python -m claude_files.cli`."""
    script = Path(sys.executable).with_name("claude-files")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "claude_files.cli"]


@dataclass
class Step:
    name: str
    result: str
    ok: bool
    seconds: float


class DemoFailed(Exception):
    pass


class Session:
    """Runs the command in `workdir` against the mock, and keeps the summary."""

    def __init__(self, server: MockServer, workdir: Path) -> None:
        self.workdir = workdir
        self.env = {
            **os.environ,
            "ANTHROPIC_BASE_URL": server.base_url,
            "ANTHROPIC_API_KEY": server.api_key,
            "ANTHROPIC_COMPLIANCE_API_KEY": server.compliance_api_key,
        }
        self.steps: list[Step] = []

    def heading(self, text: str) -> None:
        print(f"\n== {text}", flush=True)

    def show(self, *args: str, expect: int = 0) -> float:
        """Run `claude-files ARGS` on this terminal (bars and tables included)."""
        print(f"$ claude-files {shlex.join(args)}", flush=True)
        started = time.monotonic()
        code = subprocess.run([*command(), *args], cwd=self.workdir, env=self.env).returncode
        elapsed = time.monotonic() - started
        if code != expect:
            raise DemoFailed(f"`claude-files {shlex.join(args)}` exited {code}, not {expect}")
        if expect:
            print(f"(exit code {code}, as expected)", flush=True)
        return elapsed

    def read(self, *args: str) -> str:
        """Run `claude-files ARGS` and return its stdout, for the demo to read."""
        done = subprocess.run(
            [*command(), *args],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise DemoFailed(f"`claude-files {shlex.join(args)}` failed: {done.stderr.strip()}")
        return done.stdout

    def record(self, name: str, result: str, seconds: float = 0.0, ok: bool = True) -> None:
        self.steps.append(Step(name, result, ok, seconds))
        if not ok:
            raise DemoFailed(f"{name}: {result}")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def make_files(folder: Path) -> dict[str, Path]:
    """A few files to upload; two share the name `data.csv` (in different folders)."""
    uploads = folder / "uploads"
    more = folder / "more"
    uploads.mkdir()
    more.mkdir()
    big = uploads / "big-dataset.bin"
    with big.open("wb") as f:
        for _ in range(BIG_BYTES // CHUNK):
            f.write(os.urandom(CHUNK))
    (uploads / "notes.md").write_text("# Q3 notes\n\n- ship the CLI\n- run the demo\n")
    (uploads / "data.csv").write_text("id,value\n" + "".join(f"{i},{i * i}\n" for i in range(500)))
    (uploads / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(150_000))
    (more / "data.csv").write_text("id,other\n1,2\n")
    return {
        "uploads/big-dataset.bin": big,
        "uploads/notes.md": uploads / "notes.md",
        "uploads/data.csv": uploads / "data.csv",
        "uploads/diagram.png": uploads / "diagram.png",
        "more/data.csv": more / "data.csv",
    }


def human(n: int) -> str:
    if n < 1000:
        return f"{n} B"
    return f"{n / 1e6:.1f} MB" if n >= 1_000_000 else f"{n / 1e3:.1f} kB"


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def run_session(server: MockServer, work: Path) -> Session:
    s = Session(server, work)
    generated_bytes = b"quarter,revenue\nQ1,10\nQ2,12\nQ3,15\n"
    generated = server.add_generated_file(
        generated_bytes, filename="revenue.csv", mime_type="text/csv"
    )
    artifact_bytes = b"# Launch plan\n\n1. Demo\n2. Ship\n"
    artifact = server.add_artifact_version(artifact_bytes, filename="launch-plan.md")

    s.heading("Making files to upload (one of them 52 MB)")
    originals = make_files(work)
    for rel, path in originals.items():
        print(f"  {rel:<26} {human(path.stat().st_size):>9}")

    s.heading("Upload them, 4 at a time, through one client")
    took = s.show("files", "upload", "uploads/", "more/data.csv", "-j", "4")
    total = sum(p.stat().st_size for p in originals.values())
    s.record("upload", f"{len(originals)} files, {human(total)}", took)

    s.heading("List them across pages (2 per page; --verbose shows each request)")
    took = s.show("files", "list", "--page-size", "2", "--verbose")
    listed = s.read("files", "list", "--json")
    files = [json.loads(line)["file"] for line in listed.splitlines()]
    pages = -(-len(files) // 2)
    s.record(
        "list", f"{len(files)} files over {pages} pages", took, ok=len(files) == len(originals)
    )

    s.heading("Download them all concurrently (progress bars on a terminal)")
    ids = [f["id"] for f in files][::-1]  # oldest first: the order they were uploaded
    took = s.show("files", "download", *ids, "-o", "downloads/", "-j", "4")
    s.record("download", f"{len(ids)} files at once (-j 4)", took)

    s.heading("Verify each download against its original (sha256)")
    landed = sorted((work / "downloads").iterdir())
    by_sha = {sha256(p): rel for rel, p in originals.items()}
    rows = []
    matched = 0
    for path in landed:
        digest = sha256(path)
        source = by_sha.get(digest)
        matched += source is not None
        rows.append([path.name, human(path.stat().st_size), digest[:16], source or "NO MATCH"])
    table(rows, ["downloaded as", "size", "sha256", "same bytes as"])
    s.record(
        "verify",
        f"{matched}/{len(originals)} identical (sha256)",
        ok=matched == len(originals) == len(landed),
    )

    s.heading("The size cap refuses to pull the 52 MB file into memory")
    big_id = next(f["id"] for f in files if f["filename"] == "big-dataset.bin")
    print(">>> client = Client(max_download_bytes=32 * 1024 * 1024)   # the default cap is 100 MiB")
    print(f'>>> client.files.download("{big_id}")')
    server.clear_requests()
    with Client(
        api_key=server.api_key, base_url=server.base_url, max_download_bytes=IN_MEMORY_CAP
    ) as client:
        try:
            client.files.download(big_id)
        except FileTooLargeError as exc:
            print(f"FileTooLargeError: {exc}")
            refused = str(exc)
        else:
            refused = ""
    print("The same cap from the command line, for downloads to disk:")
    s.show("files", "download", big_id, "--max-size", "32MiB", "-o", "capped/", expect=1)
    left = list((work / "capped").iterdir())
    s.record(
        "size cap",
        "in-memory download refused (FileTooLargeError)",
        ok=bool(refused) and not left,
    )

    s.heading("Compliance API: a generated file and an artifact")
    s.show("compliance", "generated-files", "get", generated["id"])
    took = s.show("compliance", "generated-files", "download", generated["id"], "-o", "compliance/")
    took += s.show("compliance", "artifacts", "download", artifact, "-o", "compliance/")
    got_generated = (work / "compliance" / "revenue.csv").read_bytes()
    got_artifact = (work / "compliance" / "launch-plan.md").read_bytes()
    s.record(
        "compliance",
        "generated file + artifact, bytes match",
        took,
        ok=got_generated == generated_bytes and got_artifact == artifact_bytes,
    )

    s.heading("Delete the uploads")
    took = s.show("files", "delete", *ids)
    remaining = s.read("files", "list", "--json").splitlines()
    s.record("delete", f"{len(ids)} deleted, {len(remaining)} left", took, ok=not remaining)
    return s


REAL_API = """\
The same commands against the real API:

  export ANTHROPIC_API_KEY=sk-ant-...               # Files API key
  export ANTHROPIC_COMPLIANCE_API_KEY=sk-ant-...    # Compliance API key (organisation admins)
  unset ANTHROPIC_BASE_URL                          # the default: https://api.anthropic.com

  claude-files files upload uploads/ more/data.csv
  claude-files files list
  claude-files files download FILE_ID... -o downloads/
  claude-files compliance generated-files download CLAUDE_GEN_FILE_ID... -o compliance/
  claude-files compliance artifacts download CLAUDE_ARTIFACT_VERSION_ID... -o compliance/
  claude-files files delete FILE_ID...

On the real API, files you upload are not downloadable (only files that tools create
are: a download of an upload is a 400 file_not_downloadable); the mock behaves the same
by default, and this demo opts in (uploaded_files_downloadable=True) so that it can
check the round trip byte for byte.
`claude-files mock-server [--uploaded-downloadable]` serves this same mock for your
own experiments."""


def main() -> int:
    started = time.monotonic()
    # Our lines and the command's (which writes straight to the terminal) stay in order.
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    print("claude-files demo: the real command against the embedded mock server")
    with (
        tempfile.TemporaryDirectory(prefix="claude-files-demo-") as tmp,
        # Uploads downloadable, unlike the real API's: the demo downloads what it uploaded.
        MockServer(uploaded_files_downloadable=True) as server,
    ):
        print(f"mock server on {server.base_url}; working in {tmp}")
        try:
            session = run_session(server, Path(tmp))
        except DemoFailed as exc:
            print(f"\ndemo FAILED: {exc}", file=sys.stderr)
            return 1
    print("\n== Summary")
    rows: list[list[Any]] = [
        [
            step.name,
            "ok" if step.ok else "FAILED",
            step.result,
            f"{step.seconds:.2f} s" if step.seconds else "-",
        ]
        for step in session.steps
    ]
    table(rows, ["step", "status", "what happened", "time"])
    print(f"\nall steps passed in {time.monotonic() - started:.1f} s\n")
    print(REAL_API)
    return 0


if __name__ == "__main__":
    sys.exit(main())
