"""The README's Python examples run as written, against the mock server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claude_files.testing import MockServer

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
BLOCKS = {
    section.split("\n", 1)[0]: match.group(1)
    for section in README.split("\n## ")[1:]
    if (match := re.search(r"```python\n(.*?)```", section, re.S))
}
FILE_ID = "file_011CNha8iCJcU1wXNR6q4V8w"


def test_the_readme_has_the_three_examples() -> None:
    assert set(BLOCKS) == {
        "Quickstart: the client",
        "Testing your own code: the mock server",
        "Quickstart: the generated client",
    }


def test_client_quickstart(
    mock_server: MockServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    content = bytes(range(256)) * 16
    mock_server.add_file(content, filename="chart.png", mime_type="image/png", id=FILE_ID)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ANTHROPIC_API_KEY", mock_server.api_key)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", mock_server.base_url)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7 a report")
    (tmp_path / "downloads").mkdir()
    namespace: dict[str, object] = {}
    exec(BLOCKS["Quickstart: the client"], namespace)
    assert (tmp_path / "downloads" / "chart.png").read_bytes() == content
    assert namespace["size"] == len(content)
    out = capsys.readouterr().out
    assert f"{FILE_ID} chart.png {len(content)} None" in out
    assert "report.pdf" in out
    assert f"{len(content)} bytes is over the 1024 byte cap" in out
    deletes = [r for r in mock_server.requests if r.method == "DELETE"]
    assert len(deletes) == 1


def test_mock_server_example() -> None:
    exec(BLOCKS["Testing your own code: the mock server"], {})


def test_generated_client_quickstart(
    mock_server: MockServer, capsys: pytest.CaptureFixture[str]
) -> None:
    mock_server.add_file(b"%PDF", filename="document.pdf", mime_type="application/pdf", id=FILE_ID)
    code = BLOCKS["Quickstart: the generated client"].replace(
        '"https://api.anthropic.com"', repr(mock_server.base_url)
    )
    exec(code, {"api_key": mock_server.api_key})
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("document.pdf 4 ")
    assert out[1] == "None {}"
