"""`claude-files compliance projects attachments` and `compliance project-documents
get|download|delete`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from claude_files.testing import Fault, MockServer
from tests.cli.conftest import Run, leftovers

T0 = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)


def _project(server: MockServer) -> tuple[str, list[str]]:
    project = server.add_project()
    ids = [
        server.add_project_file(project, b"%PDF", "a.pdf", "application/pdf", created_at=T0)["id"],
        server.add_project_document(project, "notes\n", "n.txt", created_at=T0 + timedelta(1))[
            "id"
        ],
        server.add_project_file(project, b"b", "b.bin", created_at=T0 + timedelta(2))["id"],
    ]
    return project, ids


def test_attachments_page_through_everything(run: Run, server: MockServer) -> None:
    project, ids = _project(server)
    listed = run("compliance", "projects", "attachments", project, "--page-size", "2")
    assert listed.code == 0, listed.err
    rows = [line.split("\t") for line in listed.lines]
    assert [row[1] for row in rows] == ids
    assert [row[0] for row in rows] == ["project_file", "project_doc", "project_file"]
    assert rows[1][2:] == ["n.txt", (T0 + timedelta(1)).isoformat(), "text/plain"]
    assert sum(r.path.endswith("/attachments") for r in server.requests) == 2
    limited = run("compliance", "projects", "attachments", project, "--limit", "1", "--json")
    assert [(r["id"], r["attachment"]["type"]) for r in limited.json] == [(ids[0], "project_file")]


def test_an_unknown_kind_is_listed(run: Run, server: MockServer) -> None:
    project = server.add_project()
    server.add_project_attachment(project, {"type": "project_link", "id": "claude_proj_link_1"})
    listed = run("compliance", "projects", "attachments", project)
    assert listed.code == 0, listed.err
    assert listed.lines == ["project_link\tclaude_proj_link_1\t-\t-\t-"]


def test_an_unknown_project_fails(run: Run, server: MockServer) -> None:
    failed = run("compliance", "projects", "attachments", "claude_proj_missing", "--json")
    assert failed.code == 1
    [line] = failed.json
    assert line["ok"] is False
    assert (line["error"]["type"], line["error"]["status"]) == ("not_found_error", 404)


def test_a_project_file_downloads_as_a_chat_file(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    _, ids = _project(server)
    got = run("compliance", "files", "download", ids[0], "-o", "out/")
    assert got.code == 0, got.err
    assert (tmp_path / "out" / "a.pdf").read_bytes() == b"%PDF"


def test_get_shows_the_text(run: Run, server: MockServer) -> None:
    project = server.add_project()
    document = server.add_project_document(project, "caf\u00e9\n", "notes.txt")
    got = run("compliance", "project-documents", "get", document["id"], "--json")
    assert got.code == 0, got.err
    [line] = got.json
    assert line["project_document"]["content"] == "caf\u00e9\n"
    plain = run("compliance", "project-documents", "get", document["id"])
    assert "filename\tnotes.txt" in plain.lines


def test_download_names_it_and_never_overwrites(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    project = server.add_project()
    first = server.add_project_document(project, "one\n", "notes.txt")
    second = server.add_project_document(project, "two\n", "notes.txt")
    got = run("compliance", "project-documents", "download", first["id"], second["id"], "-o", "d/")
    assert got.code == 0, got.err
    folder = tmp_path / "d"
    assert (folder / "notes.txt").read_text() == "one\n"
    assert (folder / "notes (2).txt").read_text() == "two\n"
    assert sum("/documents/" in r.path for r in server.requests) == 2  # one request each
    again = run("compliance", "project-documents", "download", first["id"], "-o", "d/notes.txt")
    assert again.code == 1
    assert "already exists" in again.err
    assert (folder / "notes.txt").read_text() == "one\n"
    replaced = run(
        "compliance", "project-documents", "download", second["id"], "-o", "d/notes.txt",
        "--overwrite",
    )  # fmt: skip
    assert replaced.code == 0, replaced.err
    assert (folder / "notes.txt").read_text() == "two\n"
    assert leftovers(folder) == []


def test_a_failed_download_leaves_nothing(run: Run, server: MockServer, tmp_path: Path) -> None:
    project = server.add_project()
    document = server.add_project_document(project, "x" * 5000, "big.txt")
    too_big = run(
        "compliance", "project-documents", "download", document["id"], "-o", "d/",
        "--max-size", "1KB",
    )  # fmt: skip
    assert too_big.code == 1
    assert "too large" in too_big.err
    server.inject(Fault.status(500), path="/v1/compliance/apps/projects/documents/*", count=None)
    failed = run("compliance", "project-documents", "download", document["id"], "-o", "d/")
    assert failed.code == 1
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == []


def test_delete(run: Run, server: MockServer) -> None:
    project = server.add_project()
    document = server.add_project_document(project, "x")
    deleted = run("compliance", "project-documents", "delete", document["id"], "--json")
    assert deleted.code == 0, deleted.err
    assert deleted.json[0]["deleted"] is True
    gone = run("compliance", "project-documents", "delete", document["id"])
    assert gone.code == 1
    assert "already been deleted" in gone.err
