"""Every error is a ClaudeFilesError, and bad input is also the builtin a caller expects.

Bad ids, a bad upload path and a destination that exists each raise a class of ours
that subclasses the builtin, so `except ClaudeFilesError` and `except ValueError` (...)
both catch it; nothing is sent. The tree drawn in `_errors`'s docstring names every class.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest

import claude_files as cf
from claude_files import _errors
from claude_files.testing import MockServer
from tests._support import async_client, sync_client

BAD_IDS = ["", "../x", "a/b", ".", "..", " ", "\t", "file_x\n", "file\rx", "a\x00b", "x\x7f"]
NOT_STR = [None, 42, b"file_x"]


def id_calls(client: Any) -> list[Any]:
    """One call per resource kind that takes an id, with the id as its only argument."""
    return [
        client.files.get,
        client.files.delete,
        client.files.download,
        lambda i: client.files.download_to_file(i, "unused"),
        client.compliance.files.get,
        client.compliance.generated_files.download,
        client.compliance.artifacts.download,
        client.compliance.code_artifacts.delete,
        client.compliance.code_artifacts.download,
        # version_id=None means "the artifact's content": a bad version is a bad str
        lambda i: client.compliance.code_artifacts.download(
            "cart_x", version_id=5 if i is None else i
        ),
    ]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_bad_id_is_an_invalid_id_error_and_a_value_error(
    mock_server: MockServer, bad: str
) -> None:
    mock_server.clear_requests()
    with sync_client(mock_server) as client:
        for call in id_calls(client):
            with pytest.raises(cf.InvalidIdError, match="is not a valid id") as info:
                call(bad)
            assert isinstance(info.value, ValueError)
            assert isinstance(info.value, cf.InvalidArgumentError)
            assert isinstance(info.value, cf.ClaudeFilesError)
    assert mock_server.requests == []


@pytest.mark.parametrize("bad", BAD_IDS)
async def test_a_bad_id_is_refused_by_the_async_client_too(
    mock_server: MockServer, bad: str
) -> None:
    mock_server.clear_requests()
    async with async_client(mock_server) as client:
        for call in id_calls(client):
            with pytest.raises(cf.InvalidIdError):
                await call(bad)
    assert mock_server.requests == []


@pytest.mark.parametrize("bad", NOT_STR)
def test_an_id_that_is_not_a_str_is_an_invalid_id_type_error(
    mock_server: MockServer, bad: Any
) -> None:
    mock_server.clear_requests()
    with sync_client(mock_server) as client:
        for call in id_calls(client):
            with pytest.raises(cf.InvalidIdTypeError, match="must be a str") as info:
                call(bad)
            assert isinstance(info.value, TypeError)
            assert isinstance(info.value, cf.ClaudeFilesError)
    assert mock_server.requests == []


def test_a_list_filter_of_bad_ids_is_refused(mock_server: MockServer) -> None:
    mock_server.clear_requests()
    with sync_client(mock_server) as client:
        with pytest.raises(cf.InvalidIdError):
            list(client.compliance.code_artifacts.list(user_ids=["user_1", "user_2\n"]))
        with pytest.raises(cf.InvalidTypeError):
            list(client.compliance.code_artifacts.list(user_ids="user_1"))
    assert mock_server.requests == []


def test_a_missing_upload_path_is_upload_file_not_found(
    mock_server: MockServer, tmp_path: Path
) -> None:
    mock_server.clear_requests()
    missing = tmp_path / "nope.txt"
    with sync_client(mock_server) as client, pytest.raises(cf.UploadFileNotFoundError) as info:
        client.files.upload(missing)
    assert isinstance(info.value, FileNotFoundError)
    assert isinstance(info.value, cf.ClaudeFilesError)
    assert info.value.path == missing
    assert str(missing) in str(info.value)
    assert "Errno" not in str(info.value)
    assert mock_server.requests == []


async def test_an_upload_path_that_is_a_folder_is_refused(
    mock_server: MockServer, tmp_path: Path
) -> None:
    mock_server.clear_requests()
    async with async_client(mock_server) as client:
        with pytest.raises(cf.UploadIsADirectoryError, match="is a folder") as info:
            await client.files.upload(tmp_path)
    assert isinstance(info.value, IsADirectoryError)
    assert isinstance(info.value, cf.ClaudeFilesError)
    assert mock_server.requests == []


def test_an_existing_destination_is_destination_exists(
    mock_server: MockServer, tmp_path: Path
) -> None:
    file_id = mock_server.add_file(b"new", filename="a.txt")["id"]
    dest = tmp_path / "a.txt"
    dest.write_bytes(b"old")
    with sync_client(mock_server) as client, pytest.raises(cf.DestinationExistsError) as info:
        client.files.download_to_file(file_id, dest)
    assert isinstance(info.value, FileExistsError)
    assert isinstance(info.value, cf.ClaudeFilesError)
    assert info.value.path == dest
    assert "overwrite=True" in str(info.value)
    assert dest.read_bytes() == b"old"


@pytest.mark.parametrize(
    "make",
    [
        lambda s: cf.Client(api_key="k", max_retries=-1),
        lambda s: cf.Client(api_key="k", max_download_bytes=-1),
        lambda s: cf.Client(api_key="k", api_version="1999-01-01"),
        lambda s: sync_client(s).files.download("file_x", max_bytes=-1),
        lambda s: sync_client(s).files.list(ids=["file_x"], limit=2),
        lambda s: sync_client(s).files.upload(b"x", expires_in=0),
        lambda s: sync_client(s).compliance.code_artifacts.list(limit=0),
        lambda s: sync_client(s).compliance.code_artifacts.download_to_file(
            "cart_x", "out", extract=True, overwrite=True
        ),
    ],
)
def test_a_bad_argument_is_an_invalid_argument_error(mock_server: MockServer, make: Any) -> None:
    with pytest.raises(cf.InvalidArgumentError) as info:
        make(mock_server)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "make",
    [
        lambda c: c.files.upload(("a.txt", "text, not bytes", None)),
        lambda c: c.files.upload(3.5),
        lambda c: c.files.upload(b"x", expires_in="soon"),
    ],
)
def test_a_bad_argument_type_is_an_invalid_type_error(mock_server: MockServer, make: Any) -> None:
    with sync_client(mock_server) as client, pytest.raises(cf.InvalidTypeError) as info:
        make(client)
    assert isinstance(info.value, TypeError)


def test_iterating_a_stream_the_wrong_way_is_an_invalid_type_error(mock_server: MockServer) -> None:
    file_id = mock_server.add_file(b"x")["id"]
    client = sync_client(mock_server)
    with client, client.files.download_stream(file_id) as stream:
        assert b"".join(stream) == b"x"
        with pytest.raises(cf.InvalidTypeError, match="use `for`"):
            stream.__aiter__()


def _error_classes() -> set[str]:
    return {
        name
        for name, value in vars(_errors).items()
        if inspect.isclass(value)
        and issubclass(value, cf.ClaudeFilesError)
        and not name.startswith("_")
        and value.__name__ == name  # not an alias (ContentTooLargeError)
    }


def test_the_tree_in_the_docstring_names_every_error_class() -> None:
    doc = _errors.__doc__ or ""
    drawn = set(re.findall(r"^[│├└─ ]*([A-Z]\w+Error)\b", doc, flags=re.MULTILINE))
    assert drawn == _error_classes()


def test_every_error_class_is_exported() -> None:
    missing = sorted(name for name in _error_classes() if getattr(cf, name, None) is None)
    assert missing == []
    assert set(_error_classes()) <= set(cf.__all__)
