"""Listing files page by page, in either of the two paging shapes the API serves.

Today's shape hands back an opaque `next_page` cursor (sent as `page`); the beta's pages
with `after_id` / `before_id` and `has_more`, `first_id`, `last_id`. `next_params` picks
the next request from whichever the server sent; the pagers only fetch.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import Any

from claude_files_openapi.models import FileListResponse, FileMetadata

Params = dict[str, Any]


def next_params(current: Mapping[str, Any], page: FileListResponse) -> Params | None:
    """The parameters of the page after `page`, or None when it was the last."""
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


class Pager:
    """Every file across pages: iterate it for items, or `.pages` for whole pages."""

    def __init__(self, fetch: Callable[[Params], FileListResponse], params: Params) -> None:
        self._fetch = fetch
        self._params = params

    @property
    def pages(self) -> Iterator[FileListResponse]:
        params: Params | None = self._params
        while params is not None:
            page = self._fetch(params)
            yield page
            params = next_params(params, page)

    def __iter__(self) -> Iterator[FileMetadata]:
        for page in self.pages:
            yield from page.data


class AsyncPager:
    """Every file across pages: `async for` it for items, or `.pages` for whole pages."""

    def __init__(
        self, fetch: Callable[[Params], Awaitable[FileListResponse]], params: Params
    ) -> None:
        self._fetch = fetch
        self._params = params

    @property
    async def pages(self) -> AsyncIterator[FileListResponse]:
        params: Params | None = self._params
        while params is not None:
            page = await self._fetch(params)
            yield page
            params = next_params(params, page)

    async def __aiter__(self) -> AsyncIterator[FileMetadata]:
        async for page in self.pages:
            for item in page.data:
                yield item
