"""`client.compliance.code_artifacts`: list, get_version, the download trio, delete, extract.

Code artifacts are the hardest downloads: chunked with no `Content-Length`, a filename
only in `Content-Disposition`, `Content-MD5` only for content stored as-is, documented
503s and 422s. Every case runs through the one shared download implementation.
"""

from __future__ import annotations

import asyncio
import io
import stat
import warnings
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from claude_files import (
    ArchiveError,
    AsyncClient,
    ChecksumMismatchError,
    Client,
    CodeArtifact,
    DeletedCodeArtifact,
    ExtractLimits,
    FileSetUnavailableError,
    FileTooLargeError,
    IncompleteDownloadError,
    MultiFileUnavailableError,
    NotFoundError,
    ServiceUnavailableError,
    UnprocessableEntityError,
    UnsafeArchiveError,
)
from claude_files.testing import Fault, MockServer

from .conftest import Transfer, client_kwargs

BODY = bytes(range(256)) * 1000  # 256 000 bytes: many chunks
VERSION_PATH = "/v1/compliance/apps/code/artifacts/*/versions/*"
CONTENT_PATH = "/v1/compliance/apps/code/artifacts/*/content"


@pytest.fixture
def single(mock_server: MockServer) -> dict[str, Any]:
    return mock_server.add_code_artifact({"page.html": BODY}, version_ids=["v1"])


@pytest.fixture
def multi(mock_server: MockServer) -> dict[str, Any]:
    files = {"index.html": b"<h1>site</h1>", "js/app.js": b"console.log(1)", "empty/": b""}
    files.pop("empty/")
    return mock_server.add_code_artifact(files, version_ids=["v2"])


def _zip(entries: list[tuple[zipfile.ZipInfo | str, bytes]], **options: Any) -> bytes:
    buffer = io.BytesIO()
    with (
        warnings.catch_warnings(action="ignore", category=UserWarning),  # duplicate names
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, **options) as archive,
    ):
        for info, data in entries:
            archive.writestr(info, data)
    return buffer.getvalue()


def _requests(server: MockServer, suffix: str = "") -> int:
    return sum("/code/artifacts" in r.path and r.path.endswith(suffix) for r in server.requests)


# -- the download trio -------------------------------------------------------------------


def test_a_version_downloads_in_every_mode(
    transfer: Transfer, mock_server: MockServer, single: dict[str, Any]
) -> None:
    got = transfer("compliance.code_artifacts", single["id"], version_id="v1")
    assert got == BODY
    assert transfer.leftovers() == []


def test_several_files_come_as_one_zip_in_every_mode(
    transfer: Transfer, multi: dict[str, Any]
) -> None:
    got = transfer("compliance.code_artifacts", multi["id"])
    with zipfile.ZipFile(io.BytesIO(got)) as archive:
        assert archive.read("index.html") == b"<h1>site</h1>"
        assert archive.read("js/app.js") == b"console.log(1)"


def test_the_body_is_chunked_with_no_length(client: Client, single: dict[str, Any]) -> None:
    with client.compliance.code_artifacts.download_stream(single["id"], version_id="v1") as s:
        assert s.content_length is None
        assert s.filename == f"{single['id']}-v1.html"
        assert b"".join(s) == BODY


def test_the_cap_counts_while_streaming(
    transfer: Transfer, mock_server: MockServer, single: dict[str, Any]
) -> None:
    with pytest.raises(FileTooLargeError) as caught:
        transfer("compliance.code_artifacts", single["id"], version_id="v1", max_bytes=1000)
    assert caught.value.limit == 1000
    assert caught.value.size is None  # no Content-Length: refused at the first byte over
    assert transfer.leftovers() == []


def test_the_cap_stops_the_stream_at_the_first_byte_over(
    client: Client, single: dict[str, Any]
) -> None:
    received: list[bytes] = []
    artifacts = client.compliance.code_artifacts

    def drain() -> None:
        with artifacts.download_stream(single["id"], version_id="v1", max_bytes=100_000) as s:
            received.extend(s)

    with pytest.raises(FileTooLargeError):
        drain()
    assert 0 < sum(map(len, received)) <= 100_000


def test_a_chunked_body_cut_short_is_incomplete_and_never_a_file(
    transfer: Transfer, mock_server: MockServer, single: dict[str, Any], sleeps: list[float]
) -> None:
    mock_server.inject(Fault.truncate(5000), path=VERSION_PATH, count=None)
    with pytest.raises(IncompleteDownloadError) as caught:
        transfer("compliance.code_artifacts", single["id"], version_id="v1")
    assert caught.value.expected is None
    assert transfer.leftovers() == []
    assert _requests(mock_server) == 3  # the first try and two retries, each cut short
    assert len(sleeps) == 2


def test_a_cut_retried_resumes_without_a_byte_twice(
    transfer: Transfer, mock_server: MockServer, single: dict[str, Any]
) -> None:
    mock_server.inject(Fault.truncate(70_000), path=VERSION_PATH)
    assert transfer("compliance.code_artifacts", single["id"], version_id="v1") == BODY


def test_content_md5_is_checked_when_present(
    transfer: Transfer, mock_server: MockServer, single: dict[str, Any]
) -> None:
    mock_server.inject(Fault.wrong_md5(), path=VERSION_PATH, count=None)
    with pytest.raises(ChecksumMismatchError):
        transfer("compliance.code_artifacts", single["id"], version_id="v1")
    assert transfer.leftovers() == []


def test_encoded_content_has_no_md5_and_still_downloads(
    client: Client, mock_server: MockServer
) -> None:
    encoded = mock_server.add_code_artifact(b"<p>x</p>", version_ids=["v1"], identity=False)
    assert client.compliance.code_artifacts.download(encoded["id"], version_id="v1") == b"<p>x</p>"


def test_the_rfc5987_filename_is_decoded_and_made_safe(
    client: Client, mock_server: MockServer, tmp_path: Path
) -> None:
    hostile = mock_server.add_code_artifact(
        {"notes.txt": b"text"}, id="..cart_\u00e9t\u00e9", version_ids=["v<1>|\u00e9"]
    )
    path = client.compliance.code_artifacts.download_to_file(
        hostile["id"], tmp_path, version_id="v<1>|\u00e9"
    )
    assert path.parent == tmp_path
    assert path.name == "cart_\u00e9t\u00e9-v_1__\u00e9.txt"  # decoded; dots, <>| gone
    assert path.read_bytes() == b"text"


def test_503_is_retried_with_backoff(
    client: Client, mock_server: MockServer, single: dict[str, Any], sleeps: list[float]
) -> None:
    mock_server.inject(Fault.status(503), path=VERSION_PATH, count=2)
    assert client.compliance.code_artifacts.download(single["id"], version_id="v1") == BODY
    assert len(sleeps) == 2
    assert 0 <= sleeps[0] <= 0.5  # 0.5 s doubling, with full jitter
    assert 0 <= sleeps[1] <= 1.0


def test_an_upload_in_flight_is_503_until_the_retries_run_out(
    client: Client, mock_server: MockServer, sleeps: list[float]
) -> None:
    pending = mock_server.add_code_artifact(b"x", version_ids=["v1"], available=False)
    with pytest.raises(ServiceUnavailableError):
        client.compliance.code_artifacts.download(pending["id"], version_id="v1")
    assert _requests(mock_server) == 3
    assert len(sleeps) == 2


def test_a_multi_file_version_is_a_typed_422_that_says_what_to_do(
    client: Client, mock_server: MockServer, multi: dict[str, Any], sleeps: list[float]
) -> None:
    with pytest.raises(MultiFileUnavailableError) as caught:
        client.compliance.code_artifacts.download(multi["id"], version_id="v2")
    error = caught.value
    assert isinstance(error, UnprocessableEntityError)
    assert error.status_code == 422
    assert error.error_code == "multi_file_unavailable"
    assert "multi_file_format='zip'" in str(error)
    assert "do not retry" in str(error)
    assert sleeps == []
    assert _requests(mock_server) == 1


def test_several_files_without_a_format_are_multi_file_unavailable(
    client: Client, multi: dict[str, Any]
) -> None:
    with pytest.raises(MultiFileUnavailableError):
        client.compliance.code_artifacts.download(multi["id"], multi_file_format=None)


def test_an_unavailable_file_set_is_a_typed_422(
    client: Client, mock_server: MockServer, sleeps: list[float]
) -> None:
    broken = mock_server.add_code_artifact(b"x", file_set_available=False)
    with pytest.raises(FileSetUnavailableError) as caught:
        client.compliance.code_artifacts.download(broken["id"])
    assert caught.value.error_code == "file_set_unavailable"
    assert "version_id" in str(caught.value)
    assert sleeps == []


def test_an_injected_422_is_typed_by_its_code(
    client: Client, mock_server: MockServer, single: dict[str, Any]
) -> None:
    mock_server.inject(Fault.status(422, error_code="file_set_unavailable"), path=CONTENT_PATH)
    with pytest.raises(FileSetUnavailableError):
        client.compliance.code_artifacts.download(single["id"])


def test_a_rotated_version_is_not_found(client: Client, single: dict[str, Any]) -> None:
    with pytest.raises(NotFoundError):
        client.compliance.code_artifacts.download(single["id"], version_id="gone")


def test_bad_arguments_fail_before_any_request(client: Client, mock_server: MockServer) -> None:
    artifacts = client.compliance.code_artifacts
    with pytest.raises(ValueError, match="artifact_id"):
        artifacts.download("a/b")
    with pytest.raises(ValueError, match="multi_file_format"):
        artifacts.download("cart_x", multi_file_format="tar")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="limit"):
        artifacts.list(limit=101)
    with pytest.raises(ValueError, match="timezone"):
        artifacts.list(updated_at_gt=datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="extract"):
        artifacts.download_to_file("cart_x", "out", extract_limits=ExtractLimits())
    assert mock_server.requests == []


# -- list, get_version, delete -----------------------------------------------------------


def test_list_follows_every_page(client: Client, mock_server: MockServer) -> None:
    mock_server.reset()
    ids = sorted(mock_server.add_code_artifact(b"x")["id"] for _ in range(5))
    listed = list(client.compliance.code_artifacts.list(limit=2))
    assert all(isinstance(a, CodeArtifact) for a in listed)
    assert [a.id for a in listed] == ids
    assert _requests(mock_server) == 3


def test_list_filters_by_organization_user_and_time(
    client: Client, mock_server: MockServer
) -> None:
    mock_server.reset()
    then = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
    old = mock_server.add_code_artifact(b"x", updated_at=then, owner_user_id="user_a")
    mock_server.add_code_artifact(b"x", updated_at=None, organization_uuid="org-b-uuid")
    artifacts = client.compliance.code_artifacts
    assert [a.id for a in artifacts.list(user_ids=["user_a"])] == [old["id"]]
    after = artifacts.list(updated_at_gte=then + timedelta(seconds=1))
    assert old["id"] not in [a.id for a in after]
    assert [a.id for a in artifacts.list(updated_at_lte=then)] == [old["id"]]
    assert [a.organization_uuid for a in artifacts.list(organization_ids=["org-b-uuid"])] == [
        "org-b-uuid"
    ]


def test_get_version_finds_the_metadata_in_the_list(
    client: Client, mock_server: MockServer
) -> None:
    made = mock_server.add_code_artifact(versions=[b"one", b"two"], version_ids=["v1", "v2"])
    version = client.compliance.code_artifacts.get_version(made["id"], "v1")
    assert version is not None
    assert (version.id, version.name) == ("v1", "Team dashboard")
    assert client.compliance.code_artifacts.get_version(made["id"], "v9") is None
    assert client.compliance.code_artifacts.get_version("cart_unknown", "v1") is None


def test_delete_then_not_found(client: Client, single: dict[str, Any]) -> None:
    deleted = client.compliance.code_artifacts.delete(single["id"])
    assert isinstance(deleted, DeletedCodeArtifact)
    assert (deleted.id, deleted.type_) == (single["id"], "code_artifact_deleted")
    with pytest.raises(NotFoundError):
        client.compliance.code_artifacts.delete(single["id"])


def test_the_async_twins(mock_server: MockServer, tmp_path: Path) -> None:
    made = mock_server.add_code_artifact({"a.txt": b"A", "b/c.txt": b"C"}, version_ids=["v1"])
    one = mock_server.add_code_artifact({"page.html": b"<p>1</p>"}, version_ids=["v1"])

    async def main() -> None:
        async with AsyncClient(**client_kwargs(mock_server)) as client:
            artifacts = client.compliance.code_artifacts
            listed = [a.id async for a in artifacts.list(limit=1)]
            assert {made["id"], one["id"]} <= set(listed)
            version = await artifacts.get_version(made["id"], "v1")
            assert version is not None
            assert version.id == "v1"
            assert await artifacts.download(one["id"], version_id="v1") == b"<p>1</p>"
            folder = await artifacts.download_to_file(made["id"], tmp_path / "site", extract=True)
            assert (folder / "b" / "c.txt").read_bytes() == b"C"
            with pytest.raises(MultiFileUnavailableError):
                await artifacts.download(made["id"], version_id="v1")
            deleted = await artifacts.delete(made["id"])
            assert deleted.id == made["id"]

    asyncio.run(main())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# -- extract=True ------------------------------------------------------------------------


def _seed_zip(server: MockServer, data: bytes) -> str:
    made = server.add_code_artifact(
        {"archive.zip": data}, version_ids=["v1"], mime_type="application/zip"
    )
    return str(made["id"])


def test_extract_a_good_zip_into_a_new_folder(
    client: Client, multi: dict[str, Any], tmp_path: Path
) -> None:
    folder = client.compliance.code_artifacts.download_to_file(
        multi["id"], tmp_path / "site", extract=True
    )
    assert folder == tmp_path / "site"
    assert (folder / "index.html").read_bytes() == b"<h1>site</h1>"
    assert (folder / "js" / "app.js").read_bytes() == b"console.log(1)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary left


def test_extract_into_an_existing_folder_names_it_after_the_archive(
    client: Client, multi: dict[str, Any], tmp_path: Path
) -> None:
    folder = client.compliance.code_artifacts.download_to_file(multi["id"], tmp_path, extract=True)
    assert folder == tmp_path / f"{multi['id']}-v2"
    assert (folder / "index.html").exists()
    with pytest.raises(FileExistsError):  # a second time: the folder is never merged into
        client.compliance.code_artifacts.download_to_file(multi["id"], tmp_path, extract=True)
    with pytest.raises(FileExistsError):  # nor named as the new folder
        client.compliance.code_artifacts.download_to_file(
            multi["id"], folder / "index.html", extract=True
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


def _symlink() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("link")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _lying_size() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", b"A" * 50_000)
        archive.infolist()[0].file_size = 10  # the central directory under-declares
    return buffer.getvalue()


BOMB = 4 * 1024 * 1024
HOSTILE = {
    "traversal": (_zip([("../escape.txt", b"x")]), UnsafeArchiveError, None),
    "nested traversal": (_zip([("a/../../escape.txt", b"x")]), UnsafeArchiveError, None),
    "absolute": (_zip([("/tmp/escape.txt", b"x")]), UnsafeArchiveError, None),
    "drive letter": (_zip([("C:/escape.txt", b"x")]), UnsafeArchiveError, None),
    "backslash": (_zip([("..\\escape.txt", b"x")]), UnsafeArchiveError, None),
    "symlink": (_zip([("ok.txt", b"x"), (_symlink(), b"/etc/passwd")]), UnsafeArchiveError, None),
    "duplicate": (_zip([("a.txt", b"1"), ("a.txt", b"2")]), UnsafeArchiveError, None),
    "bomb ratio": (_zip([("zeros.bin", bytes(BOMB))]), UnsafeArchiveError, None),
    "bomb total": (
        _zip([("a.bin", bytes(600)), ("b.bin", bytes(600))]),
        UnsafeArchiveError,
        ExtractLimits(max_total_bytes=1000),
    ),
    "too many entries": (
        _zip([(f"{i}.txt", b"x") for i in range(4)]),
        UnsafeArchiveError,
        ExtractLimits(max_entries=3),
    ),
    "size lies in the header": (_lying_size(), ArchiveError, None),
    "not a zip": (b"<html>not a zip</html>", ArchiveError, None),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
@pytest.mark.parametrize("flavor", ["sync", "async"])
def test_a_hostile_zip_is_refused_with_nothing_written(
    case: str, flavor: str, mock_server: MockServer, tmp_path: Path
) -> None:
    data, error, limits = HOSTILE[case]
    artifact_id = _seed_zip(mock_server, data)
    outside = tmp_path / "escape.txt"
    work = tmp_path / "work"
    work.mkdir()
    kwargs: dict[str, Any] = {"version_id": "v1", "extract": True, "extract_limits": limits}
    if flavor == "sync":
        with Client(**client_kwargs(mock_server)) as client, pytest.raises(error):
            client.compliance.code_artifacts.download_to_file(artifact_id, work / "x", **kwargs)
    else:

        async def main() -> None:
            async with AsyncClient(**client_kwargs(mock_server)) as client:
                with pytest.raises(error):
                    await client.compliance.code_artifacts.download_to_file(
                        artifact_id, work / "x", **kwargs
                    )

        asyncio.run(main())
    assert list(work.iterdir()) == []  # no folder, no archive, no staging folder
    assert not outside.exists()


def test_the_bomb_check_counts_while_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the directory check fooled, the bytes counted as they inflate still refuse."""
    from claude_files import _extract

    def fooled(infos: Any, limits: ExtractLimits) -> Any:
        return [(info, _extract.safe_member_path(info.filename)) for info in infos]

    monkeypatch.setattr(_extract, "check_entries", fooled)
    archive = tmp_path / "a.zip"
    archive.write_bytes(_zip([("a.bin", bytes(700)), ("b.bin", bytes(700))]))
    with pytest.raises(UnsafeArchiveError, match="more than 1000 bytes"):
        _extract.extract_zip(archive, tmp_path / "out", ExtractLimits(max_total_bytes=1000))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.zip"]
