"""DownloadCore: caps, length and checksum checks, and resuming without duplicates."""

from __future__ import annotations

import base64
import hashlib

import pytest

from claude_files import ChecksumMismatchError, FileTooLargeError, IncompleteDownloadError
from claude_files._downloads import DownloadCore, filename_from_disposition
from claude_files._files import safe_filename
from claude_files._requests import check_id

BODY = b"0123456789" * 10


def md5_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()


def run(core: DownloadCore, body: bytes, headers: dict[str, str], status: int = 200) -> bytes:
    core.on_response(status, headers)
    out = b"".join(core.feed(body[i : i + 7]) for i in range(0, len(body), 7))
    core.finish()
    return out


def test_a_complete_body_with_its_checksum_passes() -> None:
    headers = {"content-length": "100", "content-md5": md5_b64(BODY)}
    assert run(DownloadCore(None), BODY, headers) == BODY


def test_a_hex_checksum_is_accepted_too() -> None:
    headers = {"content-md5": hashlib.md5(BODY).hexdigest()}
    assert run(DownloadCore(None), BODY, headers) == BODY


def test_a_wrong_checksum_raises() -> None:
    with pytest.raises(ChecksumMismatchError) as caught:
        run(DownloadCore(None), BODY, {"content-md5": md5_b64(b"other")})
    assert caught.value.actual == md5_b64(BODY)


def test_size_equal_to_the_cap_passes_and_one_more_fails_before_the_body() -> None:
    assert run(DownloadCore(100), BODY, {"content-length": "100"}) == BODY
    core = DownloadCore(99)
    with pytest.raises(FileTooLargeError) as caught:
        core.on_response(200, {"content-length": "100"})
    assert (caught.value.limit, caught.value.size) == (99, 100)


def test_without_a_length_counting_stops_at_cap_plus_one() -> None:
    core = DownloadCore(10)
    core.on_response(200, {})
    assert core.feed(BODY[:10]) == BODY[:10]
    with pytest.raises(FileTooLargeError) as caught:
        core.feed(b"x")
    assert (caught.value.limit, caught.value.size, core.delivered) == (10, None, 10)


@pytest.mark.parametrize("length", ["99", "101"])
def test_a_body_that_disagrees_with_content_length_is_incomplete(length: str) -> None:
    with pytest.raises(IncompleteDownloadError):
        run(DownloadCore(None), BODY, {"content-length": length})


def test_a_length_is_not_checked_against_a_decoded_body() -> None:
    headers = {"content-length": "5", "content-encoding": "gzip"}
    assert run(DownloadCore(None), BODY, headers) == BODY


def test_a_restart_from_the_start_skips_what_was_delivered() -> None:
    core = DownloadCore(None)
    headers = {"content-length": "100", "etag": '"v1"', "content-md5": md5_b64(BODY)}
    core.on_response(200, headers)
    first = core.feed(BODY[:30])
    assert "Range" not in core.request_headers()  # no Accept-Ranges: restart
    core.on_response(200, headers)
    rest = core.feed(BODY[:50]) + core.feed(BODY[50:])
    core.finish()
    assert first + rest == BODY


def test_a_resume_asks_for_the_rest_with_range_and_if_range() -> None:
    core = DownloadCore(None)
    headers = {"content-length": "100", "etag": '"v1"', "accept-ranges": "bytes"}
    core.on_response(200, {**headers, "content-md5": md5_b64(BODY)})
    first = core.feed(BODY[:40])
    assert core.request_headers()["Range"] == "bytes=40-"
    assert core.request_headers()["If-Range"] == '"v1"'
    core.on_response(206, {**headers, "content-length": "60", "content-range": "bytes 40-99/100"})
    rest = core.feed(BODY[40:])
    core.finish()  # the MD5 of the whole file still checks out
    assert first + rest == BODY


def test_a_resume_at_the_wrong_offset_fails() -> None:
    core = DownloadCore(None)
    core.on_response(200, {"content-length": "100", "etag": "e", "accept-ranges": "bytes"})
    core.feed(BODY[:40])
    with pytest.raises(IncompleteDownloadError):
        core.on_response(206, {"etag": "e", "content-range": "bytes 0-99/100"})


def test_a_file_that_changed_between_attempts_fails() -> None:
    core = DownloadCore(None)
    core.on_response(200, {"content-length": "100", "etag": '"v1"'})
    core.feed(BODY[:40])
    with pytest.raises(IncompleteDownloadError, match="changed"):
        core.on_response(200, {"content-length": "100", "etag": '"v2"'})


def test_a_restart_body_shorter_than_what_was_delivered_is_incomplete() -> None:
    core = DownloadCore(None)
    core.on_response(200, {})
    core.feed(BODY[:40])
    core.on_response(200, {})
    core.feed(BODY[:10])
    with pytest.raises(IncompleteDownloadError):
        core.finish()


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ('attachment; filename="report.pdf"', "report.pdf"),
        (
            "attachment; filename*=UTF-8''na%C3%AFve%20f.txt; filename=\"x.txt\"",
            "naïve f.txt",
        ),
        ("attachment; filename=\"x.txt\"; filename*=UTF-8''%E2%82%AC.txt", "€.txt"),
        ('attachment; filename="a;b.txt"', "a;b.txt"),
        ("inline", None),
        (None, None),
    ],
)
def test_filename_from_content_disposition(header: str | None, name: str | None) -> None:
    assert filename_from_disposition(header) == name


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("..", None),
        (".", None),
        ("", None),
        (None, None),
        ("a\x00b\x1fc\x7f.txt", "abc.txt"),
        ("..hidden", "hidden"),
        ('what?<>:"|*.txt', "what_______.txt"),
        ("é" * 200, "é" * 127),
    ],
)
def test_safe_filename(raw: str | None, safe: str | None) -> None:
    assert safe_filename(raw) == safe


@pytest.mark.parametrize("bad", ["", ".", "..", "a/b", "../x", "/"])
def test_ids_that_would_change_the_path_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a valid id"):
        check_id(bad)


def test_ids_must_be_strings() -> None:
    with pytest.raises(TypeError):
        check_id(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("good", ["file_011C", "a?b", "#", "%2e%2e", "a b", "...", "é"])
def test_other_ids_are_accepted(good: str) -> None:
    assert check_id(good) == good
