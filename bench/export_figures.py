"""Figures for `claude-files compliance projects export` (not part of `make bench`).

Usage: `python bench/export_figures.py [--projects 4] [--items 50] [--rpm 600] [-j 4]`.
Seeds the mock (in this process) with projects holding mixed files (2 KiB to 60 KiB,
chunked as revision J sends them) and documents, then runs the installed command twice
in a subprocess, into a temporary folder, and prints for each run: wall seconds,
requests the mock received (list pages and content), the most requests in any 60 s
window (from the mock's arrival times) against what the pacer allowed, and the items
downloaded and skipped (from the --json lines).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from claude_files.testing import MockServer

WINDOW = 60.0


def _command() -> list[str]:
    script = Path(sys.executable).with_name("claude-files")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claude_files.cli"]


def seed(server: MockServer, projects: int, items: int) -> tuple[list[str], int]:
    """The project ids, and the bytes they hold."""
    rng = random.Random(15)
    t0 = datetime(2026, 4, 1, tzinfo=UTC)
    ids, total = [], 0
    for p in range(projects):
        project = server.add_project(id=f"claude_proj_bench{p:02d}")
        ids.append(project)
        for i in range(items):
            created = t0 + timedelta(seconds=i)
            if i % 3 == 2:
                text = f"document {i} of {project}\n" * rng.randint(20, 400)
                server.add_project_document(project, text, f"notes-{i % 7}.txt", created_at=created)
                total += len(text.encode())
            else:
                data = rng.randbytes(rng.randint(2, 60) * 1024)
                server.add_project_file(project, data, f"file-{i % 5}.bin", created_at=created)
                total += len(data)
    return ids, total


def peak(times: list[float]) -> int:
    """The most arrivals in any window [t, t + 60 s)."""
    times = sorted(times)
    best, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= WINDOW:
            start += 1
        best = max(best, end - start + 1)
    return best


def export(server: MockServer, ids: list[str], out: Path, rpm: int, jobs: int) -> dict[str, float]:
    env = {
        **os.environ,
        "ANTHROPIC_BASE_URL": server.base_url,
        "ANTHROPIC_COMPLIANCE_API_KEY": server.compliance_api_key,
    }
    args = ["compliance", "projects", "export", *ids, "-o", str(out), "--json"]
    args += ["--max-requests-per-minute", str(rpm), "-j", str(jobs)]
    before = len(server.requests)
    started = time.perf_counter()
    done = subprocess.run([*_command(), *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"export failed ({done.returncode}): {done.stderr}")
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    sent = server.requests[before:]
    content = [r for r in sent if not r.path.endswith("/attachments")]
    return {
        "wall_s": wall,
        "requests": len(sent),
        "list_requests": len(sent) - len(content),
        "content_requests": len(content),
        "peak_per_60s": peak([r.received_at for r in sent]),
        "downloaded": sum(1 for line in lines if not line["export"]["skipped"]),
        "skipped": sum(1 for line in lines if line["export"]["skipped"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=4)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rpm", type=int, default=600, help="--max-requests-per-minute")
    parser.add_argument("-j", "--jobs", type=int, default=4)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="export-figures-"))
    try:
        with MockServer() as server:
            ids, size = seed(server, options.projects, options.items)
            count = options.projects * options.items
            print(f"seeded {count} items in {len(ids)} projects, {size / 2**20:.1f} MiB")
            print(f"pacer: at most {options.rpm} requests in any 60 s; -j {options.jobs}")
            for name in ("first run", "second run"):
                figures = export(server, ids, folder / "out", options.rpm, options.jobs)
                print(
                    f"{name}: {figures['wall_s']:.2f} s, {figures['requests']} requests "
                    f"({figures['list_requests']} list pages, {figures['content_requests']} "
                    f"content), peak {figures['peak_per_60s']} in any 60 s "
                    f"(allowed {options.rpm}); {figures['downloaded']} downloaded, "
                    f"{figures['skipped']} skipped"
                )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
