"""A destination means one thing, and it is checked before the transfer (issue 14.2).

- A folder is a path that exists as one, or one written with a trailing separator
  (`"out/"`); a `Path` that does not exist names a file. A missing folder is a
  DestinationNotFoundError before any request: the library does not create it.
- An explicit file that exists is refused before the request; in a folder, as soon as
  the response's headers name the file, before the body is read (proved with a body
  the server cuts off: reading it would fail differently, and be retried).
- A file that appears during the transfer is still not overwritten, and the error
  names the destination, never the temporary `.part` file.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

import claude_files as cf
from claude_files import _files
from claude_files.testing import Fault, MockServer
from tests._support import async_client, resource, sync_client

CONTENT = "/v1/files/*/content"
BIG = b"0123456789abcdef" * 256 * 1024  # 4 MiB


def call(flavor: str, server: MockServer, kind: str, *args: Any, **kwargs: Any) -> Path:
    """`<resource>.download_to_file(...)` through a sync or an async client."""
    if flavor == "sync":
        with sync_client(server) as client:
            path: Path = resource(client, kind).download_to_file(*args, **kwargs)
            return path

    async def run() -> Path:
        async with async_client(server) as aclient:
            found: Path = await resource(aclient, kind).download_to_file(*args, **kwargs)
            return found

    return asyncio.run(run())


def download_to_file(flavor: str, server: MockServer, *args: Any, **kwargs: Any) -> Path:
    return call(flavor, server, "files", *args, **kwargs)


def extract_to(flavor: str, server: MockServer, *args: Any, **kwargs: Any) -> Path:
    return call(flavor, server, "compliance.code_artifacts", *args, extract=True, **kwargs)


@pytest.fixture(params=["sync", "async"])
def flavor(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_a_trailing_separator_names_a_folder_that_must_exist(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    file_id = mock_server.add_file(b"data", filename="a.txt")["id"]
    mock_server.clear_requests()
    with pytest.raises(cf.DestinationNotFoundError, match="does not exist: create it") as info:
        download_to_file(flavor, mock_server, file_id, f"{tmp_path}/out/")
    assert isinstance(info.value, FileNotFoundError)
    assert info.value.path == tmp_path / "out"
    assert list(tmp_path.iterdir()) == []  # no file named `out`
    assert mock_server.requests == []


def test_a_trailing_separator_on_a_file_is_refused(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    file_id = mock_server.add_file(b"data", filename="a.txt")["id"]
    (tmp_path / "out").write_bytes(b"mine")
    with pytest.raises(cf.DestinationNotFoundError, match="is not a folder"):
        download_to_file(flavor, mock_server, file_id, f"{tmp_path}/out/", overwrite=True)
    assert (tmp_path / "out").read_bytes() == b"mine"


def test_an_existing_folder_with_a_trailing_separator_gets_the_servers_name(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    file_id = mock_server.add_file(b"data", filename="a.txt")["id"]
    (tmp_path / "out").mkdir()
    path = download_to_file(flavor, mock_server, file_id, f"{tmp_path}/out/")
    assert path == tmp_path / "out" / "a.txt"
    assert path.read_bytes() == b"data"


def test_a_path_that_does_not_exist_names_a_file(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    file_id = mock_server.add_file(b"data", filename="a.txt")["id"]
    path = download_to_file(flavor, mock_server, file_id, tmp_path / "downloads")
    assert path == tmp_path / "downloads"
    assert path.read_bytes() == b"data"


def test_a_missing_parent_folder_is_refused_before_the_request(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    file_id = mock_server.add_file(b"data")["id"]
    mock_server.clear_requests()
    with pytest.raises(cf.DestinationNotFoundError) as info:
        download_to_file(flavor, mock_server, file_id, tmp_path / "no" / "a.bin")
    assert info.value.path == tmp_path / "no"
    assert mock_server.requests == []


def test_an_existing_file_is_refused_before_the_request(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    file_id = mock_server.add_file(b"new")["id"]
    dest = tmp_path / "a.bin"
    dest.write_bytes(b"old")
    mock_server.clear_requests()
    with pytest.raises(cf.DestinationExistsError, match="pass overwrite=True to replace it"):
        download_to_file(flavor, mock_server, file_id, dest)
    assert mock_server.requests == []
    assert dest.read_bytes() == b"old"


def test_a_name_taken_in_the_folder_is_refused_before_the_body(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    file_id = mock_server.add_file(BIG, filename="big.bin")["id"]
    taken = tmp_path / "big.bin"
    taken.write_bytes(b"old")
    # Reading the body would end in IncompleteDownloadError after two retries.
    mock_server.inject(Fault.truncate(0), path=CONTENT, count=None)
    mock_server.clear_requests()
    with pytest.raises(cf.DestinationExistsError) as info:
        download_to_file(flavor, mock_server, file_id, tmp_path)
    message = str(info.value)
    assert message == f"{taken} exists: pass overwrite=True to replace it"
    assert info.value.path == taken
    assert len(mock_server.requests) == 1
    assert taken.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.bin"]  # no .part left


def test_overwrite_replaces_a_name_taken_in_the_folder(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    file_id = mock_server.add_file(b"new", filename="a.txt")["id"]
    (tmp_path / "a.txt").write_bytes(b"old")
    path = download_to_file(flavor, mock_server, file_id, tmp_path, overwrite=True)
    assert path == tmp_path / "a.txt"
    assert path.read_bytes() == b"new"


def test_a_file_that_appears_during_the_transfer_is_kept_and_named(
    mock_server: MockServer, tmp_path: Path, flavor: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_id = mock_server.add_file(b"new", filename="a.txt")["id"]
    dest = tmp_path / "a.txt"
    write = _files.AtomicFile.write

    def write_and_race(self: _files.AtomicFile, data: bytes) -> None:
        dest.write_bytes(b"someone else's")  # appears after the check at the headers
        write(self, data)

    monkeypatch.setattr(_files.AtomicFile, "write", write_and_race)
    with pytest.raises(cf.DestinationExistsError) as info:
        download_to_file(flavor, mock_server, file_id, tmp_path)
    assert str(info.value) == f"{dest} exists: pass overwrite=True to replace it"
    assert ".part" not in repr(info.value)
    assert info.value.__cause__ is None
    assert dest.read_bytes() == b"someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# extract=True: the same rule for the folder it makes ------------------------------------


def _multi(server: MockServer) -> str:
    made = server.add_code_artifact(
        {"index.html": b"<h1>site</h1>", "js/app.js": b"1" * 100_000}, version_ids=["v1"]
    )
    return str(made["id"])


def test_extract_refuses_a_taken_folder_name_before_the_body(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    artifact_id = _multi(mock_server)
    taken = tmp_path / f"{artifact_id}-v1"
    taken.mkdir()
    mock_server.inject(Fault.truncate(0), path="/v1/compliance/**", count=None)
    mock_server.clear_requests()
    with pytest.raises(cf.DestinationExistsError, match="remove it or choose another") as info:
        extract_to(flavor, mock_server, artifact_id, tmp_path)
    assert info.value.path == taken
    assert len(mock_server.requests) == 1
    assert list(taken.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [taken.name]


def test_extract_into_a_missing_folder_written_as_one_is_refused(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    artifact_id = _multi(mock_server)
    mock_server.clear_requests()
    with pytest.raises(cf.DestinationNotFoundError):
        extract_to(flavor, mock_server, artifact_id, f"{tmp_path}/site/")
    assert mock_server.requests == []
    assert list(tmp_path.iterdir()) == []


def test_extract_into_a_new_folder_still_works(
    mock_server: MockServer, tmp_path: Path, flavor: str
) -> None:
    artifact_id = _multi(mock_server)
    folder = extract_to(flavor, mock_server, artifact_id, tmp_path / "site")
    assert folder == tmp_path / "site"
    assert (folder / "index.html").read_bytes() == b"<h1>site</h1>"
