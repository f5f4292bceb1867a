"""`claude-files compliance ...`: chat files, generated files and artifact versions."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from claude_files.testing import MockServer
from tests.cli.conftest import Run, leftovers


def test_chat_files_get_download_delete(run: Run, server: MockServer, tmp_path: Path) -> None:
    chat = server.add_chat_file(b"%PDF chat", filename="contract.pdf", mime_type="application/pdf")

    got = run("compliance", "files", "get", chat["id"], "--json")
    assert got.code == 0
    [record] = got.json
    assert record["file"]["filename"] == "contract.pdf"
    assert record["file"]["md5"] == hashlib.md5(b"%PDF chat").hexdigest()

    down = run("compliance", "files", "download", chat["id"], "-o", "hold/")
    assert down.code == 0, down.err
    assert (tmp_path / "hold" / "contract.pdf").read_bytes() == b"%PDF chat"

    gone = run("compliance", "files", "delete", chat["id"])
    assert gone.lines == [f"deleted {chat['id']}"]
    again = run("compliance", "files", "delete", chat["id"])
    assert again.code == 1
    assert "not_found_error" in again.err


def test_generated_files_get_and_download(run: Run, server: MockServer, tmp_path: Path) -> None:
    one = server.add_generated_file(b"chart 1", filename="chart.png", mime_type="image/png")
    two = server.add_generated_file(b"chart 2", filename="chart.png", mime_type="image/png")

    got = run("compliance", "generated-files", "get", one["id"])
    assert got.code == 0
    assert f"claude_chat_id\t{one['claude_chat_id']}" in got.lines

    down = run("compliance", "generated-files", "download", one["id"], two["id"], "-o", "gen")
    assert down.code == 0, down.err
    assert (tmp_path / "gen" / "chart.png").read_bytes() == b"chart 1"
    assert (tmp_path / "gen" / "chart (2).png").read_bytes() == b"chart 2"


def test_artifacts_take_the_servers_name_and_still_never_collide(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    named = server.add_artifact_version(b"# plan", filename="plan.md")
    twin = server.add_artifact_version(b"# other plan", filename="plan.md")
    bare = server.add_artifact_version(b"<svg/>", mime_type="image/svg+xml")

    down = run("compliance", "artifacts", "download", named, twin, bare, "-o", "art", "--json")
    assert down.code == 0, down.err
    paths = {d["id"]: Path(d["path"]) for d in down.json}
    assert paths[bare] == Path("art") / f"{bare}.svg"
    assert {paths[named].name, paths[twin].name} == {"plan.md", "plan (2).md"}
    assert (tmp_path / paths[named]).read_bytes() == b"# plan"
    assert (tmp_path / paths[twin]).read_bytes() == b"# other plan"
    assert leftovers(tmp_path / "art") == []

    refused = run("compliance", "artifacts", "download", bare, "-o", "art")
    assert refused.code == 1
    assert "already exists" in refused.err
    assert leftovers(tmp_path / "art") == []


@pytest.mark.parametrize(
    "args",
    [
        ("files", "get"),
        ("files", "download"),
        ("files", "delete"),
        ("generated-files", "get"),
        ("generated-files", "download"),
        ("artifacts", "download"),
    ],
)
def test_an_unknown_id_is_a_failed_item(
    run: Run, server: MockServer, args: tuple[str, ...]
) -> None:
    result = run("compliance", *args, "claude_nothing_here")
    assert result.code == 1
    assert "not_found_error" in result.err
    assert "request id req_" in result.err
