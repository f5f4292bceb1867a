"""`RequestPacer` on a fake clock: the sliding window, bursts, holds; nothing sleeps."""

from __future__ import annotations

import pytest

from claude_files import InvalidArgumentError, RequestPacer


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _starts(pacer: RequestPacer, clock: FakeClock, arrivals: list[float]) -> list[float]:
    """When each request would start, arriving at these times (in order)."""
    starts = []
    for at in arrivals:
        clock.now = max(clock.now, at)
        starts.append(clock.now + pacer.reserve())
    return starts


def _busiest(starts: list[float], per: float) -> int:
    """The most starts in any window [t, t + per)."""
    return max(sum(1 for s in starts if t <= s < t + per) for t in starts)


def test_a_burst_goes_at_once_up_to_the_budget_then_waits_a_window() -> None:
    clock = FakeClock()
    pacer = RequestPacer(3, 60, clock=clock)
    assert [pacer.reserve() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert pacer.reserve() == 60.0  # the 4th starts a window after the 1st
    assert pacer.reserve() == 60.0
    clock.now += 10
    assert pacer.reserve() == 50.0
    assert pacer.reserve() == 110.0  # the 7th: a window after the 4th
    assert pacer.reserved == 7


def test_no_window_ever_holds_more_than_the_budget() -> None:
    clock = FakeClock(0.0)
    pacer = RequestPacer(10, 60, clock=clock)
    arrivals = [i * 0.7 for i in range(50)] + [100 + i * 13.0 for i in range(20)]
    starts = _starts(pacer, clock, arrivals)
    assert _busiest(starts, 60.0) == 10
    assert starts == sorted(starts)
    assert all(s >= a for s, a in zip(starts, arrivals, strict=True))
    # paced, not slower than needed: the first ten went at once
    assert starts[:10] == arrivals[:10]


def test_a_steady_trickle_under_the_budget_never_waits() -> None:
    clock = FakeClock(0.0)
    pacer = RequestPacer(600, 60, clock=clock)
    for i in range(2000):
        clock.now = i * 0.11  # 545 a minute
        assert pacer.reserve() == 0.0


def test_a_hold_delays_every_start_until_it_ends() -> None:
    clock = FakeClock()
    pacer = RequestPacer(100, 60, clock=clock)
    assert pacer.reserve() == 0.0
    pacer.hold(5)
    assert pacer.reserve() == 5.0
    pacer.hold(2)  # shorter than the hold already set: no change
    clock.now += 1
    assert pacer.reserve() == 4.0
    clock.now += 4
    assert pacer.reserve() == 0.0
    pacer.hold(0)
    assert pacer.reserve() == 0.0


@pytest.mark.parametrize(
    ("max_requests", "per"), [(0, 60.0), (-1, 60.0), (10, 0.0), (10, -1.0), (True, 60.0)]
)
def test_bad_settings_are_refused(max_requests: int, per: float) -> None:
    with pytest.raises(InvalidArgumentError):
        RequestPacer(max_requests, per)
