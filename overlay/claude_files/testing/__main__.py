"""`python -m claude_files.testing`: serve the mock until interrupted (Ctrl-C).

    python -m claude_files.testing --port 8765 [--seed fixture.json]
        [--fault 'GET /v1/files/*/content=status:503:retry-after=1:count=2']...
        [--api-key KEY] [--compliance-api-key KEY] [--uploaded-not-downloadable]

It prints the base URL and both keys, then serves until SIGINT (Ctrl-C) or SIGTERM.
The `--fault` syntax is described in `claude_files.testing._faults`. Without the `mock`
extra it says what to install, on one line, and exits 2.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence

from claude_files.testing import MockExtraMissingError, parse_fault_spec


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m claude_files.testing",
        description="Serve the claude-files mock of Anthropic's file endpoints on 127.0.0.1.",
    )
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--seed", help="JSON fixture to seed (see MockServer.load_fixture)")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help="inject a fault: '[METHOD ]PATH=KIND[:ARGS][:count=N]' (repeatable)",
    )
    parser.add_argument("--api-key", help="the Files API key (default: random)")
    parser.add_argument("--compliance-api-key", help="the Compliance API key (default: random)")
    parser.add_argument(
        "--uploaded-not-downloadable",
        action="store_true",
        help="uploaded files are downloadable: false, as on the real API",
    )
    parser.add_argument("--log-level", default="info")
    return parser


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        from claude_files.testing import MockServer
    except MockExtraMissingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        rules = [parse_fault_spec(spec) for spec in args.fault]
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    server = MockServer(
        port=args.port,
        api_key=args.api_key,
        compliance_api_key=args.compliance_api_key,
        fixture=args.seed,
        log_level=args.log_level,
    )
    server.uploaded_files_downloadable = not args.uploaded_not_downloadable
    for rule in rules:
        server.inject_rule(rule)
    server.start()
    signal.signal(signal.SIGTERM, _interrupt)
    print(f"claude-files mock serving on {server.base_url}", flush=True)
    print(f"  Files API key:      {server.api_key}", flush=True)
    print(f"  Compliance API key: {server.compliance_api_key}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
