"""Every download mode (bytes, file, stream), sync and async, against the mock's faults."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from claude_files import (
    APIConnectionError,
    APIStatusError,
    AsyncClient,
    ChecksumMismatchError,
    Client,
    FileExpiredError,
    FileNotDownloadableError,
    FileTooLargeError,
    IncompleteDownloadError,
    NotFoundError,
    RequestTooLargeError,
    ServiceUnavailableError,
)
from claude_files._files import AtomicFile
from claude_files.testing import Fault, MockServer

from .conftest import Transfer, client_kwargs

CONTENT = bytes(range(256)) * 1000  # 256 000 bytes: several chunks
CONTENT_MD5 = base64.b64encode(hashlib.md5(CONTENT).digest()).decode()
CONTENT_PATH = "/v1/files/*/content"


@pytest.fixture
def file_id(mock_server: MockServer) -> str:
    return str(mock_server.add_file(CONTENT, filename="data.bin")["id"])


def content_requests(server: MockServer) -> int:
    return sum(r.path.endswith("/content") for r in server.requests)


def test_each_resource_kind(transfer: Transfer, mock_server: MockServer) -> None:
    items = {
        "files": mock_server.add_file(b"files api")["id"],
        "compliance.files": mock_server.add_chat_file(b"chat file")["id"],
        "compliance.generated_files": mock_server.add_generated_file(b"generated")["id"],
        "compliance.artifacts": mock_server.add_artifact_version(b"# artifact"),
    }
    got = {resource: transfer(resource, item) for resource, item in items.items()}
    assert got == {
        "files": b"files api",
        "compliance.files": b"chat file",
        "compliance.generated_files": b"generated",
        "compliance.artifacts": b"# artifact",
    }


RETRIED_ONCE = {
    "disconnect": Fault.disconnect(),
    "truncate": Fault.truncate(70_000),
    "truncate-0": Fault.truncate(0),
    "503": Fault.status(503),
    "non-json-502": Fault.non_json(502),
    "429": Fault.status(429, retry_after="3"),
}


@pytest.mark.parametrize("fault", RETRIED_ONCE.values(), ids=RETRIED_ONCE.keys())
def test_one_failure_is_retried_without_duplicated_bytes(
    transfer: Transfer, mock_server: MockServer, file_id: str, fault: Fault
) -> None:
    mock_server.inject(fault, path=CONTENT_PATH)
    assert transfer("files", file_id) == CONTENT
    assert content_requests(mock_server) == 2
    assert len(transfer.sleeps) == 1
    assert transfer.leftovers() == []


def test_retry_after_is_obeyed(transfer: Transfer, mock_server: MockServer, file_id: str) -> None:
    mock_server.inject(Fault.status(429, retry_after="3"), path=CONTENT_PATH)
    transfer("files", file_id)
    assert transfer.sleeps == [3.0]


@pytest.mark.parametrize(
    ("faults", "error"),
    [
        ([Fault.disconnect()], APIConnectionError),
        ([Fault.truncate(70_000)], IncompleteDownloadError),
        ([Fault.truncate(70_000), Fault.chunked()], IncompleteDownloadError),
        ([Fault.lying_length(5)], IncompleteDownloadError),
        ([Fault.status(503)], ServiceUnavailableError),
    ],
    ids=["disconnect", "truncate", "chunked-cut", "lying-length", "503"],
)
def test_persistent_failures_raise_after_the_retries(
    transfer: Transfer,
    mock_server: MockServer,
    file_id: str,
    faults: list[Fault],
    error: type[Exception],
) -> None:
    for fault in faults:
        mock_server.inject(fault, path=CONTENT_PATH, count=None)
    with pytest.raises(error):
        transfer("files", file_id)
    assert content_requests(mock_server) == 3  # max_retries=2
    assert len(transfer.sleeps) == 2
    assert transfer.leftovers() == []


@pytest.mark.parametrize(
    ("fault", "error", "says"),
    [
        (Fault.wrong_md5(), ChecksumMismatchError, f"body hashes to {CONTENT_MD5}"),
        (Fault.non_json(413), RequestTooLargeError, "413 <html> <head><title>502 Bad Gateway"),
        (
            Fault.status(503, should_retry=False),
            ServiceUnavailableError,
            "503 api_error: Injected fault: 503",
        ),
    ],
    ids=["wrong-md5", "non-json-413", "x-should-retry-false"],
)
def test_failures_that_are_not_retried(
    transfer: Transfer,
    mock_server: MockServer,
    file_id: str,
    fault: Fault,
    error: type[Exception],
    says: str,
) -> None:
    mock_server.inject(fault, path=CONTENT_PATH)
    with pytest.raises(error) as caught:
        transfer("files", file_id)
    assert content_requests(mock_server) == 1
    assert transfer.sleeps == []
    assert transfer.leftovers() == []
    message = str(caught.value)
    assert says in message  # what went wrong, from the body received or the server's words
    if isinstance(caught.value, APIStatusError):
        assert f"[request-id {caught.value.request_id}]" in message


def test_x_should_retry_true_retries_a_400(
    transfer: Transfer, mock_server: MockServer, file_id: str
) -> None:
    mock_server.inject(Fault.status(400, should_retry=True), path=CONTENT_PATH)
    assert transfer("files", file_id) == CONTENT
    assert content_requests(mock_server) == 2


@pytest.mark.parametrize(
    "fault", [Fault.chunked(), Fault.slow(50_000_000)], ids=["chunked", "slow"]
)
def test_harmless_variations(
    transfer: Transfer, mock_server: MockServer, file_id: str, fault: Fault
) -> None:
    mock_server.inject(fault, path=CONTENT_PATH)
    assert transfer("files", file_id) == CONTENT


def test_a_non_json_error_page_gives_its_text(
    transfer: Transfer, mock_server: MockServer, file_id: str
) -> None:
    mock_server.inject(Fault.non_json(413, body="<html>Too big, says the CDN</html>"))
    with pytest.raises(RequestTooLargeError, match="Too big, says the CDN"):
        transfer("files", file_id)


@pytest.mark.parametrize(
    ("cap", "faults", "size"),
    [
        (len(CONTENT), [], None),
        (len(CONTENT) - 1, [], len(CONTENT)),
        (len(CONTENT) - 1, [Fault.chunked()], -1),
        (len(CONTENT) + 2, [Fault.lying_length(5)], len(CONTENT) + 5),
    ],
    ids=["size=cap", "cap+1", "no-length", "lying-length"],
)
def test_caps(
    transfer: Transfer,
    mock_server: MockServer,
    file_id: str,
    cap: int,
    faults: list[Fault],
    size: int | None,
) -> None:
    for fault in faults:
        mock_server.inject(fault, path=CONTENT_PATH)
    if size is None:
        assert transfer("files", file_id, max_bytes=cap) == CONTENT
        return
    with pytest.raises(FileTooLargeError) as caught:
        transfer("files", file_id, max_bytes=cap)
    assert caught.value.limit == cap
    assert caught.value.size == (None if size == -1 else size)
    assert transfer.leftovers() == []
    assert content_requests(mock_server) == 1  # not retried


def test_an_uncapped_download_does_not_trust_a_huge_length_with_memory(
    mock_server: MockServer, file_id: str
) -> None:
    mock_server.inject(Fault.lying_length(1 << 50), path=CONTENT_PATH, count=None)
    kwargs = client_kwargs(mock_server, max_download_bytes=None, max_retries=0)
    with Client(**kwargs) as client, pytest.raises(IncompleteDownloadError) as caught:
        client.files.download(file_id)  # a MemoryError if 1 PiB were allocated up front
    assert caught.value.received == len(CONTENT)


def test_the_client_cap_is_the_default(mock_server: MockServer, file_id: str) -> None:
    with Client(**client_kwargs(mock_server, max_download_bytes=10)) as c:
        with pytest.raises(FileTooLargeError):
            c.files.download(file_id)
        assert c.files.download(file_id, max_bytes=len(CONTENT)) == CONTENT
        with pytest.raises(ValueError, match="max_bytes"):
            c.files.download(file_id, max_bytes=-1)


def test_the_client_cap_guards_memory_not_disk(
    mock_server: MockServer, file_id: str, tmp_path: Path
) -> None:
    with Client(**client_kwargs(mock_server, max_download_bytes=10)) as c:
        assert c.files.download_to_file(file_id, tmp_path / "a.bin").read_bytes() == CONTENT
        with c.files.download_stream(file_id) as stream:
            assert b"".join(stream) == CONTENT
        with pytest.raises(FileTooLargeError):
            c.files.download_to_file(file_id, tmp_path / "b.bin", max_bytes=10)
        with pytest.raises(FileTooLargeError), c.files.download_stream(file_id, max_bytes=10):
            pass
    assert sorted(os.listdir(tmp_path)) == ["a.bin"]


def test_typed_errors_for_missing_expired_and_undownloadable_files(
    transfer: Transfer, mock_server: MockServer
) -> None:
    with pytest.raises(NotFoundError):
        transfer("files", "file_missing")
    expiring = mock_server.add_file(b"soon gone", expires_in_seconds=3600)["id"]
    assert transfer("files", expiring) == b"soon gone"
    mock_server.advance(3601)
    with pytest.raises(FileExpiredError) as expired:
        transfer("files", expiring)
    assert expired.value.error_code == "file_expired"
    locked = mock_server.add_file(b"user upload", downloadable=False)["id"]
    mock_server.uploaded_files_downloadable = False
    with pytest.raises(FileNotDownloadableError):
        transfer("files", locked)
    assert transfer.leftovers() == []


# download_to_file ----------------------------------------------------------------------


def test_an_existing_dest_is_refused_before_any_request(
    client: Client, mock_server: MockServer, file_id: str, tmp_path: Path
) -> None:
    dest = tmp_path / "keep.bin"
    dest.write_bytes(b"old")
    with pytest.raises(FileExistsError):
        client.files.download_to_file(file_id, dest)
    assert content_requests(mock_server) == 0
    assert client.files.download_to_file(file_id, dest, overwrite=True).read_bytes() == CONTENT


def test_a_failure_leaves_an_existing_file_untouched(
    client: Client, mock_server: MockServer, file_id: str, tmp_path: Path
) -> None:
    dest = tmp_path / "keep.bin"
    dest.write_bytes(b"old")
    mock_server.inject(Fault.wrong_md5(), path=CONTENT_PATH)
    with pytest.raises(ChecksumMismatchError):
        client.files.download_to_file(file_id, dest, overwrite=True)
    assert dest.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["keep.bin"]


@pytest.mark.parametrize(
    ("server_name", "saved_as"),
    [("report.pdf", "report.pdf"), ("../../evil.sh", "evil.sh"), ("naïve €.txt", "naïve €.txt")],
)
def test_a_directory_dest_uses_the_servers_name_made_safe(
    client: Client, mock_server: MockServer, tmp_path: Path, server_name: str, saved_as: str
) -> None:
    chat_id = mock_server.add_chat_file(b"x", filename=server_name)["id"]
    path = client.compliance.files.download_to_file(chat_id, tmp_path)
    assert path == tmp_path / saved_as
    assert os.listdir(tmp_path) == [saved_as]


def test_a_downloaded_file_gets_the_mode_of_any_new_file(
    client: Client, file_id: str, tmp_path: Path
) -> None:
    umask = os.umask(0o027)
    try:
        path = client.files.download_to_file(file_id, tmp_path / "out.bin")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o640  # 0666 less the umask, not mkstemp's 0600


def test_a_missing_directory_is_an_error_before_any_request(
    client: Client, mock_server: MockServer, file_id: str, tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError):
        client.files.download_to_file(file_id, tmp_path / "no" / "such.bin")
    assert content_requests(mock_server) == 0


async def test_cancelling_an_async_download_mid_body_leaves_nothing(
    aclient: AsyncClient,
    mock_server: MockServer,
    file_id: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Async writes go to disk a MiB at a time: a body of 3 MiB at 2 MB/s has written
    # its first batch, and not its last, after about half a second.
    first_write = threading.Event()
    write = AtomicFile.write

    def write_and_tell(self: AtomicFile, data: bytes) -> None:
        write(self, data)
        first_write.set()

    monkeypatch.setattr(AtomicFile, "write", write_and_tell)
    big_id = mock_server.add_file(CONTENT * 13, filename="big.bin")["id"]
    mock_server.inject(Fault.slow(2_000_000), path=CONTENT_PATH)
    dest = tmp_path / "out.bin"
    task = asyncio.create_task(aclient.files.download_to_file(big_id, dest))
    assert await asyncio.to_thread(first_write.wait, 30), "the download never started writing"
    assert [n.endswith(".part") for n in os.listdir(tmp_path)] == [True]  # mid-body
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert os.listdir(tmp_path) == []


# download_stream -----------------------------------------------------------------------


def test_stream_raises_on_entering_not_at_the_first_chunk(client: Client) -> None:
    manager = client.files.download_stream("file_missing")
    with pytest.raises(NotFoundError), manager:
        pytest.fail("the block must not run")


def test_stream_reports_headers_and_can_stop_early(
    client: Client, mock_server: MockServer, file_id: str
) -> None:
    with client.files.download_stream(file_id) as stream:
        assert (stream.content_length, stream.filename) == (len(CONTENT), "data.bin")
        first = next(iter(stream))
    assert CONTENT.startswith(first)
    assert client.files.download(file_id) == CONTENT  # the connection was given back


def test_stream_raises_at_the_end_when_the_body_was_short(
    client: Client, mock_server: MockServer, file_id: str
) -> None:
    mock_server.inject(Fault.truncate(100_000), path=CONTENT_PATH, count=None)
    received = bytearray()

    def consume() -> None:
        with client.files.download_stream(file_id) as stream:
            for chunk in stream:
                received.extend(chunk)

    with pytest.raises(IncompleteDownloadError) as caught:
        consume()
    assert bytes(received) == CONTENT[:100_000]  # retries added nothing twice
    assert caught.value.received == 100_000


def test_download_peaks_at_the_files_size(client: Client, mock_server: MockServer) -> None:
    size = 64 * 1024 * 1024  # chunks in flight (up to 512 KiB each) stay well within 10%
    file_id = mock_server.add_file(os.urandom(1024) * (size // 1024))["id"]
    client.files.download(file_id, max_bytes=size)  # warm up: connection, caches
    tracemalloc.start()
    try:
        data = client.files.download(file_id, max_bytes=size)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(data) == size
    assert peak < size * 1.1  # one buffer: the growth of a second copy would be 2x


def test_the_background_hash_thread_ends_with_the_download(
    client: Client, mock_server: MockServer, file_id: str
) -> None:
    def hashers() -> list[str]:
        return [t.name for t in threading.enumerate() if t.name == "claude-files-md5"]

    during: list[tuple[str, ...]] = []  # the hash workers alive at each chunk

    def stream(stop_after: int | None = None, **kwargs: Any) -> bytes:
        during.clear()
        received = bytearray()
        with client.files.download_stream(file_id, **kwargs) as body:
            for chunk in body:
                during.append(tuple(hashers()))
                received.extend(chunk)
                if len(during) == stop_after:
                    break
        return bytes(received)

    def workers_during_and_after() -> tuple[set[tuple[str, ...]], list[str]]:
        return set(during), hashers()

    one_then_none: tuple[set[tuple[str, ...]], list[str]] = ({("claude-files-md5",)}, [])
    mock_server.inject(Fault.chunked(), path=CONTENT_PATH, count=None)  # no length: hashed aside
    assert stream() == CONTENT
    assert workers_during_and_after() == one_then_none
    with pytest.raises(FileTooLargeError):
        stream(max_bytes=len(CONTENT) - 1)
    assert workers_during_and_after() == one_then_none
    assert CONTENT.startswith(stream(stop_after=1))
    assert workers_during_and_after() == one_then_none
    mock_server.inject(Fault.wrong_md5(), path=CONTENT_PATH)
    with pytest.raises(ChecksumMismatchError):
        stream()
    assert workers_during_and_after() == one_then_none
    assert client.files.download(file_id) == CONTENT  # and in one piece, as bytes
    assert hashers() == []


def test_a_server_named_file_is_not_replaced_without_overwrite(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    chat_id = mock_server.add_chat_file(b"new", filename="same.txt")["id"]
    (tmp_path / "same.txt").write_bytes(b"old")
    with pytest.raises(FileExistsError):
        client.compliance.files.download_to_file(chat_id, tmp_path)
    assert os.listdir(tmp_path) == ["same.txt"]
    assert (tmp_path / "same.txt").read_bytes() == b"old"
    client.compliance.files.download_to_file(chat_id, tmp_path, overwrite=True)
    assert (tmp_path / "same.txt").read_bytes() == b"new"
