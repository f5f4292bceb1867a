"""`claude-files compliance projects export`: files and documents of projects into one
folder each, `manifest.jsonl` line by line against the mock's bytes, reruns that skip
what is complete (no content request), re-download what was removed or altered, cut a
torn line, fail a cut-off body with nothing left, and finish what a SIGKILL left."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from claude_files.cli._export import STAGE_PREFIX
from claude_files.testing import Fault, MockServer
from tests.cli.conftest import Run, command, subprocess_env

T0 = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
EXPORT = ("compliance", "projects", "export")


def _seed(server: MockServer) -> dict[str, tuple[str, bytes, str]]:
    """Two projects; `{id: (project, bytes, expected path)}` of what they hold that can
    be exported. Project A has two files named alike and a link of an unknown kind."""
    a = server.add_project(id="claude_proj_a")
    b = server.add_project(id="claude_proj_b")
    seeded: dict[str, tuple[str, bytes, str]] = {}

    def file(project: str, data: bytes, name: str, minute: int, path: str, **kw: Any) -> None:
        created = T0 + timedelta(minutes=minute)
        item = server.add_project_file(project, data, name, created_at=created, **kw)
        seeded[item["id"]] = (project, data, path)

    def doc(project: str, text: str, name: str, minute: int, path: str) -> None:
        created = T0 + timedelta(minutes=minute)
        item = server.add_project_document(project, text, name, created_at=created)
        seeded[item["id"]] = (project, text.encode("utf-8"), path)

    file(a, b"%PDF first", "report.pdf", 0, "claude_proj_a/report.pdf")
    doc(a, "caf\u00e9 notes\n", "notes.txt", 1, "claude_proj_a/notes.txt")
    file(a, b"%PDF second", "report.pdf", 2, "claude_proj_a/report (2).pdf")
    server.add_project_attachment(a, {"type": "project_link", "id": "claude_proj_link_1"})
    file(b, bytes(range(256)) * 400, "data.bin", 0, "claude_proj_b/data.bin", content_md5=True)
    doc(b, "plan\n", "../../escape.txt", 1, "claude_proj_b/escape.txt")
    return seeded


def _manifest(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]


def _content_requests(server: MockServer, since: int = 0) -> list[str]:
    return [
        r.path
        for r in server.requests[since:]
        if r.path.endswith("/content") or "/projects/documents/" in r.path
    ]


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob("*") if p.name.startswith(".claude-files-"))


def test_two_projects_export_with_a_manifest_that_matches_the_bytes(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    seeded = _seed(server)
    done = run(*EXPORT, "claude_proj_a", "claude_proj_b", "-o", "out", "--json")
    assert done.code == 1, done.err  # the unknown kind is an item not exported
    out = tmp_path / "out"
    [unsupported] = [line for line in done.json if not line["ok"]]
    assert unsupported["id"] == "claude_proj_link_1"
    assert unsupported["error"]["type"] == "unsupported"
    assert "5 downloaded, 0 skipped (already complete)" in done.err
    assert "1 failed: claude_proj_link_1" in done.err

    lines = _manifest(out)
    assert sorted(line["id"] for line in lines) == sorted(seeded)
    by_request = {r.request_id: r for r in server.requests}
    for line in lines:
        project, data, path = seeded[line["id"]]
        assert set(line) == {
            "id",
            "type",
            "project",
            "filename",
            "path",
            "bytes",
            "sha256",
            "request_id",
            "time",
        }
        assert (line["project"], line["path"], line["filename"]) == (
            project,
            path,
            Path(path).name,
        )
        assert line["type"] == ("project_doc" if "_doc_" in line["id"] else "project_file")
        assert line["bytes"] == len(data)
        assert line["sha256"] == hashlib.sha256(data).hexdigest()
        assert (out / path).read_bytes() == data
        request = by_request[line["request_id"]]  # the download's own request
        assert line["id"] in request.path
        assert request.status == 200
        assert datetime.fromisoformat(line["time"].replace("Z", "+00:00")) <= datetime.now(UTC)
    assert _leftovers(out) == []
    assert sorted(p.name for p in out.iterdir()) == [
        "claude_proj_a",
        "claude_proj_b",
        "manifest.jsonl",
    ]


def test_a_second_run_skips_everything_without_a_content_request(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    seeded = _seed(server)
    first = run(*EXPORT, "claude_proj_a", "claude_proj_b", "-o", "out")
    assert first.code == 1, first.err
    before = len(server.requests)
    again = run(*EXPORT, "claude_proj_a", "claude_proj_b", "-o", "out", "--json")
    assert again.code == 1
    assert _content_requests(server, before) == []
    assert len(server.requests) - before == 2  # one list page per project
    skipped = [line for line in again.json if line["ok"]]
    assert sorted(line["id"] for line in skipped) == sorted(seeded)
    assert all(line["export"]["skipped"] for line in skipped)
    assert [line["export"]["sha256"] for line in skipped] == [
        hashlib.sha256(seeded[line["id"]][1]).hexdigest() for line in skipped
    ]
    assert "0 downloaded, 5 skipped (already complete), 1 failed" in again.err
    assert len(_manifest(tmp_path / "out")) == len(seeded)  # nothing appended


def test_a_removed_or_altered_file_is_downloaded_again(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    seeded = _seed(server)
    assert run(*EXPORT, "claude_proj_a", "claude_proj_b", "-o", "out").code == 1
    out = tmp_path / "out"
    (out / "claude_proj_a" / "report.pdf").unlink()
    altered = out / "claude_proj_b" / "data.bin"
    altered.write_bytes(altered.read_bytes()[:-1] + b"!")  # same size, other bytes
    before = len(server.requests)
    again = run(*EXPORT, "claude_proj_a", "claude_proj_b", "-o", "out")
    assert again.code == 1, again.err
    fetched = _content_requests(server, before)
    assert len(fetched) == 2
    assert "2 downloaded, 3 skipped" in again.err
    for item_id, (_, data, path) in seeded.items():
        assert (out / path).read_bytes() == data, item_id
    latest = {line["id"]: line for line in _manifest(out)}  # the last line of an id wins
    assert latest.keys() == seeded.keys()
    assert all(latest[i]["sha256"] == hashlib.sha256(seeded[i][1]).hexdigest() for i in latest)


def test_a_torn_last_line_is_cut_off_and_its_item_finished(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    seeded = _seed(server)
    assert run(*EXPORT, "claude_proj_a", "claude_proj_b", "-o", "out").code == 1
    manifest = tmp_path / "out" / "manifest.jsonl"
    text = manifest.read_text()
    whole, last = text.rstrip("\n").rsplit("\n", 1)
    manifest.write_text(whole + "\n" + last[: len(last) // 2])  # killed mid-write
    torn_id = json.loads(last)["id"]
    before = len(server.requests)
    again = run(*EXPORT, "claude_proj_a", "claude_proj_b", "-o", "out")
    assert again.code == 1, again.err
    assert "torn last line" in again.err
    fetched = _content_requests(server, before)
    assert len(fetched) == 1
    assert torn_id in fetched[0]
    lines = _manifest(tmp_path / "out")  # every line parses again
    assert sorted(line["id"] for line in lines) == sorted(seeded)
    assert manifest.read_text().endswith("\n")


def test_a_cut_off_body_fails_that_item_and_leaves_nothing(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    seeded = _seed(server)
    [big] = [i for i, (_, data, _) in seeded.items() if len(data) > 1000]
    server.inject(
        Fault.truncate(5000), path=f"/v1/compliance/apps/chats/files/{big}/content", count=None
    )
    done = run(*EXPORT, "claude_proj_a", "claude_proj_b", "-o", "out", "--json")
    assert done.code == 1
    failed = {line["id"]: line for line in done.json if not line["ok"]}
    assert failed.keys() == {big, "claude_proj_link_1"}
    assert failed[big]["error"]["type"] == "incomplete_download"
    out = tmp_path / "out"
    assert not (out / seeded[big][2]).exists()
    assert _leftovers(out) == []
    assert big not in {line["id"] for line in _manifest(out)}
    assert "4 downloaded, 0 skipped (already complete), 2 failed" in done.err


def test_a_file_that_is_not_the_exports_is_never_replaced(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    seeded = _seed(server)
    mine = tmp_path / "out" / "claude_proj_a" / "notes.txt"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own notes")
    done = run(*EXPORT, "claude_proj_a", "-o", "out", "--json")
    assert done.code == 1
    [notes] = [i for i, (_, _, path) in seeded.items() if path.endswith("notes.txt")]
    failed = {line["id"]: line for line in done.json if not line["ok"]}
    assert "not this export's" in failed[notes]["error"]["message"]
    assert mine.read_text() == "my own notes"
    assert notes not in {line["id"] for line in _manifest(tmp_path / "out")}
    assert _leftovers(tmp_path / "out") == []


def test_usage_errors(run: Run, server: MockServer, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert run(*EXPORT, "claude_proj_a", "-o", "file").code == 2
    assert run(*EXPORT, "claude_proj_a", "-o", "d", "--max-requests-per-minute", "0").code == 2
    assert run(*EXPORT, "claude_proj_a").code == 2  # -o is required
    missing = run(*EXPORT, "claude_proj_missing", "-o", "d", "--json")
    assert missing.code == 1
    assert missing.json[0]["error"]["status"] == 404


def test_a_sigkill_mid_run_then_a_rerun_downloads_only_the_rest(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    project = server.add_project(id="claude_proj_k")
    data = {}
    for i in range(6):
        size = 300_000 if i == 2 else 1000
        content = bytes([i]) * size
        item = server.add_project_file(
            project, content, f"f{i}.bin", created_at=T0 + timedelta(minutes=i)
        )
        data[item["id"]] = content
    slow = list(data)[2]
    server.inject(Fault.slow(30_000), path=f"/v1/compliance/apps/chats/files/{slow}/content")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [*command(), *EXPORT, project, "-o", str(out), "-j", "1", "--json"],
        env=subprocess_env(server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        finished = [json.loads(process.stdout.readline()) for _ in range(2)]  # blocks: an event
        assert all(line["ok"] for line in finished)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    recorded = _manifest(out)
    assert len(recorded) >= 2
    for line in recorded:  # no line without its complete file
        assert (out / line["path"]).read_bytes() == data[line["id"]]
    for path in (out / project).iterdir():  # nothing partial under a final name
        if not path.name.startswith(STAGE_PREFIX):
            assert path.read_bytes() in data.values()

    before = len(server.requests)
    again = run(*EXPORT, project, "-o", "out")
    assert again.code == 0, again.err
    fetched = _content_requests(server, before)
    assert sorted(p.split("/")[-2] for p in fetched) == sorted(
        set(data) - {r["id"] for r in recorded}
    )
    for item_id, content in data.items():
        assert (out / project / f"f{list(data).index(item_id)}.bin").read_bytes() == content
    assert _leftovers(out) == []
    assert sorted(line["id"] for line in _manifest(out)) == sorted(data)


def test_compliance_api_version_is_sent_when_given(run: Run, server: MockServer) -> None:
    chat = server.add_chat_file(b"x")["id"]
    assert run("compliance", "files", "get", chat).code == 0
    assert "anthropic-version" not in server.requests[-1].headers
    given = run("compliance", "files", "get", chat, "--compliance-api-version", "2026-04-20")
    assert given.code == 0, given.err
    assert server.requests[-1].headers["anthropic-version"] == "2026-04-20"
