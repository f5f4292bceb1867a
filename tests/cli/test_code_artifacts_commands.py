"""`claude-files compliance code-artifacts list|get|download|delete`."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from claude_files.testing import MockServer
from tests.cli.conftest import Run, leftovers


def _site(server: MockServer, **kwargs: object) -> dict[str, object]:
    files = {"index.html": b"<h1>site</h1>", "js/app.js": b"go()"}
    return server.add_code_artifact(files, version_ids=["v2"], **kwargs)  # type: ignore[arg-type]


def test_list_pages_through_everything(run: Run, server: MockServer) -> None:
    ids = sorted(str(server.add_code_artifact(b"x")["id"]) for _ in range(3))
    listed = run("compliance", "code-artifacts", "list", "--page-size", "2")
    assert listed.code == 0, listed.err
    assert [line.split("\t")[0] for line in listed.lines] == ids
    assert listed.lines[0].split("\t")[2:5][0] == "org"
    limited = run("compliance", "code-artifacts", "list", "--limit", "1", "--json")
    assert [r["id"] for r in limited.json] == ids[:1]


def test_list_filters(run: Run, server: MockServer) -> None:
    then = datetime(2025, 3, 14, tzinfo=UTC)
    old = server.add_code_artifact(b"x", updated_at=then, owner_user_id="user_old")
    server.add_code_artifact(b"x", owner_user_id="user_new")
    by_user = run("compliance", "code-artifacts", "list", "--user", "user_old", "--json")
    assert [r["id"] for r in by_user.json] == [old["id"]]
    before = run("compliance", "code-artifacts", "list", "--updated-before", "2025-03-15")
    assert [line.split("\t")[0] for line in before.lines] == [old["id"]]


def test_get_shows_the_listed_entry_and_one_version(run: Run, server: MockServer) -> None:
    made = server.add_code_artifact(versions=[b"1", b"2"], version_ids=["v1", "v2"])
    got = run("compliance", "code-artifacts", "get", str(made["id"]), "--json")
    assert got.code == 0, got.err
    [record] = got.json
    assert [v["id"] for v in record["code_artifact"]["versions"]] == ["v2", "v1"]
    one = run("compliance", "code-artifacts", "get", str(made["id"]), "--version", "v1")
    assert one.code == 0
    assert "id\tv1" in one.lines
    missing = run("compliance", "code-artifacts", "get", "cart_missing")
    assert missing.code == 1
    assert "cart_missing" in missing.err
    both = run("compliance", "code-artifacts", "get", "a", "b", "--version", "v1")
    assert both.code == 2


def test_download_a_version_and_the_zip(run: Run, server: MockServer, tmp_path: Path) -> None:
    single = server.add_code_artifact({"page.html": b"<p>1</p>"}, version_ids=["v1"])
    site = _site(server)
    got = run(
        "compliance", "code-artifacts", "download", str(single["id"]), "--version", "v1",
        "-o", "out/",
    )  # fmt: skip
    assert got.code == 0, got.err
    assert (tmp_path / "out" / f"{single['id']}-v1.html").read_bytes() == b"<p>1</p>"
    zipped = run("compliance", "code-artifacts", "download", str(site["id"]), "-o", "site.zip")
    assert zipped.code == 0, zipped.err
    with zipfile.ZipFile(io.BytesIO((tmp_path / "site.zip").read_bytes())) as archive:
        assert archive.read("js/app.js") == b"go()"
    assert leftovers(tmp_path) == []
    assert leftovers(tmp_path / "out") == []


def test_download_extract(run: Run, server: MockServer, tmp_path: Path) -> None:
    site = _site(server)
    got = run(
        "compliance", "code-artifacts", "download", str(site["id"]), "--extract", "-o", "site"
    )
    assert got.code == 0, got.err
    assert got.lines == [f"extracted {site['id']} into site (2 files)"]
    assert (tmp_path / "site" / "js" / "app.js").read_bytes() == b"go()"
    named = run("compliance", "code-artifacts", "download", str(site["id"]), "--extract")
    assert named.code == 0, named.err
    assert (tmp_path / f"{site['id']}-v2" / "index.html").exists()
    again = run("compliance", "code-artifacts", "download", str(site["id"]), "--extract")
    assert again.code == 1
    assert "exists" in again.err
    assert leftovers(tmp_path) == []
    refused = run(
        "compliance", "code-artifacts", "download", str(site["id"]), "--extract", "--overwrite"
    )
    assert refused.code == 2


def test_a_hostile_zip_is_refused_by_the_command(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../escape.txt", b"x")
    hostile = server.add_code_artifact({"a.zip": buffer.getvalue()}, version_ids=["v1"])
    got = run(
        "compliance", "code-artifacts", "download", str(hostile["id"]), "--version", "v1",
        "--extract", "-o", "x", "--json",
    )  # fmt: skip
    assert got.code == 1
    [record] = got.json
    assert record["ok"] is False
    assert "escape" in record["error"]["message"]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_the_422_says_what_to_do(run: Run, server: MockServer) -> None:
    site = _site(server)
    got = run("compliance", "code-artifacts", "download", str(site["id"]), "--version", "v2")
    assert got.code == 1
    assert "multi_file_unavailable" in got.err
    assert "as a ZIP instead" in got.err


def test_delete(run: Run, server: MockServer) -> None:
    made = server.add_code_artifact(b"x")
    gone = run("compliance", "code-artifacts", "delete", str(made["id"]))
    assert gone.lines == [f"deleted {made['id']}"]
    again = run("compliance", "code-artifacts", "delete", str(made["id"]))
    assert again.code == 1
    assert "not_found_error" in again.err
