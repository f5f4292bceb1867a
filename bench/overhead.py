"""What `on_progress` and OpenTelemetry tracing cost a large download, in one process.

Usage: `python bench/overhead.py [--size-mib 256] [--repeats 5]`. Starts `bench/server.py`
over one file of random bytes, then downloads it with `Client.files.download_to_file`
into tmpfs (`/dev/shm` when there is room) in each variant, the variants interleaved (each
round rotates their order), and prints each one's median seconds and its ratio to
`plain`:

- `plain`: tracing off (`open_telemetry=False`), no `on_progress`;
- `progress`: with an `on_progress` that keeps the last count;
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


def variants(base_url: str, provider: Any) -> dict[str, Callable[[], tuple[Client, Any]]]:
    def client(**kwargs: Any) -> Client:
        return Client(api_key=API_KEY, base_url=base_url, max_retries=0, **kwargs)

    def with_env() -> Client:
        os.environ["ANTHROPIC_OPEN_TELEMETRY"] = "false"
        try:
            return client()
        finally:
            del os.environ["ANTHROPIC_OPEN_TELEMETRY"]

    last = [0]

    def progress(done: int, total: int | None) -> None:
        last[0] = done

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
            names = list(made)
            for round_ in range(args.repeats):
                order = names[round_ % len(names) :] + names[: round_ % len(names)]
                for name in order:
                    client, on_progress = made[name]()
                    with client:
                        dest = dest_dir / "download.bin"
                        start = time.perf_counter()
                        client.files.download_to_file(
                            "file_big", dest, overwrite=True, on_progress=on_progress
                        )
                        times[name].append(time.perf_counter() - start)
                        assert dest.stat().st_size == size
                        dest.unlink()
        spans = len(exporter.get_finished_spans())
        assert spans == args.repeats, f"{spans} spans recorded, {args.repeats} expected"
    plain = statistics.median(times["plain"])
    print(f"{args.size_mib} MiB download_to_file into {dest_dir}, medians of {args.repeats}:")
    for name, runs in times.items():
        median = statistics.median(runs)
        spread = f"{min(runs):.3f}-{max(runs):.3f}"
        print(f"  {name:14} {median:.3f} s  ({spread})  {median / plain:.3f}x plain")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
