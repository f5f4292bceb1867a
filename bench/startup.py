"""Where a command's start-up goes: each layer's import, in the order a download loads
them, and the process's exit, over fresh interpreters.

Usage: `python bench/startup.py [--runs 7]`. Each run is a new `python` that imports the
layers one after another (each row is what that layer adds over the rows above it) and
reports its own clock; the parent times the whole process, so the exit (from the last
import to the process's end) is measured from outside, once as the interpreter ends on
its own and once after `gc.freeze()`, as `claude_files.cli.program` does. Our packages
are byte-compiled first, as `bench/run.py` does. Prints each row's median and smallest
value in ms. Nothing is sent anywhere: no request is made.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import compile_packages

LAYERS = [
    ("the command tree (click, claude_files.cli._app)", "import claude_files.cli._app"),
    (
        "httpx, without its command line",
        "from claude_files.cli._startup import import_httpx; import_httpx()",
    ),
    ("asyncio", "import asyncio"),
    ("httpcore", "import httpcore"),
    ("claude_files._transport", "import claude_files._transport"),
    ("attrs", "import attrs"),
    ("the generated package and client", "import claude_files_openapi.client"),
    ("claude_files._async._driver", "import claude_files._async._driver"),
    ("claude_files._async._resources", "import claude_files._async._resources"),
    ("claude_files._async._client", "import claude_files._async._client"),
    ("claude_files.cli._commands", "import claude_files.cli._commands"),
    ("anyio's asyncio backend (httpcore's locks)", "import anyio._backends._asyncio"),
]

PROBE = """
import gc, json, sys, time
marks = [time.time()]
for code in json.loads(sys.argv[1]):
    exec(code)
    marks.append(time.time())
if sys.argv[2] == "freeze":
    gc.freeze()
print(json.dumps(marks), flush=True)
"""


def one_run(freeze: bool) -> tuple[float, list[float], float]:
    """(interpreter start to the first import, each layer's ms, exit ms) of one process."""
    codes = json.dumps([code for _, code in LAYERS])
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, codes, "freeze" if freeze else "plain"],
        capture_output=True,
        text=True,
        check=True,
    )
    ended = time.time()
    marks: list[float] = json.loads(done.stdout)
    layers = [1e3 * (b - a) for a, b in itertools.pairwise(marks)]
    return 1e3 * (marks[0] - started), layers, 1e3 * (ended - marks[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    compile_packages()  # as an install would: no run compiles a module changed since
    one_run(False)  # warm the page cache
    rows: dict[str, list[float]] = {"interpreter start": []}
    rows.update({name: [] for name, _ in LAYERS})
    rows["all the imports"] = []
    rows["exit, plain"], rows["exit, after gc.freeze()"] = [], []
    for _ in range(args.runs):
        for freeze in (False, True):
            start, layers, exit_ms = one_run(freeze)
            rows["exit, after gc.freeze()" if freeze else "exit, plain"].append(exit_ms)
            if not freeze:
                rows["interpreter start"].append(start)
                for (name, _), ms in zip(LAYERS, layers, strict=True):
                    rows[name].append(ms)
                rows["all the imports"].append(sum(layers))
    print(f"{args.runs} fresh processes each; ms, median (smallest)")
    for name, values in rows.items():
        print(f"  {statistics.median(values):7.1f} ({min(values):6.1f})  {name}")


if __name__ == "__main__":
    main()
