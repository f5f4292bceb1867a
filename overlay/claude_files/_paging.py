"""Listing page by page, in either of the two paging shapes the API serves.

Today's shape hands back an opaque `next_page` cursor (sent as `page`); the beta's pages
with `after_id` / `before_id` and `has_more`, `first_id`, `last_id`. `next_params` picks
the next request from whichever the server sent (`next_page_params` for lists that only
know `next_page`, such as code artifacts); the pagers (`_async/_pager.py`) only fetch.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from claude_files_openapi.types import Unset

Params = dict[str, Any]
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Page(Protocol[T_co]):
    """What a pager needs of a page: its items."""

    @property
    def data(self) -> Sequence[T_co]: ...


def next_page_params(current: Mapping[str, Any], page: Any) -> Params | None:
    """The page after `page` for lists paged only by `next_page`: continue while it is
    set, even past a short or empty page, and stop when it is null or absent."""
    cursor = getattr(page, "next_page", None)
    return None if isinstance(cursor, Unset) else _advance(current, "page", cursor)


def next_params(current: Mapping[str, Any], page: Any) -> Params | None:
    """The parameters of the page after `page` (a `FileListResponse`), or None when it
    was the last."""
    from claude_files_openapi.models import FileListResponse  # loaded with the first page

    assert isinstance(page, FileListResponse)
    if current.get("ids") is not None:
        return None  # an `ids` filter is always one page
    if current.get("before_id") is not None:  # reverse paging
        cursor = page.first_id if page.has_more is True else None
        return _advance(current, "before_id", cursor)
    if isinstance(page.next_page, str):
        rest = {k: v for k, v in current.items() if k != "after_id"}
        return _advance(rest, "page", page.next_page)
    if page.next_page is None:  # sent, and null: the last page
        return None
    cursor = page.last_id if page.has_more is True else None
    return _advance(current, "after_id", cursor)


def _advance(current: Mapping[str, Any], key: str, cursor: Any) -> Params | None:
    # A cursor that does not move would page forever.
    if not isinstance(cursor, str) or not cursor or cursor == current.get(key):
        return None
    return {**current, key: cursor}


Advance = Callable[[Mapping[str, Any], Any], Params | None]
#: How a pager gets one page.
AsyncFetch = Callable[[Params], Awaitable[Page[T]]]
Fetch = Callable[[Params], Page[T]]
