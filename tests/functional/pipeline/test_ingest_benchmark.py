"""The ingest benchmark itself: its clock splits time by phase, and a small run of it
stores every attendee and counts the calls of each side. Timings are never asserted."""

from __future__ import annotations

from types import ModuleType

import pytest
from support.benches import load_bench


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("ingest")


class _Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_time_spent_in_a_nested_phase_is_not_counted_to_the_phase_it_interrupts(
    bench: ModuleType,
) -> None:
    ticks = _Ticks()
    clock = bench.PhaseClock(ticks)
    with clock.phase("upload"):
        ticks.now += 2
        with clock.phase("writer"):
            ticks.now += 5
        ticks.now += 3
        with clock.phase("writer"):
            ticks.now += 1
    assert clock.seconds == {"upload": 5, "writer": 6}


def test_a_small_run_stores_every_attendee_and_resends_nothing_unchanged(
    bench: ModuleType,
) -> None:
    ours, resend, base, floor_ms = bench.measure(attendees=250, baseline=30)

    assert (ours.attendees, ours.stored) == (250, 250)
    assert (base.attendees, base.stored) == (30, 30)
    assert resend == 0
    # the baseline makes three calls per attendee, CLAMS a fraction of one
    assert base.calls == 3 * 30
    assert ours.calls / ours.attendees <= 0.2
    assert floor_ms > 0
    for run in (ours, base):
        assert run.event_source_calls > 0
        assert {"upload", "writer", "event source"} <= set(run.seconds)
