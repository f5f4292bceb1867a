"""The benchmark harness still works: its server answers, a client process reports sane
figures, and `bench/run.py` writes a report. Tiny sizes: this checks the harness, not speed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
SIZE = 1024 * 1024 + 7
RESULT_FIELDS = {"case", "ok", "seconds", "bytes", "throughput", "rss_before", "peak_growth"}


def _claude_files_importable() -> bool:
    if importlib.util.find_spec("claude_files") is None:
        return False
    done = subprocess.run([sys.executable, "-c", "from claude_files import Client"], check=False)
    return done.returncode == 0


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    data = tmp_path_factory.mktemp("bench-data")
    content = os.urandom(SIZE)
    (data / "f.bin").write_bytes(content)
    (data / "g.bin").write_bytes(content)
    md5 = hashlib.md5(content).hexdigest()
    manifest = data / "manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "files": {
                    "file_small": {"path": str(data / "f.bin"), "filename": "f.bin"},
                    "file_small_md5": {"path": str(data / "f.bin"), "md5": md5},
                    "file_cli_a": {"path": str(data / "f.bin"), "filename": "a.bin"},
                    "file_cli_b": {"path": str(data / "f.bin"), "filename": "b.bin"},
                },
                "list_count": 2500,
            }
        )
    )
    proc = subprocess.Popen(
        [sys.executable, str(BENCH / "server.py"), "--manifest", str(manifest)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdin is not None
    try:
        port = json.loads(proc.stdout.readline())["port"]
        yield {
            "base_url": f"http://127.0.0.1:{port}",
            "api_key": "bench-key",
            "size": SIZE,
            "md5": md5,
            "path": str(data / "f.bin"),
            "dest": str(data / "out.bin"),
            "verify": True,
            "data": str(data),
        }
    finally:
        proc.stdin.close()  # the server exits when its stdin closes
        proc.wait(timeout=10)


def run_client(case: str, params: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(BENCH / "run_client.py"), case, json.dumps(params)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["ok"], result.get("traceback") or result
    assert done.returncode == 0
    return result


def assert_sane_transfer(result: dict[str, Any]) -> None:
    assert result.keys() >= RESULT_FIELDS
    assert result["bytes"] == SIZE
    assert result["verified"] is True
    assert 0 < result["seconds"] < 30
    assert result["throughput"] == pytest.approx(SIZE / result["seconds"])
    # 1 MiB streamed to a file: the process grows by far less than 64 MiB.
    assert 0 <= result["peak_growth"] < 64 * 1024 * 1024


@pytest.mark.parametrize(
    ("case", "file_id"),
    [
        ("download_file.raw_httpx", "file_small"),
        ("download_file.raw_httpx_md5", "file_small_md5"),
        ("download_file.claude_files", "file_small"),
        ("download_file.claude_files", "file_small_md5"),
        ("download_file.raw_httpx_async", "file_small"),
        ("download_file.claude_files_async", "file_small"),
        ("download_file.claude_files_async", "file_small_md5"),
    ],
)
def test_download_to_file_case_reports_sane_figures(
    served: dict[str, Any], case: str, file_id: str
) -> None:
    if "claude_files" in case and not _claude_files_importable():
        pytest.skip("claude_files.Client does not import yet")
    assert_sane_transfer(run_client(case, {**served, "file_id": file_id}))


@pytest.mark.parametrize(
    "case", ["download_stream.claude_files_async", "upload.claude_files_async"]
)
def test_async_stream_and_upload_cases_report_the_bytes(served: dict[str, Any], case: str) -> None:
    if not _claude_files_importable():
        pytest.skip("claude_files.AsyncClient does not import yet")
    result = run_client(case, {**served, "file_id": "file_small"})
    assert result["bytes"] == SIZE
    assert 0 <= result["peak_growth"] < 64 * 1024 * 1024


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")
@pytest.mark.parametrize("case", ["download_file.curl", "download_stream.curl", "upload.curl"])
def test_curl_cases_report_curls_own_time_and_whole_peak(served: dict[str, Any], case: str) -> None:
    result = run_client(case, {**served, "file_id": "file_small"})
    assert result["bytes"] == SIZE
    assert 0 < result["seconds"] < 30
    assert result["peak_growth"] is None  # curl's peak is its whole process's
    if case != "download_stream.curl":
        assert result["verified"] is True


def test_server_pages_both_ways_and_counts_uploads(served: dict[str, Any]) -> None:
    listing = run_client("list.raw_httpx_models", {**served, "limit": 1000, "items": 2500})
    assert listing["items"] == 2500
    upload = run_client("upload.raw_httpx", served)
    assert upload["bytes"] == SIZE
    assert upload["verified"] is True
    calls = run_client("get.raw_httpx_models", {**served, "file_id": "file_small", "calls": 20})
    assert calls["calls"] == 20
    assert calls["per_call_us"] > 0


def _quick_report(tmp_path: Path, only: list[str]) -> tuple[str, dict[str, Any], str]:
    """`bench/run.py --quick` over the cases named in `only`: the report, the raw results
    and the runner's stderr."""
    out = tmp_path / "BENCHMARKS.md"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--repeats", "1", "--no-imports"]
        + [arg for name in only for arg in ("--only", name)]
        + ["--dest-dir", str(tmp_path), "--disk-dir", str(tmp_path), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    raw: dict[str, Any] = json.loads(out.with_suffix(".json").read_text())
    return out.read_text(), raw, done.stderr


def test_runner_writes_a_report(tmp_path: Path) -> None:
    only = ["download_file.raw_httpx", "get.raw_httpx", "fixture.mock_server_isolated"]
    report, raw, stderr = _quick_report(tmp_path, only)
    assert "## Targets" in report
    assert "| raw httpx `iter_raw()` → file (baseline) | " in report
    assert "FAILED" not in stderr
    runs = raw["download_file"]["download_file.raw_httpx"]
    assert len(runs) == 1
    assert runs[0]["ok"]
    assert runs[0]["verified"]
    assert "### The pytest fixture: cost per test" in report
    assert "`mock_server` ≤ 5 ms per test" in report
    (isolated,) = raw["fixture"]["fixture.mock_server_isolated"]
    assert isolated["ok"], isolated
    (on_disk,) = raw["download_file_disk"]["download_file.raw_httpx@disk"]
    assert on_disk["ok"], on_disk
    assert on_disk["verified"]
    if shutil.which("openssl"):
        (over_tls,) = raw["download_file_tls"]["download_file.raw_httpx@tls"]
        assert over_tls["ok"], over_tls
        assert over_tls["verified"]


@pytest.mark.parametrize("fixture", ["mock_server", "mock_server_isolated"])
def test_fixture_case_reports_a_cost_per_test(fixture: str) -> None:
    if not _claude_files_importable():
        pytest.skip("claude_files does not import yet")
    result = run_client(f"fixture.{fixture}", {"fixture": fixture, "tests": 3})
    assert result["calls"] == 3
    assert 0 < result["baseline_seconds"] < 60
    assert 0 < result["seconds"] < 60
    expected = (result["seconds"] - result["baseline_seconds"]) / 3 * 1e6
    assert result["per_call_us"] == pytest.approx(expected)


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "claude-files"
    if not script.exists() or not _claude_files_importable():
        pytest.skip("no claude-files command in this environment")
    return [str(script)]


def _two_files(served: dict[str, Any], jobs: int) -> dict[str, Any]:
    """The command-line cases' parameters: two files, their names and MD5s, a folder."""
    return {
        **served,
        "ids": ["file_cli_a", "file_cli_b"],
        "names": {"file_cli_a": "a.bin", "file_cli_b": "b.bin"},
        "md5": {"a.bin": served["md5"], "b.bin": served["md5"]},
        "paths": [served["path"], str(Path(served["data"]) / "g.bin")],
        "size": 2 * SIZE,
        "dest": str(Path(served["data"]) / "cli-out"),
        "jobs": jobs,
    }


def _check_whole_process_transfer(result: dict[str, Any], dest: Path) -> None:
    assert result["bytes"] == 2 * SIZE
    assert result["items"] == 2
    assert result["verified"] is True
    assert 1 <= result["in_flight"] <= 2  # the server saw the transfers
    assert result["peak_growth"] is None  # a whole other process: its whole peak
    assert not dest.exists() or not any(dest.iterdir())  # emptied after the check


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")
@pytest.mark.parametrize("case", ["cli.curl_download", "cli.curl_upload"])
def test_curl_command_line_cases_time_the_whole_process_and_verify(
    served: dict[str, Any], case: str
) -> None:
    params = _two_files(served, jobs=2)
    result = run_client(case, params)
    _check_whole_process_transfer(result, Path(params["dest"]))
    assert result["seconds"] > 0  # the process's wall time, not curl's time_total


@pytest.mark.parametrize("case", ["cli.download", "cli.upload"])
@pytest.mark.parametrize("jobs", [1, 2])
def test_claude_files_command_line_cases_verify_what_arrived(
    served: dict[str, Any], case: str, jobs: int
) -> None:
    params = {**_two_files(served, jobs=jobs), "cli": _cli()}
    result = run_client(case, params)
    _check_whole_process_transfer(result, Path(params["dest"]))


def _failed_case(case: str, params: dict[str, Any]) -> dict[str, Any]:
    """`run_client.py` over a case that must fail: its result, which says why."""
    done = subprocess.run(
        [sys.executable, str(BENCH / "run_client.py"), case, json.dumps(params)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert not result["ok"]
    return result


@pytest.mark.parametrize("case", ["cli.bare_download", "cli.bare_upload"])
@pytest.mark.parametrize("jobs", [1, 2])
def test_bare_httpx_cases_verify_what_arrived(served: dict[str, Any], case: str, jobs: int) -> None:
    """The bare httpx script moves the same files, checked the same way."""
    params = _two_files(served, jobs=jobs)
    result = run_client(case, params)
    _check_whole_process_transfer(result, Path(params["dest"]))
    assert result["in_flight"] <= jobs


def test_bare_httpx_case_fails_on_an_error_response(served: dict[str, Any]) -> None:
    missing = {"ids": ["file_missing"], "names": {"file_missing": "m.bin"}}
    result = _failed_case("cli.bare_download", {**_two_files(served, jobs=1), **missing})
    assert "exited 1" in result["error"]


def test_command_line_upload_case_fails_when_the_server_got_less(served: dict[str, Any]) -> None:
    """The uploads are verified by what the server counted: a wrong count is a failure."""
    params = {**_two_files(served, jobs=1), "cli": _cli(), "size": 2 * SIZE + 1}
    result = _failed_case("cli.upload", params)
    assert "the server received 2 files" in result["error"]


def test_fresh_processes_case_reports_the_median_of_its_runs() -> None:
    result = run_client("cli.version", {"cmd": [sys.executable, "-c", "pass"], "runs": 3})
    assert result["calls"] == 3
    assert len(result["times"]) == 3
    assert sorted(result["times"])[1] == result["seconds"]
    assert result["peak"] > 0


def test_runner_writes_the_command_line_group(tmp_path: Path) -> None:
    _cli()
    only = ["cli.version@python", "cli.raw_httpx@latency_8_threads", "cli.raw_httpx@latency_1"]
    report, results, _ = _quick_report(tmp_path, only)
    assert "### The command line against curl, 16 MiB jobs" in report
    assert "`claude-files --version` ≤ 150 ms | — not measured" in report
    assert "`python -c pass`, median of 3 (for scale) | " in report
    raw = results["cli"]
    (fast,) = raw["cli.raw_httpx@latency_8_threads"]
    (slow,) = raw["cli.raw_httpx@latency_1_thread"]
    assert fast["ok"], fast
    assert slow["ok"], slow
    assert fast["in_flight"] > 1  # threads that wait 20 ms each on the server overlap
    assert slow["in_flight"] == 1


def test_runner_reports_the_bare_script_beside_the_targets(tmp_path: Path) -> None:
    _cli()
    only = ["cli.bare_download@latency_j8", "cli.bare_download@latency_j1", "cli.download@latency"]
    report, results, _ = _quick_report(tmp_path, only)
    raw = results["cli"]
    assert all(r["ok"] for case in raw.values() for r in case), raw
    (line,) = [ln for ln in report.splitlines() if "latency target" in ln]
    assert line.startswith("- the bare httpx script on the 16 ")
    assert "latency target: its `-j 8` is" in line
    assert "(the target: ≥ 4.00" in line
    assert "); claude-files " in line
    assert "- the bare httpx script on the 16 MiB upload target: not measured" in report


def _load_server_module() -> Any:
    spec = importlib.util.spec_from_file_location("bench_server", BENCH / "server.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("piece", [1, 7, 64, 4096])
def test_upload_parser_counts_the_file_part_whatever_the_chunking(piece: int) -> None:
    """The server's size_bytes is what upload rows verify: it must be exact even when the
    delimiter, or something that starts like it, straddles two reads."""
    server = _load_server_module()
    content = b"\r\n--BX" * 300 + b"\r\n-BB\r\n--B" + os.urandom(1000) + b"\r\n--"
    body = (
        b"--BB\r\n"
        b'Content-Disposition: form-data; name="expires_in_seconds"\r\n\r\n3600\r\n'
        b"--BB\r\n"
        b'Content-Disposition: form-data; name="file"; filename="dir/a.bin"\r\n'
        b"Content-Type: application/x-test\r\n\r\n" + content + b"\r\n--BB--\r\n"
    )
    parser = server.MultipartCounter(b"BB")
    for i in range(0, len(body), piece):
        parser.feed(body[i : i + piece])
    parser.finish()
    assert parser.file_size == len(content)
    assert parser.filename == "dir/a.bin"
    assert parser.mime_type == "application/x-test"


def test_startup_script_reports_every_layer_and_both_exits() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "startup.py"), "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    rows = {line.partition(")")[2].strip(): line for line in done.stdout.splitlines()[1:]}
    for name in ("interpreter start", "all the imports", "exit, plain", "exit, after gc.freeze()"):
        assert name in rows, done.stdout
    assert "claude_files.cli._commands" in rows
    total = float(rows["all the imports"].split()[0])
    assert total > 0
