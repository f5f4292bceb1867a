"""What `on_progress` and OpenTelemetry tracing cost a large download, in one process.

Usage: `python bench/overhead.py [--size-mib 256] [--repeats 5]`. Starts `bench/server.py`
over one file of random bytes, then downloads it with `Client.files.download_to_file`
into tmpfs (`/dev/shm` when there is room) in each variant, the variants interleaved (each
round rotates their order), and prints each one's median wall seconds (their range, the
ratio to `plain`) and median CPU seconds of this process (all its threads: steadier than
the wall clock on a busy machine):

- `plain`: tracing off (`open_telemetry=False`), no `on_progress`;
- `progress`: with an `on_progress` that counts its calls;
- `otel-off-env`: `ANTHROPIC_OPEN_TELEMETRY=false`, as a user switches it off;
- `otel-api-only`: opentelemetry-api installed, no SDK set up (its default tracer);
- `otel-sdk`: the SDK's `TracerProvider` with an in-memory exporter: a span recorded.

All variants share one process (imports paid once, before timing) and one connection
pool per client; each run makes its client before the clock starts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import API_KEY, MiB, bench_server, pick_dest_dir, write_random

from claude_files import Client

CALLS = [0]  # how many times on_progress was called


def variants(base_url: str, provider: Any) -> dict[str, Callable[[], tuple[Client, Any]]]:
    def client(**kwargs: Any) -> Client:
        return Client(api_key=API_KEY, base_url=base_url, max_retries=0, **kwargs)

    def with_env() -> Client:
        os.environ["ANTHROPIC_OPEN_TELEMETRY"] = "false"
        try:
            return client()
        finally:
            del os.environ["ANTHROPIC_OPEN_TELEMETRY"]

    def progress(done: int, total: int | None) -> None:
        CALLS[0] += 1

    return {
        "plain": lambda: (client(open_telemetry=False), None),
        "progress": lambda: (client(open_telemetry=False), progress),
        "otel-off-env": lambda: (with_env(), None),
        "otel-api-only": lambda: (client(open_telemetry=True), None),
        "otel-sdk": lambda: (client(open_telemetry={"tracer_provider": provider}), None),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    size = args.size_mib * MiB

    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))

    with tempfile.TemporaryDirectory(prefix="claude-files-overhead-") as data_dir:
        data = Path(data_dir)
        write_random(data / "big.bin", size)
        manifest = {"files": {"file_big": {"path": str(data / "big.bin"), "filename": "b"}}}
        dest_dir = pick_dest_dir(size * 2, None)
        with bench_server(manifest, data) as base_url:
            made = variants(base_url, provider)
            times: dict[str, list[float]] = {name: [] for name in made}
            cpu: dict[str, list[float]] = {name: [] for name in made}
            names = list(made)
            for round_ in range(args.repeats):
                order = names[round_ % len(names) :] + names[: round_ % len(names)]
                for name in order:
                    client, on_progress = made[name]()
                    with client:
                        dest = dest_dir / "download.bin"
                        start, start_cpu = time.perf_counter(), time.process_time()
                        client.files.download_to_file(
                            "file_big", dest, overwrite=True, on_progress=on_progress
                        )
                        times[name].append(time.perf_counter() - start)
                        cpu[name].append(time.process_time() - start_cpu)
                        assert dest.stat().st_size == size
                        dest.unlink()
        spans = len(exporter.get_finished_spans())
        assert spans == args.repeats, f"{spans} spans recorded, {args.repeats} expected"
    plain = statistics.median(times["plain"])
    plain_cpu = statistics.median(cpu["plain"])
    print(f"{args.size_mib} MiB download_to_file into {dest_dir}, medians of {args.repeats}:")
    print(f"  {'variant':14} {'wall s':>7} {'range':>13} {'ratio':>7} {'cpu s':>7} {'ratio':>7}")
    for name, runs in times.items():
        median, median_cpu = statistics.median(runs), statistics.median(cpu[name])
        spread = f"{min(runs):.3f}-{max(runs):.3f}"
        print(
            f"  {name:14} {median:7.3f} {spread:>13} {median / plain:6.3f}x"
            f" {median_cpu:7.3f} {median_cpu / plain_cpu:6.3f}x"
        )
    print(f"  on_progress calls per download: {CALLS[0] / args.repeats:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
