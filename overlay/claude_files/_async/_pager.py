"""`AsyncPager`: every item of a list, fetched page by page as it is iterated."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Generic, TypeVar

from claude_files._paging import Advance, AsyncFetch, Params, next_params

T = TypeVar("T")


class AsyncPager(Generic[T]):
    """Every item across pages: iterate it for items, or `.pages` for whole pages."""

    def __init__(
        self,
        fetch: AsyncFetch[T],
        params: Params,
        advance: Advance = next_params,
    ) -> None:
        self._fetch = fetch
        self._params = params
        self._advance = advance

    @property
    async def pages(self) -> AsyncIterator[Any]:
        """The pages, fetched one at a time (each has `data` and `_request_id`)."""
        params: Params | None = self._params
        while params is not None:
            page = await self._fetch(params)
            yield page
            params = self._advance(params, page)

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages:
            for item in page.data:
                yield item
