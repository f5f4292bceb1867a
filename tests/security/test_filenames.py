"""A server-chosen filename cannot escape the download folder.

`download_to_file(id, folder)` names the file from `Content-Disposition`. Whatever that
header says (`../`, absolute paths, backslashes, NUL, RFC 5987 `filename*` encoding
`%2e%2e%2f`, a name over 255 bytes), the file lands directly in the folder, nothing is
written anywhere else, and the parsing helpers never raise.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claude_files import Client
from claude_files._downloads import filename_from_disposition
from claude_files._files import safe_filename
from claude_files.testing import Fault, MockServer
from tests._support import CONTENT_PATH, client_kwargs

NAMES = [
    "../../../../etc/passwd",
    "..",
    ".",
    "...",
    "/etc/passwd",
    "C:\\Windows\\System32\\evil.dll",
    "..\\..\\evil",
    "a/../../b",
    "evil\x00.txt",
    "new\nline",
    ".bashrc",
    " ",
    "",
    "\u202egpj.exe",
    "x" * 400,
    "é" * 200,
    "%2e%2e%2fescape",
    "con",
]

NAME = st.one_of(st.sampled_from(NAMES), st.text(max_size=40))


def dispositions(name: str) -> list[str]:
    """The ways a server could send `name`."""
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    return [
        f'attachment; filename="{quoted}"',
        f"attachment; filename*=utf-8''{quote(name, safe='')}",
        f"attachment; filename*=UTF-8''{quote(name, safe='./')}",
        f"attachment; filename=\"safe.txt\"; filename*=utf-8''{quote(name, safe='')}",
        f"attachment; filename={name}",
        f"inline; filename*=iso-8859-1'en'{quote(name.encode('utf-8', 'replace'), safe='')}",
    ]


DISPOSITION = st.one_of(
    NAME.flatmap(lambda n: st.sampled_from(dispositions(n))),
    st.text(max_size=80),
    st.sampled_from(["attachment; filename*=utf-8''%ff%fe", "attachment; filename*=bogus''x"]),
)


def inside(folder: Path, name: str) -> bool:
    path = folder / name
    return path.parent == folder and path.resolve().parent == folder.resolve()


def assert_safe(name: str | None) -> None:
    if name is None:
        return
    assert name not in ("", ".", "..")
    assert not name.startswith(".")
    assert "/" not in name
    assert "\\" not in name
    assert "\x00" not in name
    assert all(ord(c) >= 32 and c != "\x7f" for c in name)
    assert len(os.fsencode(name)) <= 255


@settings(max_examples=400, deadline=None)
@given(value=DISPOSITION)
@example(value="attachment; filename*=utf-8''%2e%2e%2f%2e%2e%2fetc%2fpasswd")
def test_parsing_any_disposition_gives_a_safe_name_or_none(value: str) -> None:
    name = filename_from_disposition(value)
    assert name is None or isinstance(name, str)
    assert_safe(safe_filename(name))


@settings(max_examples=400, deadline=None)
@given(name=st.one_of(st.none(), NAME, st.text()))
def test_safe_filename_keeps_a_name_in_its_folder(name: str | None) -> None:
    safe = safe_filename(name)
    assert_safe(safe)
    if safe is not None:
        assert inside(Path("/downloads"), safe)


#: What a download falls back to is the id the user typed, one the client accepts.
VALID_IDS = st.text(min_size=1, max_size=30).filter(lambda s: s not in (".", "..") and "/" not in s)


@settings(max_examples=400, deadline=None)
@given(name=st.one_of(st.none(), NAME, st.text()), fallback=VALID_IDS)
def test_the_id_fallback_is_made_safe_too(name: str | None, fallback: str) -> None:
    safe = safe_filename(name, fallback)
    assert_safe(safe)
    if safe is not None:
        assert inside(Path("/downloads"), safe)


def test_the_id_is_the_fallback_and_is_made_safe_too(tmp_path: Path) -> None:
    assert safe_filename("file_011C") == "file_011C"
    assert safe_filename("..") is None


# Through a download: the header as a transport delivers it ---------------------------------


def download_named(tmp_path: Path, disposition: str) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"payload", headers={"content-disposition": disposition})

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        Client(api_key="k", base_url="http://api.test", http_client=http) as client,
    ):
        return client.files.download_to_file("file_abc", folder)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(value=DISPOSITION.filter(lambda v: v.isprintable() and v.isascii()))
def test_a_hostile_header_cannot_place_the_file_elsewhere(
    tmp_path_factory: pytest.TempPathFactory, value: str
) -> None:
    tmp_path = tmp_path_factory.mktemp("dl")
    path = download_named(tmp_path, value)
    folder = tmp_path / "downloads"
    assert path.parent == folder
    assert path.read_bytes() == b"payload"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "downloads",
        f"downloads/{path.name}",
    ]
    assert_safe(path.name)


@pytest.mark.parametrize(
    "value",
    [d for n in NAMES if n.isprintable() and n.isascii() for d in dispositions(n)[:2]],
)
def test_the_mock_servers_hostile_header(server: MockServer, tmp_path: Path, value: str) -> None:
    """`Fault.header` on the real wire (it adds to the mock's own header)."""
    file_id = server.add_file(b"payload", filename="ok.bin")["id"]
    server.inject(Fault.header("content-disposition", value), path=CONTENT_PATH)
    folder = tmp_path / "downloads"
    folder.mkdir()
    with Client(**client_kwargs(server)) as client:
        path = client.files.download_to_file(file_id, folder)
    assert path.parent == folder
    assert_safe(path.name)
    assert [p.name for p in tmp_path.iterdir()] == ["downloads"]
    assert [p.name for p in folder.iterdir()] == [path.name]


@pytest.mark.parametrize("name", ["../../escape.txt", "..", "/etc/passwd", "a\\..\\b"])
def test_the_mocks_own_filename_is_kept_inside(
    server: MockServer, tmp_path: Path, name: str
) -> None:
    file_id = server.add_file(b"payload", filename=name)["id"]
    with Client(**client_kwargs(server)) as client:
        path = client.files.download_to_file(file_id, tmp_path)
    assert path.parent == tmp_path
    assert_safe(path.name)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
