"""A client with a `RequestPacer` paces every request it sends, retries and list pages
included, and lets a 429's `retry-after` hold them all; its waits are the client's
(`_sleep`), so here they only move a fake clock."""

from __future__ import annotations

import pytest

from claude_files import AsyncClient, Client, RequestPacer
from claude_files.testing import Fault, MockServer
from tests._support import client_kwargs


class Clock:
    """A fake clock that the client's sleeps move forward."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_retries_and_list_pages_are_counted(mock_server: MockServer, clock: Clock) -> None:
    for i in range(3):
        mock_server.add_file(b"x", filename=f"{i}.txt")
    pacer = RequestPacer(2, 60, clock=clock)
    mock_server.inject(Fault.status(503, retry_after="0"), path="/v1/files")
    with Client(**client_kwargs(mock_server), pacer=pacer) as client:
        client._sleep = clock.sleep
        pages = list(client.files.list(limit=2).pages)
    sent = mock_server.requests
    assert len(sent) == pacer.reserved >= 3  # a 503, then every page
    assert sent[0].status == 503
    assert len(pages) == len(sent) - 1
    assert clock.waits.count(60.0) >= 1  # the third request waited a window


async def test_async_clients_sharing_a_pacer_share_its_budget(
    mock_server: MockServer, clock: Clock
) -> None:
    file_id = mock_server.add_file(b"shared")["id"]
    pacer = RequestPacer(3, 60, clock=clock)
    async with AsyncClient(**client_kwargs(mock_server), pacer=pacer) as one:
        two = one.copy()
        assert two.pacer is pacer
        one._sleep = two._sleep = clock.asleep
        for client in (one, two, one, two):
            assert await client.files.download(file_id) == b"shared"
        assert one.with_options(pacer=None).pacer is None
    assert pacer.reserved == 4
    assert clock.waits == [60.0]


def test_a_429_holds_the_pacer_and_is_waited_for_once(
    mock_server: MockServer, clock: Clock
) -> None:
    file_id = mock_server.add_file(b"later")["id"]
    pacer = RequestPacer(100, 60, clock=clock)
    others: list[float] = []

    def sleep(seconds: float) -> None:
        others.append(pacer.reserve())  # another request, sent during the retry's wait
        clock.sleep(seconds)

    mock_server.inject(Fault.status(429, retry_after="7"), path="/v1/files/*/content")
    with Client(**client_kwargs(mock_server), pacer=pacer) as client:
        client._sleep = sleep
        assert client.files.download(file_id) == b"later"
    assert others == [7.0]  # held back until the retry-after is over
    assert clock.waits == [7.0]  # the retry itself waited once: the hold had ended by then
    assert len(mock_server.requests) == 2
