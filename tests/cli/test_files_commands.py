"""`claude-files files ...` against the mock: each command, --json, paging, collisions,
overwrite refusal, and failures among several items."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

import pytest

from claude_files.testing import Fault, MockServer
from tests.cli.conftest import Run, leftovers


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_upload_list_get_download_delete(run: Run, server: MockServer, tmp_path: Path) -> None:
    server.uploaded_files_downloadable = True  # it downloads its upload (the real API refuses)
    folder = tmp_path / "batch"
    folder.mkdir()
    contents = {"a.txt": b"alpha\n", "b.pdf": os.urandom(200_000), ".hidden": b"skip me"}
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    single = tmp_path / "notes.md"
    single.write_bytes(b"# notes\n")

    up = run("files", "upload", str(folder), str(single))
    assert up.code == 0, up.err
    assert len(up.lines) == 3  # the hidden file stays home
    assert all(line.startswith("uploaded ") for line in up.lines)
    assert "3 of 3 uploaded" in up.err
    ids = {line.split()[1]: line.split()[3] for line in up.lines}  # path -> id
    assert set(ids) == {str(folder / "a.txt"), str(folder / "b.pdf"), str(single)}

    listing = run("files", "list")
    assert listing.code == 0
    rows = [line.split("\t") for line in listing.lines]
    assert {row[0] for row in rows} == set(ids.values())
    by_id = {row[0]: row for row in rows}
    assert by_id[ids[str(folder / "b.pdf")]][1:3] == ["b.pdf", "200000"]

    got = run("files", "get", ids[str(single)])
    assert got.code == 0
    assert f"id\t{ids[str(single)]}" in got.lines
    assert "filename\tnotes.md" in got.lines

    down = run("files", "download", *ids.values(), "-o", "out")
    assert down.code == 0, down.err
    assert len(down.lines) == 3
    for path, file_id in ids.items():
        assert (tmp_path / "out" / Path(path).name).read_bytes() == Path(path).read_bytes()
        assert any(line.startswith(f"downloaded {file_id} to out/") for line in down.lines)
    assert leftovers(tmp_path / "out") == []

    gone = run("files", "delete", *ids.values())
    assert gone.code == 0
    assert sorted(gone.lines) == sorted(f"deleted {i}" for i in ids.values())
    assert run("files", "list").out == ""


def test_json_prints_one_object_per_result(run: Run, server: MockServer, tmp_path: Path) -> None:
    server.uploaded_files_downloadable = True  # it downloads its upload (the real API refuses)
    (tmp_path / "x.bin").write_bytes(b"x" * 1000)
    up = run("files", "upload", "x.bin", "--json")
    assert up.code == 0
    [uploaded] = up.json
    assert uploaded["ok"] is True
    assert uploaded["path"] == "x.bin"
    assert uploaded["file"]["size_bytes"] == 1000
    file_id = uploaded["id"]

    [listed] = run("files", "list", "--json").json
    assert listed["id"] == listed["file"]["id"] == file_id
    assert listed["file"]["filename"] == "x.bin"

    got = run("files", "get", file_id, "file_missing", "--json")
    assert got.code == 1
    found, missing = got.json
    assert found == {"ok": True, "command": "files get", "id": file_id, "file": listed["file"]}
    assert missing["ok"] is False
    assert missing["id"] == "file_missing"
    assert missing["error"]["type"] == "not_found_error"
    assert missing["error"]["status"] == 404
    assert missing["error"]["request_id"].startswith("req_")

    [down] = run("files", "download", file_id, "--json", "-o", "copy.bin").json
    assert down == {
        "ok": True,
        "command": "files download",
        "id": file_id,
        "path": "copy.bin",
        "size_bytes": 1000,
    }

    [deleted] = run("files", "delete", file_id, "--json").json
    assert deleted == {"ok": True, "command": "files delete", "id": file_id, "deleted": True}


def test_list_walks_every_page_and_honours_limit_after_before(run: Run, server: MockServer) -> None:
    ids = [server.add_file(f"{i}".encode(), filename=f"f{i}.txt")["id"] for i in range(7)]
    newest_first = ids[::-1]
    server.clear_requests()

    every = run("files", "list", "--page-size", "2")
    assert [line.split("\t")[0] for line in every.lines] == newest_first
    pages = [r for r in server.requests if r.path == "/v1/files"]
    assert len(pages) == 4

    limited = run("files", "list", "--limit", "3", "--page-size", "2")
    assert [line.split("\t")[0] for line in limited.lines] == newest_first[:3]

    after = run("files", "list", "--after", newest_first[2])
    assert [line.split("\t")[0] for line in after.lines] == newest_first[3:]

    before = run("files", "list", "--before", newest_first[4], "--page-size", "2")
    assert sorted(line.split("\t")[0] for line in before.lines) == sorted(newest_first[:4])


def test_same_name_twice_in_one_run_keeps_both(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    first = server.add_file(b"first", filename="report.pdf")["id"]
    second = server.add_file(b"second", filename="report.pdf")["id"]
    third = server.add_file(b"third", filename="sub/dir/report.pdf")["id"]
    sneaky = server.add_file(b"sneaky", filename="../../escape.txt")["id"]

    result = run("files", "download", first, second, third, sneaky, "-o", "out", "-j", "3")
    assert result.code == 0, result.err
    out = tmp_path / "out"
    # Names go in the order the ids were given, whatever order the bytes arrive in.
    assert (out / "report.pdf").read_bytes() == b"first"
    assert (out / "report (2).pdf").read_bytes() == b"second"
    assert (out / "report (3).pdf").read_bytes() == b"third"
    assert (out / "escape.txt").read_bytes() == b"sneaky"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        "escape.txt",
        "report (2).pdf",
        "report (3).pdf",
        "report.pdf",
    ]


def test_existing_files_are_never_overwritten_without_the_flag(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    file_id = server.add_file(b"new content", filename="data.csv")["id"]
    other = server.add_file(b"other", filename="other.csv")["id"]
    out = tmp_path / "out"
    out.mkdir()
    (out / "data.csv").write_bytes(b"precious")
    (tmp_path / "single.csv").write_bytes(b"precious too")

    refused = run("files", "download", file_id, other, "-o", "out")
    assert refused.code == 1
    assert (out / "data.csv").read_bytes() == b"precious"
    assert (out / "other.csv").read_bytes() == b"other"
    assert "data.csv already exists (pass --overwrite to replace it)" in refused.err
    assert f"1 of 2 downloaded; 1 failed: {file_id}" in refused.err

    single = run("files", "download", file_id, "-o", "single.csv")
    assert single.code == 1
    assert (tmp_path / "single.csv").read_bytes() == b"precious too"

    assert run("files", "download", file_id, "-o", "out", "--overwrite").code == 0
    assert (out / "data.csv").read_bytes() == b"new content"
    assert run("files", "download", file_id, "-o", "single.csv", "--overwrite").code == 0
    assert (tmp_path / "single.csv").read_bytes() == b"new content"
    assert leftovers(out) == leftovers(tmp_path) == []


def test_one_failing_item_does_not_stop_the_others(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    good = [server.add_file(f"good {i}".encode(), filename=f"g{i}.txt")["id"] for i in range(3)]
    locked = server.add_file(b"user upload", filename="locked.txt", downloadable=False)["id"]
    ids = [good[0], "file_missing", good[1], locked, good[2]]

    result = run("files", "download", *ids, "-o", "out")
    assert result.code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["g0.txt", "g1.txt", "g2.txt"]
    assert "3 of 5 downloaded; 2 failed: file_missing, " + locked in result.err
    missing_line = next(line for line in result.err.splitlines() if "file_missing:" in line)
    assert "not_found_error" in missing_line
    assert "HTTP 404" in missing_line
    assert "request id req_" in missing_line
    locked_line = next(line for line in result.err.splitlines() if f"{locked}:" in line)
    assert "invalid_request_error" in locked_line
    assert "file_not_downloadable" in locked_line


def test_errors_carry_type_message_and_request_id(run: Run, server: MockServer) -> None:
    file_id = server.add_file(b"x", filename="x.txt")["id"]
    server.inject(Fault.status(403, error_type="permission_error"), path=f"/v1/files/{file_id}")
    result = run("files", "get", file_id)
    assert result.code == 1
    [line] = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: {file_id}: permission_error: ")
    assert "(HTTP 403, request id req_" in line
    assert "Traceback" not in result.err


def test_an_id_that_would_change_the_path_is_refused(run: Run, server: MockServer) -> None:
    result = run("files", "get", "../v1/files")
    assert result.code == 1
    assert "invalid_argument" in result.err
    assert server.requests == []


def test_max_size_refuses_before_reading_and_leaves_nothing(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    big = server.add_file(os.urandom(50_000), filename="big.bin")["id"]
    result = run("files", "download", big, "--max-size", "10k", "-o", "out/")
    assert result.code == 1
    assert "file_too_large" in result.err
    assert list((tmp_path / "out").iterdir()) == []


def test_a_body_cut_short_leaves_no_file(run: Run, server: MockServer, tmp_path: Path) -> None:
    data = os.urandom(100_000)
    file_id = server.add_file(data, filename="cut.bin")["id"]
    fine = server.add_file(b"fine", filename="fine.txt")["id"]
    server.inject(Fault.truncate(1000), path=f"/v1/files/{file_id}/content", count=None)
    result = run("files", "download", file_id, fine, "-o", "out")
    assert result.code == 1
    assert "incomplete_download" in result.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["fine.txt"]
    server.clear_faults()
    assert run("files", "download", file_id, "-o", "out").code == 0
    assert _sha((tmp_path / "out" / "cut.bin").read_bytes()) == _sha(data)


def test_a_listing_that_fails_says_why_and_exits_1(run: Run, server: MockServer) -> None:
    server.add_file(b"x", filename="x.txt")
    server.inject(Fault.status(403, error_type="permission_error"), path="/v1/files", count=2)
    result = run("files", "list")
    assert result.code == 1
    assert "permission_error" in result.err
    assert "request id req_" in result.err
    as_json = run("files", "list", "--json")
    assert as_json.code == 1
    [failure] = as_json.json  # the error, and no file
    assert failure["ok"] is False
    assert (failure["error"]["type"], failure["error"]["status"]) == ("permission_error", 403)
    assert failure["error"]["request_id"].startswith("req_")


def test_an_unreachable_server_is_a_connection_error(
    run: Run, server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setattr("claude_files.cli._settings.MAX_RETRIES", 0)
    result = run("files", "get", "file_x")
    assert result.code == 1
    assert "connection_error" in result.err
    assert "Traceback" not in result.err


def test_a_folder_upload_says_what_it_skipped(run: Run, server: MockServer, tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "page1.png").write_bytes(b"1")
    (folder / ".DS_Store").write_bytes(b"x")
    (folder / "sub" / "page2.png").write_bytes(b"2")
    up = run("files", "upload", "scans", "--json")
    assert up.code == 0, up.err
    assert [line["path"] for line in up.json] == [str(Path("scans") / "page1.png")]
    assert (
        "note: scans: skipped 1 subfolder and 2 hidden entries (a folder uploads only the "
        "files directly in it, never hidden ones; name them to upload them)"
    ) in up.err
    quiet = run("files", "upload", "scans/sub")
    assert quiet.code == 0
    assert "note:" not in quiet.err


def test_upload_expires_in(run: Run, server: MockServer, tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"x")
    for given, seconds in (("3600", 3600), ("12h", 43_200), ("7d", 604_800), ("90d", 7_776_000)):
        [line] = run("files", "upload", "x.txt", "--expires-in", given, "--json").json
        made = datetime.fromisoformat(line["file"]["created_at"])
        expires = datetime.fromisoformat(line["file"]["expires_at"])
        assert (expires - made).total_seconds() == seconds, given
    server.clear_requests()
    for bad in ("3599", "91d", "soon", "-1h"):
        refused = run("files", "upload", "x.txt", "--expires-in", bad)
        assert refused.code == 2, bad
        assert "one hour to 90 days" in refused.err or "not a duration" in refused.err
    assert server.requests == []
    [plain] = run("files", "upload", "x.txt", "--json").json
    assert plain["file"]["expires_at"] is None
