"""Every command's `--json` lines have the one shape `claude-files --help` documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from claude_files.cli._app import cli
from claude_files.testing import Fault, MockServer
from tests.cli.conftest import Run

RESULT_KEYS = {
    "file",
    "code_artifact",
    "code_artifact_version",
    "attachment",
    "project_document",
    "size_bytes",
    "files",
    "deleted",
    "export",
}
RESULT_TYPES: dict[str, type] = {
    "file": dict,
    "attachment": dict,
    "project_document": dict,
    "code_artifact": dict,
    "code_artifact_version": dict,
    "size_bytes": int,
    "files": int,
    "deleted": bool,
    "export": dict,
}


def check_line(line: dict[str, Any], command: str) -> None:
    """The documented shape: fails on anything else."""
    assert list(line)[:2] == ["ok", "command"], line
    assert line["command"] == command
    assert set(line) <= {"ok", "command", "id", "path", "error"} | RESULT_KEYS, line
    for key in ("id", "path"):
        assert isinstance(line.get(key, ""), str), line
    results = set(line) & RESULT_KEYS
    for key in results:
        assert isinstance(line[key], RESULT_TYPES[key]), line
    if line["ok"] is True:
        assert "error" not in line, line
        assert len(results) == 1, line
        return
    assert line["ok"] is False, line
    assert results == set(), line
    error = line["error"]
    for key in ("type", "message"):
        assert isinstance(error[key], str), line
        assert error[key], line
    if "status" in error:
        assert isinstance(error["status"], int), line
        assert error["request_id"] is None or error["request_id"].startswith("req_"), line


def json_commands(group: click.Group = cli, prefix: str = "") -> set[str]:
    """Every command of the tree that has --json."""
    found: set[str] = set()
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            found |= json_commands(command, f"{path} ")
        elif any("--json" in p.opts for p in command.params):
            found.add(path)
    return found


def test_every_command_prints_one_shape(run: Run, server: MockServer, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"a")
    (tmp_path / "b.txt").write_bytes(b"b")
    file_id = server.add_file(b"content", filename="f.txt")["id"]
    doomed = server.add_file(b"doomed", filename="d.txt")["id"]
    chat = server.add_chat_file(b"chat", filename="c.pdf")["id"]
    generated = server.add_generated_file(b"gen", filename="g.png")["id"]
    version = server.add_artifact_version(b"# v", filename="v.md")
    site = str(server.add_code_artifact({"i.html": b"1", "j.js": b"2"}, version_ids=["s1"])["id"])
    single = str(server.add_code_artifact({"p.html": b"p"}, version_ids=["p1"])["id"])
    gone = str(server.add_code_artifact(b"x")["id"])
    project = server.add_project()
    server.add_project_file(project, b"pf", filename="pf.txt")
    document = server.add_project_document(project, "text", "doc.txt")["id"]

    def faulty_upload() -> None:
        server.inject(Fault.status(400), path="/v1/files", method="POST")

    def faulty_list() -> None:
        server.inject(Fault.status(403, error_type="permission_error"), path="/v1/files")

    calls: list[tuple[str, tuple[str, ...], Any]] = [
        ("files upload", ("a.txt", "b.txt", "-j", "1"), faulty_upload),
        ("files list", (), None),
        ("files list", (), faulty_list),
        ("files get", (file_id, "file_missing"), None),
        ("files download", (file_id, "file_missing", "-o", "out/"), None),
        ("files delete", (doomed, "file_missing"), None),
        ("compliance files get", (chat, "claude_file_missing"), None),
        ("compliance files download", (chat, "claude_file_missing", "-o", "out/"), None),
        ("compliance files delete", (chat, "claude_file_missing"), None),
        ("compliance generated-files get", (generated, "claude_gen_file_missing"), None),
        ("compliance generated-files download", (generated, "gen_missing", "-o", "out/"), None),
        ("compliance artifacts download", (version, "version_missing", "-o", "out/"), None),
        ("compliance code-artifacts list", (), None),
        ("compliance code-artifacts get", (site, "cart_missing"), None),
        ("compliance code-artifacts get", (single, "--version", "p1"), None),
        ("compliance code-artifacts download", (site, "cart_missing", "-o", "zips/"), None),
        ("compliance code-artifacts download", (site, "--extract", "-o", "site"), None),
        ("compliance code-artifacts delete", (gone, "cart_missing"), None),
        ("compliance projects attachments", (project,), None),
        ("compliance projects attachments", ("claude_proj_missing",), None),
        ("compliance project-documents get", (document, "claude_proj_doc_missing"), None),
        ("compliance project-documents download", (document, "doc_missing", "-o", "docs/"), None),
        ("compliance project-documents delete", (document, "claude_proj_doc_missing"), None),
        ("compliance projects export", (project, "claude_proj_missing", "-o", "export"), None),
    ]
    seen: dict[str, set[bool]] = {}
    for command, args, prepare in calls:
        if prepare is not None:
            prepare()
        result = run(*command.split(), *args, "--json")
        assert result.lines, (command, result.err)
        for line in result.json:
            check_line(line, command)
            seen.setdefault(command, set()).add(line["ok"])

    assert set(seen) == json_commands()
    # Each shows both kinds of line, but for a listing that never failed here.
    assert {c for c, kinds in seen.items() if kinds != {True, False}} == {
        "compliance code-artifacts list"
    }


def test_the_shape_is_in_the_help(run: Run) -> None:
    shown = run("--help").out
    assert '{"ok": true, "command": "files get", "id": "file_...", "file": {...}}' in shown
    for key in RESULT_KEYS:
        assert f'"{key}"' in shown
