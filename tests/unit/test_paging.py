"""next_params: following whichever paging shape the server sent."""

from __future__ import annotations

from typing import Any

from claude_files._paging import next_params
from claude_files_openapi.models import FileListResponse


def page(**fields: Any) -> FileListResponse:
    return FileListResponse.from_dict({"data": [], **fields})


def test_next_page_is_followed_and_replaces_after_id() -> None:
    current = {"limit": 2, "after_id": "file_a"}
    assert next_params(current, page(next_page="page_2", has_more=True, last_id="x")) == {
        "limit": 2,
        "page": "page_2",
    }


def test_a_null_next_page_ends_even_if_has_more_says_otherwise() -> None:
    assert next_params({}, page(next_page=None, has_more=True, last_id="x")) is None


def test_without_next_page_it_falls_back_to_after_id() -> None:
    assert next_params({"limit": 2}, page(has_more=True, last_id="file_b")) == {
        "limit": 2,
        "after_id": "file_b",
    }
    assert next_params({}, page(has_more=False, last_id="file_b")) is None
    assert next_params({}, page(has_more=True, last_id=None)) is None
    assert next_params({}, page()) is None


def test_before_id_pages_backwards_with_first_id() -> None:
    both = page(next_page="page_x", has_more=True, first_id="file_c", last_id="file_d")
    assert next_params({"before_id": "file_z"}, both) == {"before_id": "file_c"}
    assert next_params({"before_id": "file_z"}, page(has_more=False, first_id="c")) is None


def test_ids_is_always_one_page() -> None:
    assert next_params({"ids": ["a"]}, page(next_page="page_2", has_more=True)) is None


def test_a_cursor_that_does_not_move_stops_instead_of_looping() -> None:
    assert next_params({"page": "page_2"}, page(next_page="page_2")) is None
    assert next_params({"after_id": "b"}, page(has_more=True, last_id="b")) is None


def test_next_page_params_follows_next_page_past_short_and_empty_pages() -> None:
    from claude_files._paging import next_page_params
    from claude_files_openapi.models import CodeArtifactListResponse

    empty = CodeArtifactListResponse(data=[], next_page="tok_2", has_more=True)
    assert next_page_params({"limit": 5}, empty) == {"limit": 5, "page": "tok_2"}
    last = CodeArtifactListResponse(data=[], next_page=None, has_more=False)
    assert next_page_params({"page": "tok_2"}, last) is None
    absent = CodeArtifactListResponse(data=[])
    assert next_page_params({}, absent) is None
    stuck = CodeArtifactListResponse(data=[], next_page="tok_2")
    assert next_page_params({"page": "tok_2"}, stuck) is None  # a cursor that does not move
