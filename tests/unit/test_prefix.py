"""PrefixProof, and DownloadCore using it: a restarted body must start with what was delivered.

Without a validator or a Content-MD5, a restart from byte 0 skips the bytes already
handed out; these tests show the skipped bytes are proved equal to them before the
first new byte goes out, and that a changed file fails instead of being stitched.
"""

from __future__ import annotations

import base64
import hashlib

import pytest

from claude_files import ChecksumMismatchError, IncompleteDownloadError, _downloads
from claude_files._downloads import DownloadCore
from claude_files._prefix import PrefixProof, Running

OLD = bytes(range(256)) * 4
# The same length, changed inside the prefix tests deliver (300) and after it: stitching
# OLD's first 300 bytes to the rest of NEW would give a file that never existed.
NEW = OLD[:100] + b"!" + OLD[101:700] + b"!" + OLD[701:]


def chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_the_same_prefix_passes_however_it_is_split() -> None:
    proof = PrefixProof(None)
    for chunk in chunks(OLD[:300], 70):
        proof.delivered(chunk)
    proof.restart()
    for chunk in chunks(OLD[:300], 110):
        proof.skipped(chunk)  # the last one completes the prefix and checks it


def test_a_different_prefix_raises_once_the_whole_prefix_is_in() -> None:
    proof = PrefixProof(len(OLD))
    proof.delivered(OLD[:300])
    proof.restart()
    proof.skipped(NEW[:200])  # differs already, but 100 bytes are still owed
    with pytest.raises(IncompleteDownloadError, match="changed while") as caught:
        proof.skipped(NEW[200:300])
    assert (caught.value.expected, caught.value.received) == (len(OLD), 300)


def test_a_restart_during_the_skip_starts_the_check_again() -> None:
    proof = PrefixProof(None)
    proof.delivered(OLD[:300])
    proof.restart()
    proof.skipped(NEW[:150])  # cut off while skipping
    proof.restart()
    proof.skipped(OLD[:300])  # the third body is the original again: it passes


def test_a_later_restart_checks_everything_delivered_by_then() -> None:
    proof = PrefixProof(None)
    proof.delivered(OLD[:100])
    proof.restart()
    proof.skipped(OLD[:100])
    proof.delivered(OLD[100:300])  # the second body went on, then was cut too
    proof.restart()
    with pytest.raises(IncompleteDownloadError):
        proof.skipped(NEW[:300])


def test_a_restart_with_nothing_delivered_has_nothing_to_prove() -> None:
    proof = PrefixProof(None)
    proof.restart()
    with pytest.raises(ValueError, match="more bytes than were delivered"):
        proof.skipped(b"x")


def feed_all(core: DownloadCore, body: bytes, size: int) -> bytes:
    return b"".join(core.feed(chunk) for chunk in chunks(body, size))


def restarted(first: bytes, headers: dict[str, str]) -> DownloadCore:
    """A core whose first body was cut after `first`, and that got a new 200."""
    core = DownloadCore(None)
    core.on_response(200, headers)
    assert core.feed(first) == first
    core.on_response(200, headers)
    return core


@pytest.mark.parametrize("headers", [{}, {"content-length": str(len(OLD))}])
def test_a_changed_prefix_fails_before_the_first_new_byte(headers: dict[str, str]) -> None:
    core = restarted(OLD[:300], headers)
    assert core.feed(NEW[:250]) == b""
    with pytest.raises(IncompleteDownloadError, match="changed while"):
        core.feed(NEW[250:400])  # the prefix's last 50 bytes and 100 new ones
    assert core.delivered == 300


def test_the_same_prefix_delivers_the_rest_exactly_once() -> None:
    core = restarted(OLD[:300], {})
    assert feed_all(core, OLD, 128) == OLD[300:]
    core.finish()


def test_a_restarted_chunked_body_shorter_than_what_was_delivered_is_a_changed_file() -> None:
    core = restarted(OLD[:300], {})
    assert core.feed(OLD[:200]) == b""
    with pytest.raises(IncompleteDownloadError, match="changed while") as caught:
        core.finish()
    assert caught.value.received == 300


def test_a_restarted_chunked_body_that_grew_after_the_prefix_is_the_new_file_whole() -> None:
    grown = OLD + b"appended"
    core = restarted(OLD[:300], {})
    assert OLD[:300] + feed_all(core, grown, 200) == grown
    core.finish()


def test_with_content_md5_the_final_check_catches_a_stitched_file() -> None:
    md5 = base64.b64encode(hashlib.md5(OLD).digest()).decode()
    core = restarted(OLD[:300], {"content-md5": md5})
    assert feed_all(core, NEW, 128) == NEW[300:]  # no proof of the prefix: MD5 is enough
    with pytest.raises(ChecksumMismatchError):
        core.finish()


class CountingProof(PrefixProof):
    made = 0

    def __init__(self, expected: int | None, delivered: Running | None = None) -> None:
        CountingProof.made += 1
        super().__init__(expected, delivered)


@pytest.mark.parametrize(
    ("headers", "hashed"),
    [
        ({}, True),
        ({"content-length": "1024"}, True),
        ({"etag": '"v1"'}, False),
        ({"last-modified": "Tue, 15 Apr 2025 18:37:24 GMT"}, False),
        ({"content-md5": "AAAAAAAAAAAAAAAAAAAAAA=="}, False),
    ],
)
def test_the_delivered_bytes_are_hashed_only_when_nothing_else_proves_the_prefix(
    monkeypatch: pytest.MonkeyPatch, headers: dict[str, str], hashed: bool
) -> None:
    monkeypatch.setattr(_downloads, "PrefixProof", CountingProof)
    CountingProof.made = 0
    DownloadCore(None).on_response(200, headers)
    assert CountingProof.made == int(hashed)
