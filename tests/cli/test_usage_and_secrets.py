"""Keys, usage errors and exit codes, --help, and the terminal's tables."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from claude_files import safe_filename
from claude_files.cli import _output
from claude_files.cli._app import Size
from claude_files.cli._layout import wrap_words
from claude_files.cli._names import NamePlanner, numbered
from claude_files.cli._output import Redactor, human_size
from claude_files.testing import MockServer
from tests.cli.conftest import Run


@pytest.mark.parametrize(
    ("args", "variable"),
    [
        (("files", "list"), "ANTHROPIC_API_KEY"),
        (("files", "download", "file_x"), "ANTHROPIC_API_KEY"),
        (("compliance", "files", "get", "claude_file_x"), "ANTHROPIC_COMPLIANCE_API_KEY"),
        (("compliance", "artifacts", "download", "v"), "ANTHROPIC_COMPLIANCE_API_KEY"),
    ],
)
def test_a_missing_key_is_one_line_naming_the_variable(
    run: Run,
    server: MockServer,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    variable: str,
) -> None:
    monkeypatch.delenv(variable)
    result = run(*args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert variable in result.err
    assert "Traceback" not in result.err
    assert server.requests == []


def test_verbose_leaves_the_logger_as_it_found_it(run: Run, server: MockServer) -> None:
    """main() may run many times in one process (a test suite, an embedding app):
    --verbose must not leave the `claude_files` logger at DEBUG with a handler."""
    logger = logging.getLogger("claude_files")
    before = (logger.level, list(logger.handlers))
    assert run("files", "list", "--verbose").code == 0
    assert (logger.level, list(logger.handlers)) == before


def test_the_key_is_never_printed_even_when_verbose(
    run: Run, server: MockServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    file_id = server.add_file(b"data", filename="d.txt")["id"]
    good = server.api_key
    bad = "sk-ant-api03-WRONG-" + "x" * 40
    results = [
        run("files", "list", "--verbose"),
        run("files", "download", file_id, "missing", "-o", "out", "-v"),
        run("files", "get", file_id, "--verbose", "--json", "--api-key", bad),
        run("files", "list", "-v", f"--api-key={bad}"),
    ]
    assert [r.code for r in results] == [0, 1, 1, 1]
    assert "authentication_error" in results[2].err
    assert "-> GET " in results[0].err  # --verbose does log the requests
    for result in results:
        for key in (good, bad, server.compliance_api_key):
            assert key not in result.out
            assert key not in result.err


def test_redactor_removes_every_known_key() -> None:
    redact = Redactor(["sk-secret-1", None, "", "sk-secret-1-longer"])
    assert redact("a sk-secret-1-longer b sk-secret-1 c") == "a [redacted] b [redacted] c"


@pytest.mark.parametrize(
    "args",
    [
        ("nonsense",),
        ("files", "download"),
        ("files", "upload", "no/such/file"),
        ("files", "download", "file_x", "-j", "0"),
        ("files", "list", "--after", "a", "--before", "b"),
        ("files", "list", "--limit", "0"),
        ("files", "download", "file_x", "--max-size", "lots"),
    ],
)
def test_usage_errors_exit_2_without_a_request(
    run: Run, server: MockServer, args: tuple[str, ...]
) -> None:
    result = run(*args)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert server.requests == []


def test_stdout_is_not_a_download_target(run: Run, server: MockServer) -> None:
    result = run("files", "download", "file_a", "-o", "-")
    assert result.code == 2
    assert server.requests == []


def test_several_ids_into_an_existing_file_is_a_usage_error(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    (tmp_path / "taken").write_bytes(b"keep")
    result = run("files", "download", "file_a", "file_b", "-o", "taken")
    assert result.code == 2
    assert "several ids need a folder" in result.err
    assert (tmp_path / "taken").read_bytes() == b"keep"


def test_help_documents_the_exit_codes(run: Run) -> None:
    full = run("--help")
    assert full.code == 0
    block = full.out[full.out.index("Exit codes:") :]
    for code in ("0    everything done", "1    some item failed", "2    usage error", "130"):
        assert code in block
    for variable in ("ANTHROPIC_API_KEY", "ANTHROPIC_COMPLIANCE_API_KEY", "ANTHROPIC_BASE_URL"):
        assert variable in block
    leaf = run("files", "download", "--help")
    assert leaf.code == 0
    assert "Exit codes: 0 everything done, 1 some item failed" in leaf.out


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.startswith("claude-files, version ")


def test_tables_on_a_terminal(
    run: Run, server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_id = server.add_file(b"x" * 2048, filename="table.txt")["id"]
    monkeypatch.setattr(_output, "_is_tty", lambda stream: True)
    monkeypatch.setenv("COLUMNS", "120")  # room for a table (80: see test_listing_fits)
    listing = run("files", "list")
    assert listing.code == 0
    header = listing.lines[0]
    for column in ("ID", "FILENAME", "SIZE", "MIME TYPE", "CREATED"):
        assert column in header
    assert any(file_id in line and "2.0 kB" in line for line in listing.lines)
    assert "1 file" in listing.err
    got = run("files", "get", file_id)
    assert got.lines[0].strip() == f"file {file_id}"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\evil.exe", "evil.exe"),
        ("new\nline\x00.txt", "newline.txt"),
        ('what?: "a|b".txt', "what__ _a_b_.txt"),
        (".bashrc", "bashrc"),
        ("..", "file_1"),
        ("", "file_1"),
        (None, "file_1"),
        ("x" * 300 + ".pdf", "x" * 251 + ".pdf"),
    ],
)
def test_safe_filename(name: str | None, safe: str) -> None:
    assert safe_filename(name, "file_1") == safe


def test_numbered_names_keep_the_extension() -> None:
    assert numbered("report.pdf", 2) == "report (2).pdf"
    assert numbered("README", 3) == "README (3)"
    assert numbered("archive.tar.gz", 2) == "archive.tar (2).gz"


def test_planner_hands_out_each_name_once(tmp_path: Path) -> None:
    planner = NamePlanner(tmp_path)
    claimed = [planner.claim(n) for n in ("a.txt", "A.TXT", "a.txt", "a (2).txt")]
    assert [p.name for p in claimed] == ["a.txt", "A (2).TXT", "a (3).txt", "a (2) (2).txt"]


@pytest.mark.parametrize(
    ("text", "size"),
    [("1000", 1000), ("500k", 500_000), ("10MB", 10_000_000), ("1GiB", 1 << 30), ("1.5kb", 1500)],
)
def test_size_option(text: str, size: int) -> None:
    assert Size().convert(text, None, None) == size


def test_human_size() -> None:
    assert [human_size(n) for n in (None, 999, 1000, 52_428_800)] == [
        "?",
        "999 B",
        "1.0 kB",
        "52.4 MB",
    ]


def test_a_trailing_slash_on_a_file_is_a_usage_error(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    (tmp_path / "out").write_bytes(b"keep")
    for target in ("out/", "out/deeper/"):
        result = run("files", "download", "file_a", "-o", target)
        assert result.code == 2, target
        assert "Traceback" not in result.err
        assert "internal error" not in result.err
        assert result.err.startswith(f"claude-files: error: -o {target}: ")
    assert (tmp_path / "out").read_bytes() == b"keep"
    assert server.requests == []


def test_a_file_in_a_missing_folder_is_a_usage_error(
    run: Run, server: MockServer, tmp_path: Path
) -> None:
    result = run("files", "download", "file_a", "-o", "nowhere/copy.bin")
    assert result.code == 2
    assert "no folder nowhere/ to put this file in" in result.err
    assert server.requests == []
    assert list(tmp_path.iterdir()) == []


def test_what_o_names(run: Run, server: MockServer, tmp_path: Path) -> None:
    one = server.add_file(b"one", filename="one.txt")["id"]
    two = server.add_file(b"two", filename="two.txt")["id"]
    three = server.add_file(b"three", filename="three.txt")["id"]
    assert run("files", "download", one, "-o", "new/deeper/").code == 0
    assert (tmp_path / "new" / "deeper" / "one.txt").read_bytes() == b"one"
    assert run("files", "download", one, "-o", "plain").code == 0
    assert (tmp_path / "plain").read_bytes() == b"one"  # one id, no slash: the file
    assert run("files", "download", one, two, "-o", "both").code == 0
    assert sorted(p.name for p in (tmp_path / "both").iterdir()) == ["one.txt", "two.txt"]
    assert run("files", "download", three, "-o", "both").code == 0  # an existing folder
    assert (tmp_path / "both" / "three.txt").read_bytes() == b"three"


LISTED = [
    ("quarterly-report_2024 final version.pdf", "application/pdf"),
    ("notes.md", "text/markdown"),
    ("budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("a very long name for a scanned contract with its appendices.pdf", "application/pdf"),
]


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("mime_types", ["short", "long"])
def test_listing_fits_the_terminal(
    run: Run, server: MockServer, monkeypatch: pytest.MonkeyPatch, columns: int, mime_types: str
) -> None:
    listed = LISTED if mime_types == "long" else [e for e in LISTED if len(e[1]) < 20]
    ids = [server.add_file(b"x", filename=n, mime_type=m)["id"] for n, m in listed]
    monkeypatch.setattr(_output, "_is_tty", lambda stream: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run("files", "list")
    assert result.code == 0, result.err
    assert all(len(line) <= columns for line in result.lines)
    text = "\n".join(result.lines)
    for (name, mime), file_id in zip(listed, ids, strict=True):
        assert any(file_id in line for line in result.lines)
        assert any(mime in line for line in result.lines), mime  # whole, on one line
        for word in re.findall(r"[A-Za-z0-9]+", name):  # no word broken across lines
            assert re.search(rf"(?<![A-Za-z0-9]){word}(?![A-Za-z0-9])", text), word
    if columns == 120 and mime_types == "short":
        assert result.lines[0].split() == ["ID", "FILENAME", "SIZE", "CREATED", "MIME", "TYPE"]


def test_wrap_words_breaks_only_between_words() -> None:
    assert wrap_words("quarterly-report_2024 final.pdf", 12) == [
        "quarterly-",
        "report_2024",
        "final.pdf",
    ]
    assert wrap_words("short", 12) == ["short"]
    assert wrap_words("", 12) == [""]
    assert wrap_words("abcdefghijklmnop", 6) == ["abcdef", "ghijkl", "mnop"]  # no choice
