"""Benchmarks of claude_files against raw httpx, the anthropic SDK and curl → BENCHMARKS.md.

`make bench` runs `python bench/run.py`. What it does:

1. Writes the test files (random bytes) to a temporary folder on disk and starts
   `bench/server.py` over them (loopback, streaming from disk, `Content-MD5` precomputed),
   and `openssl s_server -quiet -WWW` over the big file for the TLS rows (a self-signed
   certificate made for the run, trusted through `SSL_CERT_FILE`; without openssl those
   rows are not measured).
2. Runs every case with `bench/run_client.py`, one process per client and run, the cases of
   a group interleaved (each round rotates their order), `--repeats` rounds; each row is
   the median of its runs, memory the largest growth seen.
3. Times imports in fresh interpreters, and writes the tables with each ratio against its
   baseline and each target met or missed.

"The command line against curl" (`cli.*` cases) times whole processes, as a user waits
for them: `claude-files files download`/`upload` against curl doing the same on 1 GiB jobs
(one 1 GiB file, or 500 MiB for the upload, the API's limit; 64 files of 16 MiB, `-j 8`
against `curl --parallel --parallel-max 8` and against `-j 1`; 64 files of 256 KiB with
20 ms to first byte), and `claude-files --version` against `python -c pass`. Its 2.5 GiB
of source files are made only when one of its cases is asked for; it runs 3 rounds.
`--only cli` runs just that group (about 5 minutes; `--quick --only cli`: half a minute).

The last group is not a transfer: it runs pytest over generated projects to measure what
the `mock_server` fixtures cost a user's test (`fixture.*` cases).

Downloaded files land in tmpfs (`/dev/shm`) when there is room, so a client that fsyncs
(claude_files does, for its atomic write) is measured, not the disk under it; the disk
rows write the same download into a folder on the repository's file system
(`bench/results/`, git-ignored) to show what the fsync costs there.

Options: `--quick` (small sizes, 1 round: a smoke run of about a minute, not figures to
read), `--repeats N` (default 5), `--only SUBSTRING` (cases whose name contains it;
repeatable; `@tls` and `@disk` pick those rows), `--out PATH` (default BENCHMARKS.md at the
repository root), `--dest-dir` / `--disk-dir` (where the tmpfs and the disk rows write).
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEFAULT_OUT = ROOT / "BENCHMARKS.md"
MiB = 1024 * 1024
TIMES = "\N{MULTIPLICATION SIGN}"  # spelt out: ruff flags the character itself
EN_DASH = "\N{EN DASH}"
API_KEY = "bench-key"
CLI_LATENCY_MS = 20
# The Files API takes files up to 500 MiB (`claude_files.MAX_UPLOAD_BYTES`; the CLI
# refuses larger ones before sending): the one-file upload row sends that much.
UPLOAD_LIMIT = 500 * MiB
Result = dict[str, Any]


@dataclass(frozen=True)
class Sizes:
    big: int
    mem: int
    calls: int
    list_items: int
    list_limit: int
    repeats: int
    import_repeats: int
    fixture_tests: int  # tests per pytest run with `mock_server`
    isolated_tests: int  # with `mock_server_isolated`, ~0.1 s each: fewer
    # The command line against curl: one big file, `cli_count` files of `cli_each`,
    # `cli_count` small files slow to answer; `cli_runs` fresh processes per `--version`
    # measurement; the rounds of that group (its jobs are long).
    cli_big: int
    cli_count: int
    cli_each: int
    cli_small: int
    cli_runs: int
    cli_repeats: int


FULL = Sizes(
    big=256 * MiB,
    mem=64 * MiB,
    calls=2000,
    list_items=10_000,
    list_limit=1000,
    repeats=5,
    import_repeats=7,
    fixture_tests=200,
    isolated_tests=50,
    cli_big=1024 * MiB,
    cli_count=64,
    cli_each=16 * MiB,
    cli_small=256 * 1024,
    cli_runs=10,
    cli_repeats=3,
)
QUICK = Sizes(
    big=16 * MiB,
    mem=8 * MiB,
    calls=300,
    list_items=3000,
    list_limit=1000,
    repeats=1,
    import_repeats=3,
    fixture_tests=200,
    isolated_tests=10,
    cli_big=16 * MiB,
    cli_count=16,
    cli_each=1 * MiB,
    cli_small=64 * 1024,
    cli_runs=3,
    cli_repeats=1,
)


# -- what is measured ---------------------------------------------------------------------


@dataclass
class Case:
    name: str  # a run_client case
    label: str
    params: dict[str, Any] = field(default_factory=dict)
    vs: str | None = None  # compare with this case instead of the group's baseline
    note: str = ""
    env: dict[str, str] = field(default_factory=dict)  # added to the client process's


@dataclass
class Target:
    text: str
    check: Callable[[Group], tuple[bool | None, str]]
    # For ratio targets: the case, the test one round's ratio must pass, and the case it
    # is paired with (None: the case's own reference).
    case: str | None = None
    passes: Callable[[float], bool] | None = None
    ref: str | None = None


@dataclass
class Group:
    key: str
    title: str
    metric: str  # "throughput" (higher is better), "per_call_us" or "seconds" (lower)
    baseline: Sequence[str]  # the best of these is the baseline
    cases: list[Case]
    about: str = ""
    targets: list[Target] = field(default_factory=list)
    info: list[Callable[[Group], str]] = field(default_factory=list)
    results: dict[str, list[Result]] = field(default_factory=dict)
    unavailable: str = ""  # why the whole group cannot run here (then it is not run)
    repeats: int | None = None  # fewer rounds than the others (it runs in the first ones)

    # medians and ratios ------------------------------------------------------------------

    def ok_runs(self, case: str) -> list[Result]:
        return [r for r in self.results.get(case, []) if r.get("ok")]

    def median(self, case: str, metric: str | None = None) -> float | None:
        values = [r[metric or self.metric] for r in self.ok_runs(case)]
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    def spread(self, case: str) -> tuple[float, float] | None:
        values = [r[self.metric] for r in self.ok_runs(case) if r.get(self.metric) is not None]
        return (min(values), max(values)) if values else None

    def peak_growth(self, case: str) -> int | None:
        values = [r["peak_growth"] for r in self.ok_runs(case) if r.get("peak_growth") is not None]
        return max(values) if values else None

    def peak_whole(self, case: str) -> int | None:
        values = [r["peak"] for r in self.ok_runs(case) if r.get("peak") is not None]
        return max(values) if values else None

    def higher_is_better(self) -> bool:
        return self.metric == "throughput"

    def best(self, cases: Sequence[str]) -> tuple[str, float] | None:
        scored = [(c, m) for c in cases if (m := self.median(c)) is not None]
        if not scored:
            return None
        pick = max if self.higher_is_better() else min
        return pick(scored, key=lambda item: item[1])

    def reference(self, case: str) -> str | None:
        """What the case is compared with: its `vs`, else the best of the baselines."""
        spec = next((c for c in self.cases if c.name == case), None)
        ref = self.best([spec.vs]) if spec is not None and spec.vs else self.best(self.baseline)
        return None if ref is None else ref[0]

    def ratio(self, case: str) -> float | None:
        """The case against its reference: > 1 is faster for throughput, and for times
        (per call, total) > 1 is slower; the table says which."""
        ref = self.reference(case)
        return None if ref is None else self.paired_ratio(case, ref)

    def round_ratios(self, case: str, ref: str | None = None) -> list[float]:
        """Every round's ratio of the case to `ref` (by default its reference)."""
        ref = ref or self.reference(case)
        if ref is None:
            return []
        by_round = {r.get("round"): r[self.metric] for r in self.ok_runs(ref)}
        return [
            r[self.metric] / by_round[r.get("round")]
            for r in self.ok_runs(case)
            if by_round.get(r.get("round"))
        ]

    def paired_ratio(self, case: str, ref: str) -> float | None:
        """The median over rounds of case ÷ reference measured in the same round: the two
        ran minutes apart at most, so what slowed the machine down in a round slowed both."""
        ratios = self.round_ratios(case, ref)
        return statistics.median(ratios) if ratios else None


def versus(case: str, others: Sequence[str]) -> Callable[[Group], str]:
    """An info line: the case against each other client, paired by round."""

    def line(g: Group) -> str:
        parts = []
        for other in others:
            r = g.paired_ratio(case, other)
            if r is not None:
                what = "the throughput" if g.higher_is_better() else "the time"
                parts.append(f"{r:.2f}{TIMES} {what} of `{other.split('.', 1)[1]}`")
        short = case.split(".", 1)[1]
        return f"`{short}` has " + ("; ".join(parts) if parts else "nothing to compare yet")

    return line


def _rounds(g: Group, case: str, ref: str | None = None) -> str:
    """Every round's paired ratio, so a reader can tell a steady gap from noise."""
    ratios = g.round_ratios(case, ref)
    return f"; by round: {' '.join(f'{r:.2f}' for r in ratios)}" if len(ratios) > 1 else ""


def _near(value: float, threshold: float) -> str:
    """Three decimals, or as many as it takes to tell the value from the threshold."""
    for digits in range(3, 7):
        if round(value, digits) != round(threshold, digits):
            return f"{value:.{digits}f}"
    return f"{value:.6f}"


def _met(value: float | None, ok: Callable[[float], bool], show: str) -> tuple[bool | None, str]:
    if value is None:
        return None, "not measured"
    return ok(value), show


def ratio_at_least(case: str, floor: float, vs: str | None = None, goal: str = "") -> Target:
    """The case's throughput, paired by round, at least `floor` times its reference's (or
    `vs`'s); `goal` says why a target that may be missed is there."""

    def check(g: Group) -> tuple[bool | None, str]:
        r = g.ratio(case) if vs is None else g.paired_ratio(case, vs)
        show = f"{_near(r, floor)}{_rounds(g, case, vs)}" if r else ""
        return _met(r, lambda v: v >= floor, show)

    against = "baseline" if vs is None else f"`{vs.split('.', 1)[1]}`"
    return Target(
        f"`{case.split('.', 1)[1]}` throughput ≥ {floor:.2f} {TIMES} {against}"
        + (f" ({goal})" if goal else ""),
        check,
        case,
        lambda v: v >= floor,
        vs,
    )


def ratio_at_most(case: str, ceiling: float) -> Target:
    def check(g: Group) -> tuple[bool | None, str]:
        r = g.ratio(case)
        show = f"{_near(r, ceiling)}{_rounds(g, case)}" if r else ""
        return _met(r, lambda v: v <= ceiling, show)

    return Target(
        f"`{case.split('.', 1)[1]}` per call ≤ {ceiling:.2f} {TIMES} baseline",
        check,
        case,
        lambda v: v <= ceiling,
    )


def faster_than(case: str, other: str) -> Target:
    def check(g: Group) -> tuple[bool | None, str]:
        a, b, r = g.median(case), g.median(other), g.paired_ratio(case, other)
        if a is None or b is None or r is None:
            return None, "not measured"
        return r < 1, f"{a:.0f} µs vs {b:.0f} µs, {r:.3f}{TIMES}"

    return Target(f"`{case.split('.', 1)[1]}` per call below `{other.split('.', 1)[1]}`", check)


def per_call_at_most(case: str, ceiling_us: float) -> Target:
    def check(g: Group) -> tuple[bool | None, str]:
        value = g.median(case)
        show = f"{value / 1e3:.2f} ms" if value is not None else ""
        return _met(value, lambda v: v <= ceiling_us, show)

    return Target(f"`{case.split('.', 1)[1]}` ≤ {ceiling_us / 1e3:g} ms per test", check)


def peak_at_most(case: str, limit: int, what: str) -> Target:
    def check(g: Group) -> tuple[bool | None, str]:
        peak = g.peak_growth(case)
        return _met(
            None if peak is None else float(peak),
            lambda v: v <= limit,
            f"{_mib(peak)} MiB" if peak is not None else "",
        )

    return Target(f"`{case.split('.', 1)[1]}` peak memory growth ≤ {what}", check)


def _mib(n: float | None) -> str:
    return "—" if n is None else f"{n / MiB:.1f}"


# -- setup --------------------------------------------------------------------------------


def write_random(path: Path, size: int) -> str:
    h = hashlib.md5()
    with open(path, "wb") as f:
        left = size
        while left:
            block = os.urandom(min(left, MiB))
            f.write(block)
            h.update(block)
            left -= len(block)
    return h.hexdigest()


@dataclass(frozen=True)
class Tls:
    """The local TLS server, or why there is none."""

    base_url: str = ""
    cert: str = ""  # the self-signed certificate, for `SSL_CERT_FILE`
    why_not: str = ""


@dataclass
class Fixture:
    data: Path
    dest: Path
    disk: Path  # a folder on a real disk, for the disk rows
    base_url: str = ""
    tls: Tls = field(default_factory=Tls)
    big_md5: str = ""
    mem_md5: str = ""
    cli: CliFiles | None = None  # made only when the command-line group runs


@dataclass(frozen=True)
class FileSet:
    """Files in the manifest for one job: ids, their filenames, MD5s by filename, paths."""

    ids: list[str]
    names: dict[str, str]
    md5: dict[str, str]
    paths: list[str]
    size: int  # all of them together

    def params(self) -> dict[str, Any]:
        return {"ids": self.ids, "names": self.names, "md5": self.md5, "size": self.size}


@dataclass(frozen=True)
class CliFiles:
    big: FileSet  # one file
    upload: FileSet  # one file, as big as the API takes (UPLOAD_LIMIT)
    many: FileSet  # `cli_count` files of `cli_each`
    latency: FileSet  # `cli_count` small files, each answered after CLI_LATENCY_MS


def _file_set(
    folder: Path, prefix: str, count: int, size: int, files: dict[str, Any], delay_ms: int = 0
) -> FileSet:
    """`count` files of `size` random bytes in `folder`, added to the manifest's `files`."""
    folder.mkdir(parents=True)
    ids, names, md5, paths = [], {}, {}, []
    for i in range(count):
        file_id, name = f"file_{prefix}_{i:04d}", f"{prefix}_{i:04d}.bin"
        path = folder / name
        md5[name] = write_random(path, size)
        files[file_id] = {"path": str(path), "filename": name, "delay_ms": delay_ms}
        ids.append(file_id)
        names[file_id] = name
        paths.append(str(path))
    return FileSet(ids, names, md5, paths, count * size)


def make_cli_files(sizes: Sizes, data: Path, files: dict[str, Any]) -> CliFiles:
    folder = data / "cli"
    return CliFiles(
        big=_file_set(folder / "big", "cli_big", 1, sizes.cli_big, files),
        upload=_file_set(folder / "up", "cli_up", 1, min(sizes.cli_big, UPLOAD_LIMIT), files),
        many=_file_set(folder / "many", "cli_many", sizes.cli_count, sizes.cli_each, files),
        latency=_file_set(
            folder / "latency",
            "cli_latency",
            sizes.cli_count,
            sizes.cli_small,
            files,
            delay_ms=CLI_LATENCY_MS,
        ),
    )


def make_fixture(
    sizes: Sizes, data: Path, dest: Path, disk: Path, with_cli: bool
) -> tuple[Fixture, dict[str, Any]]:
    fx = Fixture(data=data, dest=dest, disk=disk)
    fx.big_md5 = write_random(data / "big.bin", sizes.big)
    fx.mem_md5 = write_random(data / "mem.bin", sizes.mem)
    files: dict[str, Any] = {
        "file_big": {"path": str(data / "big.bin"), "filename": "big.bin"},
        "file_big_md5": {"path": str(data / "big.bin"), "filename": "big.bin", "md5": fx.big_md5},
        "file_mem": {"path": str(data / "mem.bin"), "filename": "mem.bin"},
    }
    if with_cli:
        fx.cli = make_cli_files(sizes, data, files)
    return fx, {"files": files, "list_count": sizes.list_items}


@contextmanager
def bench_server(manifest: dict[str, Any], data: Path) -> Iterator[str]:
    path = data / "manifest.json"
    path.write_text(json.dumps(manifest))
    proc = subprocess.Popen(
        [sys.executable, str(BENCH / "server.py"), "--manifest", str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("bench/server.py exited before it listened")
        yield f"http://127.0.0.1:{json.loads(line)['port']}"
    finally:
        assert proc.stdin is not None
        proc.stdin.close()  # the server exits when its stdin closes
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_listening(proc: subprocess.Popen[bytes], port: int, seconds: float) -> str:
    """ "" once something accepts on the port, else why not (the process exited, or
    nothing listened in time)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return f"openssl s_server exited ({proc.returncode})"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            time.sleep(0.05)
        else:
            return ""
    return f"openssl s_server did not listen within {seconds:g} s"


@contextmanager
def tls_server(data: Path) -> Iterator[Tls]:
    """`openssl s_server -quiet -WWW` over `big.bin`, with a fresh self-signed certificate.

    `-WWW` serves files under its working directory at their request path, so
    `www/v1/files/file_big/content` links to `big.bin`. It answers HTTP/1.0 with no
    `Content-Length`, closes the connection after each response and serves one connection
    at a time: enough for one client downloading one file.
    """
    openssl = shutil.which("openssl")
    if openssl is None:
        yield Tls(why_not="openssl not found")
        return
    folder = data / "tls"
    content = folder / "www" / "v1" / "files" / "file_big" / "content"
    content.parent.mkdir(parents=True)
    content.symlink_to(data / "big.bin")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    out = ["-keyout", str(key), "-out", str(cert)]
    made = subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", *subject, *out],
        capture_output=True,
        text=True,
    )
    if made.returncode:
        yield Tls(why_not=f"openssl req failed: {made.stderr.strip()[-200:]}")
        return
    port, pem = _free_port(), ["-cert", str(cert), "-key", str(key)]
    with open(folder / "s_server.log", "wb") as log:
        proc = subprocess.Popen(
            [openssl, "s_server", "-quiet", "-WWW", "-accept", f"127.0.0.1:{port}", *pem],
            cwd=folder / "www",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    try:
        why = _wait_listening(proc, port, 10)
        yield Tls(why_not=why) if why else Tls(f"https://127.0.0.1:{port}", str(cert))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def warm_up(base_url: str, limit: int) -> None:
    """Fetch every listing page once, so the server's page cache is warm for every client
    (the first to list would otherwise pay for encoding the JSON)."""
    headers = {"x-api-key": API_KEY, "anthropic-version": "2023-06-01"}
    query = f"limit={limit}"
    while True:
        request = urllib.request.Request(f"{base_url}/v1/files?{query}", headers=headers)
        with urllib.request.urlopen(request, timeout=30) as resp:
            page = json.load(resp)
        if not page.get("next_page"):
            return
        query = f"limit={limit}&page={page['next_page']}"


def pick_dest_dir(need: int, choice: str | None) -> Path:
    if choice:
        return Path(tempfile.mkdtemp(prefix="claude-files-bench-out-", dir=choice))
    shm = Path("/dev/shm")
    if shm.is_dir() and shutil.disk_usage(shm).free > need:
        return Path(tempfile.mkdtemp(prefix="claude-files-bench-out-", dir=shm))
    return Path(tempfile.mkdtemp(prefix="claude-files-bench-out-"))


def pick_disk_dir(choice: str | None) -> Path:
    """A fresh folder on the repository's file system (git-ignored `bench/results/`), or
    under `choice`: where the disk rows write."""
    parent = Path(choice) if choice else BENCH / "results"
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="claude-files-bench-disk-", dir=parent))


def fs_type(path: Path) -> str:
    """The file system type of the mount holding `path` (e.g. `ext4`, `tmpfs`)."""
    best, kind = "", "unknown"
    with open("/proc/mounts") as f:
        for line in f:
            fields = line.split()
            if len(fields) < 3:
                continue
            mount = fields[1]
            inside = str(path.resolve()).startswith(mount.rstrip("/") + "/")
            if inside and len(mount) > len(best):
                best, kind = mount, fields[2]
    return kind


def claude_files_status() -> str | None:
    """None when `claude_files.Client` imports, else why not."""
    done = subprocess.run(
        [sys.executable, "-c", "from claude_files import Client"],
        capture_output=True,
        text=True,
    )
    if done.returncode == 0:
        return None
    lines = done.stderr.strip().splitlines()
    return lines[-1] if lines else f"exit {done.returncode}"


def cli_command() -> list[str] | None:
    script = Path(sys.executable).parent / "claude-files"
    if script.exists():
        return [str(script)]
    spec = subprocess.run(
        [sys.executable, "-c", "import claude_files.cli", "files", "download", "--help"],
        capture_output=True,
    )
    found = subprocess.run(
        [sys.executable, "-m", "claude_files.cli", "files", "download", "--help"],
        capture_output=True,
    )
    if spec.returncode == 0 and found.returncode == 0:
        return [sys.executable, "-m", "claude_files.cli"]
    return None


# -- the groups ---------------------------------------------------------------------------


CF = "download_file.claude_files"
CF_ASYNC = "download_file.claude_files_async"
CURL = "download_file.curl"
RAW = "download_file.raw_httpx"
RAW_ASYNC = "download_file.raw_httpx_async"
CURL_GOAL = "the goal: curl is the limit; may be missed"


def _async_targets(case: str, sync: str, peak: int, what: str) -> list[Target]:
    """`AsyncClient` against `Client` on the same transfer, paired by round, and its memory."""
    return [ratio_at_least(case, 0.95, vs=sync), peak_at_most(case, peak, what)]


def build_groups(sizes: Sizes, fx: Fixture, cli: list[str] | None) -> list[Group]:
    big, mem = sizes.big, sizes.mem
    common = {"base_url": fx.base_url, "api_key": API_KEY}

    def to_file(file_id: str, base_url: str = fx.base_url, dest: Path = fx.dest) -> dict[str, Any]:
        return {
            **common,
            "base_url": base_url,
            "file_id": file_id,
            "dest": str(dest / "download.bin"),
            "size": big,
            "md5": fx.big_md5,
        }

    def our_cases(p: dict[str, Any], at: str = "", env: dict[str, str] | None = None) -> list[Case]:
        """curl (the limit), `Client` and `AsyncClient`, downloading to a file."""
        env = env or {}
        curl = "curl `--cacert` `-o`" if at == "@tls" else "curl `-o`"
        return [
            Case(CURL + at, f"{curl} (the limit)", p, note="peak is curl's whole RSS", env=env),
            Case(CF + at, "**claude_files** `Client.download_to_file`", p, env=env),
            Case(CF_ASYNC + at, "**claude_files** `AsyncClient.download_to_file`", p, env=env),
        ]

    size_label = f"{big // MiB} MiB"
    p_big = to_file("file_big")
    no_md5 = Group(
        key="download_file",
        title=f"Download to a file, {size_label}, no `Content-MD5`",
        metric="throughput",
        baseline=[RAW],
        cases=[
            Case(RAW, "raw httpx `iter_raw()` → file (baseline)", p_big),
            Case(RAW_ASYNC, "raw httpx `AsyncClient`, `aiter_raw()` → file (for scale)", p_big),
            Case(
                "download_file.anthropic_write_to_file",
                "anthropic `download(id).write_to_file`",
                p_big,
            ),
            Case(
                "download_file.anthropic_stream_to_file",
                "anthropic `with_streaming_response.download(id)` → `stream_to_file`",
                p_big,
            ),
            *our_cases(p_big),
        ],
        info=[
            versus(
                CF,
                [
                    "download_file.anthropic_write_to_file",
                    "download_file.anthropic_stream_to_file",
                    CURL,
                ],
            ),
            versus(CF_ASYNC, [RAW_ASYNC, CF]),
        ],
        targets=[
            ratio_at_least(CF, 1.0),
            ratio_at_least(CF, 0.80, vs=CURL, goal=CURL_GOAL),
            peak_at_most(CF, 32 * MiB, "32 MiB"),
            *_async_targets(CF_ASYNC, CF, 32 * MiB, "32 MiB"),
        ],
    )
    p_md5 = to_file("file_big_md5")
    md5 = Group(
        key="download_file_md5",
        title=f"Download to a file, {size_label}, with `Content-MD5` checked",
        metric="throughput",
        baseline=["download_file.raw_httpx_md5", "download_file.raw_httpx_md5_inline"],
        about=(
            "The baseline checks the header too, the faster of two honest ways: hashing in a"
            " second thread fed 1 MiB batches (hashlib releases the GIL), or inline. curl"
            " does not check `Content-MD5`: its row is the limit, for scale. The anthropic"
            " SDK does not check it either: its rows are in the group above."
        ),
        cases=[
            Case(
                "download_file.raw_httpx_md5",
                "raw httpx `iter_raw()` → file + MD5 in a thread (baseline)",
                p_md5,
            ),
            Case(
                "download_file.raw_httpx_md5_inline",
                "raw httpx `iter_raw()` → file + MD5 inline (baseline)",
                p_md5,
            ),
            *our_cases(p_md5),
        ],
        info=[versus(CF, [CURL])],
        targets=[
            ratio_at_least(CF, 0.90),
            peak_at_most(CF, 32 * MiB, "32 MiB"),
            *_async_targets(CF_ASYNC, CF, 32 * MiB, "32 MiB"),
        ],
    )
    tls_env = {"SSL_CERT_FILE": fx.tls.cert}
    p_tls = to_file("file_big", base_url=fx.tls.base_url)
    tls = Group(
        key="download_file_tls",
        title=f"Download to a file over TLS, {size_label}, no `Content-MD5`",
        metric="throughput",
        baseline=[RAW + "@tls"],
        about=(
            "The same file from `openssl s_server -quiet -WWW` on 127.0.0.1 (a self-signed"
            " certificate made for the run; every Python client trusts it through"
            " `SSL_CERT_FILE` on its default transport, curl through `--cacert`). `-WWW`"
            " answers HTTP/1.0 with no `Content-Length` and closes the connection at the end"
            " of the body; it serves one connection at a time."
        ),
        unavailable=fx.tls.why_not,
        cases=[
            Case(RAW + "@tls", "raw httpx `iter_raw()` → file (baseline)", p_tls, env=tls_env),
            Case(
                RAW_ASYNC + "@tls",
                "raw httpx `AsyncClient`, `aiter_raw()` → file (for scale)",
                p_tls,
                env=tls_env,
            ),
            *our_cases(p_tls, "@tls", tls_env),
        ],
        info=[
            versus(CF + "@tls", [CURL + "@tls"]),
            versus(CF_ASYNC + "@tls", [RAW_ASYNC + "@tls"]),
        ],
        targets=[
            ratio_at_least(CF + "@tls", 1.0),
            ratio_at_least(CF + "@tls", 0.80, vs=CURL + "@tls", goal=CURL_GOAL),
            peak_at_most(CF + "@tls", 32 * MiB, "32 MiB"),
            *_async_targets(CF_ASYNC + "@tls", CF + "@tls", 32 * MiB, "32 MiB"),
        ],
    )
    p_disk = to_file("file_big", dest=fx.disk)
    disk = Group(
        key="download_file_disk",
        title=f"Download to a file on disk, {size_label}, no `Content-MD5`",
        metric="throughput",
        baseline=[RAW + "@disk"],
        about=(
            f"The same download into a folder on the repository's file system"
            f" ({fs_type(fx.disk)}), not tmpfs: the disk's write-back is in the figures."
            " `download_to_file` fsyncs the file before its atomic rename (what keeps"
            ' "never a partial file" true across a crash); the raw httpx baseline and curl'
            " write with no fsync, as a user's loop does, so their pages reach the disk"
            " after their clock has stopped."
        ),
        cases=[
            Case(RAW + "@disk", "raw httpx `iter_raw()` → file, no fsync (baseline)", p_disk),
            *our_cases(p_disk, "@disk"),
        ],
        info=[versus(CF + "@disk", [CURL + "@disk"]), versus(CF_ASYNC + "@disk", [CF + "@disk"])],
        targets=[ratio_at_least(CF + "@disk", 0.90)],
    )
    p_mem = {**common, "file_id": "file_mem", "size": mem, "md5": fx.mem_md5}
    in_memory = Group(
        key="download_bytes",
        title=f"Download into memory, {mem // MiB} MiB",
        metric="throughput",
        baseline=["download_bytes.raw_httpx"],
        cases=[
            Case("download_bytes.raw_httpx", "raw httpx `get(url).content` (baseline)", p_mem),
            Case("download_bytes.anthropic", "anthropic `download(id).read()`", p_mem),
            Case("download_bytes.claude_files", "**claude_files** `download`", p_mem),
        ],
        info=[versus("download_bytes.claude_files", ["download_bytes.anthropic"])],
        targets=[
            peak_at_most(
                "download_bytes.claude_files", mem + 16 * MiB, f"{mem // MiB} + 16 MiB (size + 16)"
            )
        ],
    )
    p_stream = {**common, "file_id": "file_big", "size": big}
    stream = Group(
        key="download_stream",
        title=f"Download as a stream, {size_label}",
        metric="throughput",
        baseline=["download_stream.raw_httpx"],
        about=(
            "Each chunk is counted and dropped: nothing but per-chunk overhead separates the"
            " rows (curl writes to `/dev/null`)."
        ),
        cases=[
            Case("download_stream.raw_httpx", "raw httpx `iter_raw()` (baseline)", p_stream),
            Case(
                "download_stream.raw_httpx_iter_bytes",
                "raw httpx `iter_bytes()` (adds httpx's decoding layer)",
                p_stream,
            ),
            Case(
                "download_stream.curl",
                "curl `-o /dev/null` (the limit)",
                p_stream,
                note="peak is curl's whole RSS",
            ),
            Case(
                "download_stream.claude_files",
                "**claude_files** `Client.download_stream`",
                p_stream,
            ),
            Case(
                "download_stream.claude_files_async",
                "**claude_files** `AsyncClient.download_stream`",
                p_stream,
            ),
        ],
        info=[versus("download_stream.claude_files", ["download_stream.curl"])],
        targets=[
            ratio_at_least("download_stream.claude_files", 0.95),
            peak_at_most("download_stream.claude_files", 16 * MiB, "16 MiB (flat)"),
            *_async_targets(
                "download_stream.claude_files_async",
                "download_stream.claude_files",
                16 * MiB,
                "16 MiB (flat)",
            ),
        ],
    )
    p_up = {**common, "path": str(fx.data / "big.bin"), "size": big}
    upload = Group(
        key="upload",
        title=f"Upload from a path, {size_label}",
        metric="throughput",
        baseline=["upload.raw_httpx"],
        about="The server parses the multipart body as it streams in and discards it.",
        cases=[
            Case("upload.raw_httpx", "raw httpx multipart from an open file (baseline)", p_up),
            Case("upload.anthropic_path", "anthropic `upload(file=Path(...))`", p_up),
            Case("upload.anthropic_open_file", "anthropic `upload(file=(name, f, type))`", p_up),
            Case(
                "upload.curl",
                "curl `-F file=@path` (the limit)",
                p_up,
                note="peak is curl's whole RSS",
            ),
            Case("upload.claude_files", "**claude_files** `Client.upload(path)`", p_up),
            Case("upload.claude_files_async", "**claude_files** `AsyncClient.upload(path)`", p_up),
        ],
        info=[
            versus(
                "upload.claude_files",
                ["upload.anthropic_path", "upload.anthropic_open_file", "upload.curl"],
            )
        ],
        targets=[
            ratio_at_least("upload.claude_files", 0.95),
            peak_at_most("upload.claude_files", 32 * MiB, "32 MiB"),
            *_async_targets("upload.claude_files_async", "upload.claude_files", 32 * MiB, "32 MiB"),
        ],
    )
    p_get = {**common, "file_id": "file_big", "calls": sizes.calls}
    get = Group(
        key="get",
        title=f"Metadata `get` {TIMES} {sizes.calls} on one client",
        metric="per_call_us",
        baseline=["get.raw_httpx"],
        about="After 50 warm-up calls; time per call (lower is better).",
        cases=[
            Case("get.raw_httpx", "raw httpx `get(url).json()` (baseline)", p_get),
            Case("get.raw_httpx_models", "raw httpx + `FileMetadata.from_dict`", p_get),
            Case("get.anthropic", "anthropic `retrieve_metadata`", p_get),
            Case("get.claude_files", "**claude_files** `get`", p_get),
        ],
        info=[versus("get.claude_files", ["get.raw_httpx_models"])],
        targets=[
            ratio_at_most("get.claude_files", 1.15),
            faster_than("get.claude_files", "get.anthropic"),
        ],
    )
    p_list = {**common, "limit": sizes.list_limit, "items": sizes.list_items}
    listing = Group(
        key="list",
        title=f"Listing {sizes.list_items:,} files, limit {sizes.list_limit}",
        metric="seconds",
        baseline=["list.raw_httpx"],
        about="Every item across pages; total time (lower is better).",
        cases=[
            Case("list.raw_httpx", "raw httpx, following `next_page` (baseline)", p_list),
            Case("list.raw_httpx_models", "raw httpx + `FileListResponse.from_dict`", p_list),
            Case("list.anthropic", "anthropic `beta.files.list` iteration", p_list),
            Case("list.claude_files", "**claude_files** `files.list` iteration", p_list),
        ],
        info=[versus("list.claude_files", ["list.raw_httpx_models", "list.anthropic"])],
    )
    groups = [no_md5, md5, tls, disk, in_memory, stream, upload, get, listing]
    if fx.cli is not None:
        groups.append(cli_group(sizes, fx.cli, fx, cli))
    return [*groups, fixture_group(sizes)]


def fixture_group(sizes: Sizes) -> Group:
    """What a user's test pays for the mock: pytest runs over generated projects."""
    shared = {"fixture": "mock_server", "tests": sizes.fixture_tests}
    isolated = {"fixture": "mock_server_isolated", "tests": sizes.isolated_tests}
    return Group(
        key="fixture",
        title="The pytest fixture: cost per test",
        metric="per_call_us",
        baseline=["fixture.mock_server_isolated"],
        about=(
            "pytest in a child process over a generated project of one-line tests that take"
            " the fixture, minus the same project without it, run just before in the same"
            f" case; divided by the tests: {sizes.fixture_tests} with `mock_server`,"
            f" {sizes.isolated_tests} with `mock_server_isolated` (a server started and"
            " stopped per test, what `mock_server` was before issue 13). The `mock_server`"
            " figure includes the session's one import, start and stop of the server,"
            " spread over its tests. Lower is better."
        ),
        cases=[
            Case(
                "fixture.mock_server",
                "**`mock_server`** (the session's server, reset per test)",
                shared,
            ),
            Case(
                "fixture.mock_server_isolated",
                "`mock_server_isolated` (a server per test) (baseline)",
                isolated,
            ),
        ],
        targets=[per_call_at_most("fixture.mock_server", 5000)],
    )


# -- the command line against curl ---------------------------------------------------------

# Case names (all start with "cli.", so `--only cli` runs just this group).
CLI_CURL_DL = "cli.curl_download@big"
CLI_DL = "cli.download@big"
CLI_CURL_DL_MANY = "cli.curl_download@many"
CLI_DL_MANY_8 = "cli.download@many_j8"
CLI_DL_MANY_1 = "cli.download@many_j1"
CLI_RAW_MANY_8 = "cli.raw_httpx@many_8_threads"
CLI_RAW_MANY_1 = "cli.raw_httpx@many_1_thread"
CLI_CURL_UP = "cli.curl_upload@big"
CLI_UP = "cli.upload@big"
CLI_CURL_UP_MANY = "cli.curl_upload@many"
CLI_UP_MANY_8 = "cli.upload@many_j8"
CLI_UP_MANY_1 = "cli.upload@many_j1"
CLI_CURL_LAT = "cli.curl_download@latency"
CLI_LAT_8 = "cli.download@latency_j8"
CLI_LAT_1 = "cli.download@latency_j1"
CLI_RAW_LAT_8 = "cli.raw_httpx@latency_8_threads"
CLI_RAW_LAT_1 = "cli.raw_httpx@latency_1_thread"
CLI_BARE_UP = "cli.bare_upload@big"
CLI_BARE_UP_MANY = "cli.bare_upload@many_j8"
CLI_BARE_LAT_8 = "cli.bare_download@latency_j8"
CLI_BARE_LAT_1 = "cli.bare_download@latency_j1"
CLI_VERSION = "cli.version@claude_files"
CLI_PYTHON = "cli.version@python"
CLI_CASES = (
    CLI_CURL_DL,
    CLI_DL,
    CLI_CURL_DL_MANY,
    CLI_DL_MANY_8,
    CLI_DL_MANY_1,
    CLI_RAW_MANY_8,
    CLI_RAW_MANY_1,
    CLI_CURL_UP,
    CLI_UP,
    CLI_CURL_UP_MANY,
    CLI_UP_MANY_8,
    CLI_UP_MANY_1,
    CLI_CURL_LAT,
    CLI_LAT_8,
    CLI_LAT_1,
    CLI_RAW_LAT_8,
    CLI_RAW_LAT_1,
    CLI_BARE_UP,
    CLI_BARE_UP_MANY,
    CLI_BARE_LAT_8,
    CLI_BARE_LAT_1,
    CLI_VERSION,
    CLI_PYTHON,
)
CLI_JOBS = 8
CLI_WALL_CEILING = 1.5
CLI_VERSION_CEILING = 0.150  # seconds


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1024 * MiB), ("MiB", MiB), ("KiB", 1024)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n} B"


def wall_at_most(case: str, ref: str, ceiling: float, what: str) -> Target:
    """The case's wall time, paired by round, at most `ceiling` times `ref`'s."""

    def check(g: Group) -> tuple[bool | None, str]:
        r = g.paired_ratio(case, ref)
        show = f"{_near(r, ceiling)}{_rounds(g, case, ref)}" if r else ""
        return _met(r, lambda v: v <= ceiling, show)

    text = f"{what}: wall ≤ {ceiling:.2f} {TIMES} curl's"
    return Target(text, check, case, lambda v: v <= ceiling, ref)


def speed_up_at_least(case: str, ref: str, floor: float, what: str) -> Target:
    """The case's throughput at least `floor` times `ref`'s on the same bytes: `ref`'s wall
    time ÷ the case's, paired by round. (`passes` tests a round's time ratio, case ÷ ref,
    as `missed_notes` reads it.)"""

    def check(g: Group) -> tuple[bool | None, str]:
        speed_ups = [1 / r for r in g.round_ratios(case, ref)]
        if not speed_ups:
            return None, "not measured"
        value = statistics.median(speed_ups)
        rounds = f"; by round: {' '.join(f'{v:.2f}' for v in speed_ups)}"
        return value >= floor, _near(value, floor) + (rounds if len(speed_ups) > 1 else "")

    text = f"{what}: `{_flag(case)}` throughput ≥ {floor:.2f} {TIMES} `{_flag(ref)}`'s"
    return Target(text, check, case, lambda v: v * floor <= 1, ref)


def seconds_at_most(case: str, ceiling: float, what: str) -> Target:
    def check(g: Group) -> tuple[bool | None, str]:
        value = g.median(case)
        rounds = " ".join(f"{r['seconds'] * 1e3:.0f}" for r in g.ok_runs(case))
        show = f"{value * 1e3:.0f} ms; by round: {rounds}" if value is not None else ""
        return _met(value, lambda v: v <= ceiling, show)

    return Target(f"{what} ≤ {ceiling * 1e3:.0f} ms", check)


def _flag(case: str) -> str:
    """`-j 8` for `cli.download@many_j8`."""
    return "-j " + case.rsplit("_j", 1)[1]


def _bare_lines(count: int, each: str, small: str, one_up: str) -> list[Callable[[Group], str]]:
    """Info lines: what a plain Python program on httpx (`bench/bare.py`, whole process,
    in the same rounds) makes of each target claude-files missed or may miss, beside
    claude-files's figure."""

    def wall(case: str, bare: str, ref: str, what: str) -> Callable[[Group], str]:
        def line(g: Group) -> str:
            ours, plain = g.paired_ratio(case, ref), g.paired_ratio(bare, ref)
            if ours is None or plain is None:
                return f"the bare httpx script on {what}: not measured"
            return (
                f"the bare httpx script on {what}: it takes {plain:.2f} {TIMES} curl's"
                f" wall time (the target: ≤ {CLI_WALL_CEILING:.2f}{_rounds(g, bare, ref)});"
                f" claude-files {ours:.2f}"
            )

        return line

    def latency(g: Group) -> str:
        bare = [1 / r for r in g.round_ratios(CLI_BARE_LAT_8, CLI_BARE_LAT_1)]
        ours = [1 / r for r in g.round_ratios(CLI_LAT_8, CLI_LAT_1)]
        what = f"the {count} {TIMES} {small} latency target"
        if not bare or not ours:
            return f"the bare httpx script on {what}: not measured"
        by_round = " ".join(f"{v:.2f}" for v in bare)
        return (
            f"the bare httpx script on {what}: its `-j {CLI_JOBS}` is"
            f" {statistics.median(bare):.2f} {TIMES} as fast as its `-j 1` (the target:"
            f" ≥ 4.00; by round: {by_round}); claude-files {statistics.median(ours):.2f}"
        )

    return [
        wall(CLI_UP, CLI_BARE_UP, CLI_CURL_UP, f"the {one_up} upload target"),
        wall(
            CLI_UP_MANY_8,
            CLI_BARE_UP_MANY,
            CLI_CURL_UP_MANY,
            f"the {count} {TIMES} {each} upload target",
        ),
        latency,
    ]


def _in_flight(g: Group) -> str:
    """What the server saw: the most transfers of one command served at once."""
    seen = []
    for case in g.cases:
        counts = [r["in_flight"] for r in g.ok_runs(case.name) if "in_flight" in r]
        if counts and case.name not in (CLI_CURL_DL, CLI_DL, CLI_CURL_UP, CLI_UP, CLI_BARE_UP):
            seen.append(f"`{case.name[4:]}` {min(counts)}{EN_DASH}{max(counts)}")
    return "most transfers in flight at once, as the server counted them: " + (
        ", ".join(seen) if seen else "not measured"
    )


def cli_group(sizes: Sizes, files: CliFiles, fx: Fixture, cli: list[str] | None) -> Group:
    common = {"base_url": fx.base_url, "api_key": API_KEY, "dest": str(fx.dest / "cli")}
    big = {**common, **files.big.params()}
    many = {**common, **files.many.params()}
    slow = {**common, **files.latency.params()}
    up_big = {**common, "paths": files.upload.paths, "size": files.upload.size}
    up_many = {**common, "paths": files.many.paths, "size": files.many.size}
    count, each, small = sizes.cli_count, _size(sizes.cli_each), _size(sizes.cli_small)
    one, one_up, j = _size(sizes.cli_big), _size(files.upload.size), CLI_JOBS
    limit = " (the API's limit)" if files.upload.size == UPLOAD_LIMIT else ""
    parallel = f"curl `--parallel --parallel-max {j}`"
    whole = "whole process"
    in_process = "transfer only, timed in its process (no start-up)"
    bare = "bare httpx script `bench/bare.py` (for scale)"

    def ours(name: str, label: str, params: dict[str, Any], vs: str, note: str) -> Case:
        return Case(name, label, {**params, "cli": cli or []}, vs=vs, note=f"{whole}; {note}")

    cases = [
        Case(CLI_CURL_DL, f"{one} download: curl `-o DIR/NAME`", big, note=whole),
        ours(
            CLI_DL,
            f"{one} download: **claude-files** `files download ID -o DIR/`",
            big,
            CLI_CURL_DL,
            "vs curl",
        ),
        Case(
            CLI_CURL_DL_MANY,
            f"{count} {TIMES} {each} download: {parallel}, `-o` per URL",
            {**many, "jobs": j},
            note=whole,
        ),
        ours(
            CLI_DL_MANY_8,
            f"{count} {TIMES} {each} download: **claude-files** `files download"
            f" ID{TIMES}{count} -j {j} -o DIR/`",
            {**many, "jobs": j},
            CLI_CURL_DL_MANY,
            "vs curl `--parallel`",
        ),
        ours(
            CLI_DL_MANY_1,
            f"{count} {TIMES} {each} download: **claude-files** `-j 1`",
            {**many, "jobs": 1},
            CLI_CURL_DL_MANY,
            "vs curl `--parallel`",
        ),
        Case(
            CLI_RAW_MANY_8,
            f"{count} {TIMES} {each} download: raw httpx, {j} threads on one client (for scale)",
            {**many, "jobs": j},
            vs=CLI_RAW_MANY_1,
            note=f"{in_process}; vs 1 thread",
        ),
        Case(
            CLI_RAW_MANY_1,
            f"{count} {TIMES} {each} download: raw httpx, 1 thread (for scale)",
            {**many, "jobs": 1},
            note=in_process,
        ),
        Case(CLI_CURL_UP, f"{one_up}{limit} upload: curl `-F file=@PATH`", up_big, note=whole),
        ours(
            CLI_UP,
            f"{one_up} upload: **claude-files** `files upload PATH`",
            up_big,
            CLI_CURL_UP,
            "vs curl",
        ),
        Case(
            CLI_BARE_UP,
            f"{one_up} upload: {bare}",
            up_big,
            vs=CLI_CURL_UP,
            note=f"{whole}; vs curl",
        ),
        Case(
            CLI_CURL_UP_MANY,
            f"{count} {TIMES} {each} upload: {parallel}, `-F` per `--next` transfer",
            {**up_many, "jobs": j},
            note=whole,
        ),
        ours(
            CLI_UP_MANY_8,
            f"{count} {TIMES} {each} upload: **claude-files** `files upload"
            f" FILE{TIMES}{count} -j {j}`",
            {**up_many, "jobs": j},
            CLI_CURL_UP_MANY,
            "vs curl `--parallel`",
        ),
        ours(
            CLI_UP_MANY_1,
            f"{count} {TIMES} {each} upload: **claude-files** `-j 1`",
            {**up_many, "jobs": 1},
            CLI_CURL_UP_MANY,
            "vs curl `--parallel`",
        ),
        Case(
            CLI_BARE_UP_MANY,
            f"{count} {TIMES} {each} upload: {bare}, {j} at a time",
            {**up_many, "jobs": j},
            vs=CLI_CURL_UP_MANY,
            note=f"{whole}; vs curl `--parallel`",
        ),
        Case(
            CLI_CURL_LAT,
            f"{count} {TIMES} {small}, {CLI_LATENCY_MS} ms to first byte: {parallel} (for scale)",
            {**slow, "jobs": j},
            note=whole,
        ),
        ours(
            CLI_LAT_8,
            f"{count} {TIMES} {small}, {CLI_LATENCY_MS} ms: **claude-files** `-j {j}`",
            {**slow, "jobs": j},
            CLI_LAT_1,
            "vs `-j 1`",
        ),
        ours(
            CLI_LAT_1,
            f"{count} {TIMES} {small}, {CLI_LATENCY_MS} ms: **claude-files** `-j 1`",
            {**slow, "jobs": 1},
            CLI_CURL_LAT,
            "vs curl `--parallel`",
        ),
        Case(
            CLI_RAW_LAT_8,
            f"{count} {TIMES} {small}, {CLI_LATENCY_MS} ms: raw httpx, {j} threads (for scale)",
            {**slow, "jobs": j},
            vs=CLI_RAW_LAT_1,
            note=f"{in_process}; vs 1 thread",
        ),
        Case(
            CLI_RAW_LAT_1,
            f"{count} {TIMES} {small}, {CLI_LATENCY_MS} ms: raw httpx, 1 thread (for scale)",
            {**slow, "jobs": 1},
            note=in_process,
        ),
        Case(
            CLI_BARE_LAT_8,
            f"{count} {TIMES} {small}, {CLI_LATENCY_MS} ms: {bare}, {j} at a time",
            {**slow, "jobs": j},
            vs=CLI_BARE_LAT_1,
            note=f"{whole}; vs 1 at a time",
        ),
        Case(
            CLI_BARE_LAT_1,
            f"{count} {TIMES} {small}, {CLI_LATENCY_MS} ms: {bare}, 1 at a time",
            {**slow, "jobs": 1},
            note=whole,
        ),
        Case(
            CLI_VERSION,
            f"`claude-files --version`, median of {sizes.cli_runs} fresh processes",
            {"cmd": [*(cli or []), "--version"], "runs": sizes.cli_runs},
            vs=CLI_PYTHON,
            note="vs `python -c pass`",
        ),
        Case(
            CLI_PYTHON,
            f"`python -c pass`, median of {sizes.cli_runs} (for scale)",
            {"cmd": [sys.executable, "-c", "pass"], "runs": sizes.cli_runs},
        ),
    ]
    if cli is None:
        cases = [c for c in cases if "cli" not in c.params]
    rounds = min(sizes.cli_repeats, sizes.repeats)
    fewer = f" (fewer than the other groups' {sizes.repeats}: these jobs are long)"
    about = (
        "Each row but the raw httpx ones times a whole process as a user waits for it"
        " (start-up included; curl's too: its process's wall time, not its `time_total`),"
        " stdout and stderr not a terminal, `ANTHROPIC_API_KEY`/`ANTHROPIC_BASE_URL` from the"
        " environment; downloads land in tmpfs. The source files are random bytes made once"
        f" per run. {rounds} interleaved round{'s' if rounds > 1 else ''}"
        f"{fewer if rounds < sizes.repeats else ''}. Lower is better; `{TIMES} ref` is the"
        " wall time against the row named in the notes, paired by round (> 1 is slower). The"
        f" latency rows' server waits {CLI_LATENCY_MS} ms before each download's response,"
        " as a remote API's time to first byte. The bare httpx script's rows (`bench/bare.py`:"
        " asyncio and httpx alone, httpx's own transport, no click, no checks, no atomic"
        " files) show what a plain Python program on httpx takes here, for reading a missed"
        " target against."
    )
    targets = [
        wall_at_most(CLI_DL, CLI_CURL_DL, CLI_WALL_CEILING, f"{one} download"),
        wall_at_most(
            CLI_DL_MANY_8,
            CLI_CURL_DL_MANY,
            CLI_WALL_CEILING,
            f"{count} {TIMES} {each} download, `-j {j}` vs curl `--parallel`",
        ),
        wall_at_most(CLI_UP, CLI_CURL_UP, CLI_WALL_CEILING, f"{one_up} upload"),
        wall_at_most(
            CLI_UP_MANY_8,
            CLI_CURL_UP_MANY,
            CLI_WALL_CEILING,
            f"{count} {TIMES} {each} upload, `-j {j}` vs curl `--parallel`",
        ),
        speed_up_at_least(
            CLI_DL_MANY_8,
            CLI_DL_MANY_1,
            1.0,
            f"{count} {TIMES} {each} download on bare loopback",
        ),
        speed_up_at_least(
            CLI_UP_MANY_8,
            CLI_UP_MANY_1,
            1.0,
            f"{count} {TIMES} {each} upload on bare loopback",
        ),
        speed_up_at_least(
            CLI_LAT_8,
            CLI_LAT_1,
            4.0,
            f"{count} {TIMES} {small} download, {CLI_LATENCY_MS} ms to first byte",
        ),
        seconds_at_most(CLI_VERSION, CLI_VERSION_CEILING, "`claude-files --version`"),
    ]
    return Group(
        key="cli",
        title=f"The command line against curl, {one} jobs",
        metric="seconds",
        baseline=[],
        cases=cases,
        about=about + ("" if cli else " CLI rows: not measured, no `claude-files` command."),
        targets=targets if cli else [],
        info=[_in_flight, *_bare_lines(count, each, small, one_up)],
        repeats=sizes.cli_repeats,
    )


# -- running ------------------------------------------------------------------------------


def run_case(case: Case, verify: bool) -> Result:
    name = case.name.split("@", 1)[0]
    params = {**case.params, "verify": verify}
    try:
        done = subprocess.run(
            [sys.executable, str(BENCH / "run_client.py"), name, json.dumps(params)],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=ROOT,
            env={**os.environ, **case.env} if case.env else None,
        )
    except subprocess.TimeoutExpired:
        return {"case": case.name, "ok": False, "error": "timed out after 600 s"}
    lines = done.stdout.strip().splitlines()
    try:
        result: Result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return {"case": case.name, "ok": False, "error": tail}
    result["case"] = case.name
    return result


def describe(group: Group, r: Result) -> str:
    if not r.get("ok"):
        return f"FAILED {r.get('error')}"
    if group.metric == "throughput":
        value = f"{r['throughput'] / 1e6:8.1f} MB/s"
    elif group.metric == "per_call_us":
        value = f"{r['per_call_us']:8.1f} µs/call"
    else:
        value = f"{r['seconds'] * 1e3:8.1f} ms"
    growth = r.get("peak_growth")
    mem = f"+{_mib(growth)} MiB" if growth is not None else f"RSS {_mib(r.get('peak'))} MiB"
    return f"{value}  {mem}" + ("  verified" if r.get("verified") else "")


def run_groups(groups: list[Group], repeats: int, only: list[str], skip: dict[str, str]) -> None:
    for rep in range(repeats):
        for group in groups:
            cases = [c for c in group.cases if not only or any(o in c.name for o in only)]
            if not cases or group.unavailable or rep >= (group.repeats or repeats):
                continue
            shift = rep % len(cases)
            for case in cases[shift:] + cases[:shift]:
                if any(case.name.startswith(prefix) for prefix in skip):
                    continue
                t0 = time.perf_counter()
                result = run_case(case, verify=rep == 0)
                result["round"] = rep
                result["wall_seconds"] = time.perf_counter() - t0  # the whole process's
                group.results.setdefault(case.name, []).append(result)
                print(
                    f"[{rep + 1}/{min(repeats, group.repeats or repeats)}]",
                    f"{group.key:18} {case.name:38}",
                    describe(group, result),
                    f"({result['wall_seconds']:.1f} s)",
                    file=sys.stderr,
                    flush=True,
                )
                if not result.get("ok") and result.get("traceback"):
                    print(result["traceback"], file=sys.stderr)


# -- import time --------------------------------------------------------------------------


@dataclass
class ImportRow:
    label: str
    statement: str
    importtime_ms: list[float] = field(default_factory=list)
    wall_ms: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    error: str | None = None


def _top_level_importtime(stderr: str) -> dict[str, int]:
    """`-X importtime` lines whose module is imported at the top level: name → cumulative µs."""
    out: dict[str, int] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2]
        if name.startswith(" ") and not name.startswith("  "):
            out[name.strip()] = int(parts[1])
    return out


def measure_imports(rows: list[ImportRow], repeats: int) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    rss = "import sys; print(open('/proc/self/status').read().split('VmRSS:')[1].split()[0])"
    base = _top_level_importtime(
        subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "pass"],
            capture_output=True,
            text=True,
            env=env,
        ).stderr
    )
    for row in rows:  # warm the bytecode caches
        done = subprocess.run(
            [sys.executable, "-c", row.statement], capture_output=True, text=True, env=env
        )
        if done.returncode:
            row.error = (done.stderr.strip().splitlines() or ["failed"])[-1]
    empty: list[float] = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
        empty.append(time.perf_counter() - t0)
        for row in rows:
            if row.error:
                continue
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", row.statement], check=True, env=env)
            row.wall_ms.append((time.perf_counter() - t0) * 1e3)
            done = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", f"{row.statement}; {rss}"],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            tops = _top_level_importtime(done.stderr)
            row.importtime_ms.append(sum(v for k, v in tops.items() if k not in base) / 1e3)
            row.rss_mib.append(int(done.stdout.split()[-1]) / 1024)
    floor = statistics.median(empty) * 1e3
    for row in rows:
        row.wall_ms = [w - floor for w in row.wall_ms]


# -- the report ---------------------------------------------------------------------------


def machine() -> dict[str, str]:
    def version(dist: str) -> str:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as v

        try:
            return v(dist)
        except PackageNotFoundError:
            return "not installed"

    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    curl = subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "RAM": f"{mem_kib / MiB:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "httpx": version("httpx"),
        "anthropic": version("anthropic"),
        "claude-files": version("claude-files"),
        "curl": curl.split()[1] if curl else "not found",
    }


def _loadavg() -> str:
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def _fmt_metric(group: Group, value: float | None) -> str:
    if value is None:
        return "—"
    if group.metric == "throughput":
        return f"{value / 1e6:,.0f} MB/s"
    if group.metric == "per_call_us":
        return f"{value:,.0f} µs"
    return f"{value * 1e3:,.0f} ms"


def _verdict(met: bool | None) -> str:
    return {True: "✅ met", False: "❌ missed", None: "— not measured"}[met]


def render_group(group: Group, skip: dict[str, str]) -> list[str]:
    lower = "" if group.higher_is_better() else " (> 1 is slower)"
    out = [f"### {group.title}", ""]
    if group.about:
        out += [group.about, ""]
    out += [
        f"| client | median | range | {TIMES} ref{lower} | peak memory growth | notes |",
        "|---|--:|--:|--:|--:|---|",
    ]
    for case in group.cases:
        runs = group.results.get(case.name, [])
        reason = group.unavailable or next(
            (why for prefix, why in skip.items() if case.name.startswith(prefix)), None
        )
        failed = [r for r in runs if not r.get("ok")]
        if reason or not group.ok_runs(case.name):
            why = reason or (failed[0].get("error", "failed") if failed else "not run")
            out.append(f"| {case.label} | — | — | — | — | not measured: {why} |")
            continue
        spread = group.spread(case.name)
        rng = (
            f"{_fmt_metric(group, spread[0])} {EN_DASH} {_fmt_metric(group, spread[1])}"
            if spread
            else ""
        )
        ratio = group.ratio(case.name)
        growth = group.peak_growth(case.name)
        memory = (
            f"+{_mib(growth)} MiB"
            if growth is not None
            else f"RSS {_mib(group.peak_whole(case.name))} MiB (whole)"
        )
        notes = [case.note] if case.note else []
        if failed:
            notes.append(f"{len(failed)} run(s) failed: {failed[0].get('error')}")
        verified = [r.get("verified") for r in runs if "verified" in r]
        if verified and not all(verified):
            notes.append("**bytes did not verify**")
        notes.append(f"n={len(group.ok_runs(case.name))}")
        out.append(
            f"| {case.label} | {_fmt_metric(group, group.median(case.name))} | {rng} | "
            f"{'—' if ratio is None else f'{ratio:.3f}'} | {memory} | {'; '.join(notes)} |"
        )
    if group.targets or group.info:
        out.append("")
    for line in group.info:
        out.append(f"- {line(group)}")
    if group.targets:
        for target in group.targets:
            met, detail = target.check(group)
            out.append(f"- {_verdict(met)}: {target.text}" + (f" ({detail})" if detail else ""))
    out.append("")
    return out


def render_imports(rows: list[ImportRow], repeats: int) -> list[str]:
    out = [
        "### Import time",
        "",
        f"Fresh interpreters, median of {repeats}: `-X importtime` (sum of the top-level"
        " imports the statement adds) and wall time minus that of `python -c pass`; RSS after"
        " the import.",
        "",
        "| statement | `-X importtime` | wall (minus empty interpreter) | RSS after |",
        "|---|--:|--:|--:|",
    ]
    for row in rows:
        if row.error or not row.importtime_ms:
            out.append(f"| `{row.statement}` (not measured: {row.error}) | — | — | — |")
            continue
        out.append(
            f"| `{row.statement}` | {statistics.median(row.importtime_ms):.0f} ms | "
            f"{statistics.median(row.wall_ms):.0f} ms | {statistics.median(row.rss_mib):.0f} MiB |"
        )
    ours = next((r for r in rows if r.label == "claude_files"), None)
    theirs = next((r for r in rows if r.label == "anthropic"), None)
    out.append("")
    if ours and theirs and ours.importtime_ms and theirs.importtime_ms:
        a = statistics.median(ours.importtime_ms)
        b = statistics.median(theirs.importtime_ms)
        out.append(
            f"- {_verdict(a < b)}: `claude_files` imports faster than `anthropic`"
            f" ({a:.0f} ms vs {b:.0f} ms, {b / a:.1f}{TIMES} faster)"
        )
    else:
        out.append(f"- {_verdict(None)}: `claude_files` imports faster than `anthropic`")
    out.append("")
    return out


def missed_notes(groups: list[Group]) -> list[str]:
    """For each missed ratio target: a steady gap (every round missed) or noise."""
    out = []
    for group in groups:
        for target in group.targets:
            met, _ = target.check(group)
            if met is not False or target.case is None or target.passes is None:
                continue
            ratios = group.round_ratios(target.case, target.ref)
            passed = sum(1 for r in ratios if target.passes(r))
            if passed == 0:
                why = f"every one of {len(ratios)} rounds missed it: a steady gap, not noise"
            else:
                why = (
                    f"{passed} of {len(ratios)} rounds met it: the median is within this"
                    " machine's noise of the target"
                )
            out.append(f"- {group.title}: {target.text}: {why}.")
    return out


def all_targets(groups: list[Group]) -> list[tuple[str, bool | None, str]]:
    rows = []
    for group in groups:
        for target in group.targets:
            met, detail = target.check(group)
            rows.append((f"{group.title}: {target.text}", met, detail))
    return rows


def render(
    groups: list[Group],
    imports: list[ImportRow],
    sizes: Sizes,
    args: argparse.Namespace,
    skip: dict[str, str],
    started: datetime.datetime,
    elapsed: float,
    dests: tuple[Path, Path],
) -> str:
    dest, disk = dests
    info = machine()
    info["Load average (1 min) at start / end"] = f"{args.load_start} / {_loadavg()}"
    in_tmpfs = str(dest).startswith("/dev/shm")
    command = "make bench" if not args.argv else f"python bench/run.py {' '.join(args.argv)}"
    out = [
        "# Benchmarks",
        "",
        "Written by `bench/run.py`; do not edit by hand. Every figure is a ratio measured in"
        " the same run against a baseline doing the same transfer over loopback, each client"
        " in its own process, from `bench/server.py` (stdlib, threaded, TCP_NODELAY, streaming"
        " from disk with `sendfile`). Absolute numbers drift between runs and machines; the"
        " ratios are what to read.",
        "",
        f"- Command: `{command}` ({sizes.repeats} interleaved rounds; median per row;"
        f" memory is the largest growth seen), {elapsed / 60:.1f} min",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        *(f"- {k}: {v}" for k, v in info.items()),
        f"- Downloads written to: `{dest.parent}/`"
        + (" (tmpfs: the client is measured, not the disk)" if in_tmpfs else ""),
        f"- The disk rows write to: `{disk.parent}/` ({fs_type(disk)})",
        "- Memory: peak resident set during the transfer minus the resident set right before it"
        " (`VmHWM` reset through `/proc/self/clear_refs`), in the client's own process."
        f" `{TIMES} ref` is the median over rounds of throughput ÷ the baseline's in the same"
        " round (higher is better; for times, > 1 is slower).",
        "",
        "## Targets",
        "",
        "| target | result | |",
        "|---|---|---|",
    ]
    for text, met, detail in all_targets(groups):
        out.append(f"| {text} | {_verdict(met)} | {detail} |")
    notes = missed_notes(groups)
    if notes:
        out += ["", "Missed targets, round by round:", "", *notes]
    out += ["", "## Results", ""]
    for group in groups:
        out += render_group(group, skip)
    out += render_imports(imports, sizes.import_repeats)
    out += READING
    return "\n".join(out).rstrip() + "\n"


READING = [
    "## Reading these numbers",
    "",
    "- One machine runs the server, the client and, when `Content-MD5` is checked, a"
    " hashing thread: with 2 cores they compete, and anything else running at the same"
    " time (see the load average above) widens the ranges. The ratios pair each run with"
    " the baseline's run in the same round for that reason.",
    "- MD5 runs at about 0.67 GB/s on one core, slower than loopback: a download that"
    " checks `Content-MD5` is bound by hashing, so its baseline checks it too.",
    "- curl's time is its own `time_total` (no process start-up), except in the command-line"
    " group: there every row but the raw httpx ones is a whole process's wall time, curl's"
    " and the claude-files CLI's alike, start-up and imports included, as a user waits.",
    "- The anthropic SDK's eager `download()` holds the body twice (the response and the"
    " bytes written), and `upload(file=Path)` reads the whole file first: their memory"
    " columns show it.",
    "- Raw per-run figures are saved beside the report (`bench/results/*.json` for `make bench`).",
    "",
]


# -- main ---------------------------------------------------------------------------------


def compile_packages() -> None:
    """Byte-compile our two packages, as pip does when it installs a wheel: an editable
    install compiles a module only when it is first imported, and not at all where
    `PYTHONDONTWRITEBYTECODE` is set, so every fresh process (the command-line rows) would
    compile again each module changed since its last `.pyc` was written."""
    for name in ("claude_files", "claude_files_openapi"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            compileall.compile_dir(spec.submodule_search_locations[0], quiet=1)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description="claude_files benchmarks → BENCHMARKS.md")
    parser.add_argument("--quick", action="store_true", help="small sizes, 1 round")
    parser.add_argument("--repeats", type=int, help="rounds (default 5, quick 1)")
    parser.add_argument("--only", action="append", default=[], help="case name substring")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--dest-dir", help="where downloads land (default /dev/shm)")
    parser.add_argument(
        "--disk-dir", help="where the disk rows' downloads land (default bench/results/)"
    )
    parser.add_argument("--no-imports", action="store_true", help="skip the import timing")
    args = parser.parse_args(argv)
    args.argv = argv
    args.load_start = _loadavg()
    sizes = QUICK if args.quick else FULL
    if args.repeats:
        sizes = Sizes(**{**sizes.__dict__, "repeats": args.repeats, "cli_repeats": args.repeats})
    started = datetime.datetime.now(datetime.UTC)
    t0 = time.perf_counter()

    skip: dict[str, str] = {}
    why = claude_files_status()
    if why:
        skip["download_file.claude_files"] = skip["download_bytes.claude_files"] = why
        for g in ("download_stream", "upload", "get", "list"):
            skip[f"{g}.claude_files"] = f"claude_files does not import ({why})"
        skip["fixture."] = f"claude_files does not import ({why})"
    cli = None if why else cli_command()
    if not why:
        compile_packages()

    data = Path(tempfile.mkdtemp(prefix="claude-files-bench-data-"))
    with_cli = cli is not None and (
        not args.only or any(o in name for o in args.only for name in CLI_CASES)
    )
    # The command-line rows empty their folder after each run: one job's output at a time.
    need = 2 * sizes.big + (sizes.cli_big if with_cli else 0) + 64 * MiB
    dest = pick_dest_dir(need, args.dest_dir)
    disk = pick_disk_dir(args.disk_dir)
    imports = [
        ImportRow("claude_files", "from claude_files import Client"),
        ImportRow("anthropic", "from anthropic import Anthropic"),
        ImportRow("httpx", "import httpx"),
    ]
    try:
        print(f"writing test files to {data} ...", file=sys.stderr, flush=True)
        fx, manifest = make_fixture(sizes, data, dest, disk, with_cli)
        os.sync()  # so writing back the test files does not slow the first runs down
        with bench_server(manifest, data) as base_url, tls_server(data) as tls:
            fx.base_url, fx.tls = base_url, tls
            warm_up(base_url, sizes.list_limit)
            groups = build_groups(sizes, fx, cli)
            run_groups(groups, sizes.repeats, args.only, skip)
        if not args.no_imports and (not args.only or any("import" in o for o in args.only)):
            measure_imports(imports, sizes.import_repeats)
    finally:
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(dest, ignore_errors=True)
        shutil.rmtree(disk, ignore_errors=True)

    elapsed = time.perf_counter() - t0
    report = render(groups, imports, sizes, args, skip, started, elapsed, (dest, disk))
    args.out.write_text(report)
    # Every run's raw results: beside the report, or in bench/results/ (git-ignored) for
    # the default report.
    if args.out == DEFAULT_OUT:
        raw = BENCH / "results" / f"results-{started:%Y%m%dT%H%M%S}.json"
        raw.parent.mkdir(exist_ok=True)
    else:
        raw = args.out.with_suffix(".json")
    raw.write_text(json.dumps({g.key: g.results for g in groups}, indent=1))
    print(f"wrote {args.out}", file=sys.stderr)
    missed = [t for t, met, _ in all_targets(groups) if met is False]
    for text in missed:
        print(f"target missed: {text}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
