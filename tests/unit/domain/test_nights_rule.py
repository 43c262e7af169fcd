"""The nights rule of SPEC section 1: who sleeps on site on which night."""

from __future__ import annotations

from typing import Any

import pytest

from clams.domain.nights import (
    ARRIVAL_DAYS,
    EVENT_NIGHTS,
    nights_on_site,
    number_of_nights,
    parse_day,
)

TUE, WED, THU, FRI, SAT, SUN = EVENT_NIGHTS


@pytest.mark.parametrize(
    ("arrival", "late", "nights"),
    [
        ("Tuesday", False, (TUE, WED, THU, FRI, SAT)),
        ("Tuesday", True, (TUE, WED, THU, FRI, SAT, SUN)),
        ("Wednesday", False, (WED, THU, FRI, SAT)),
        ("Wednesday", True, (WED, THU, FRI, SAT, SUN)),
        ("Thursday", False, (THU, FRI, SAT)),
        ("Thursday", True, (THU, FRI, SAT, SUN)),
        ("Friday", False, (FRI, SAT)),
        ("Friday", True, (FRI, SAT, SUN)),
        ("Saturday", False, (SAT,)),
        ("Saturday", True, (SAT, SUN)),
        ("", False, (TUE, WED, THU, FRI, SAT)),
        ("", True, (TUE, WED, THU, FRI, SAT, SUN)),
    ],
)
def test_an_attendee_is_on_site_from_their_arrival_night_and_late_adds_sunday(
    arrival: Any, late: bool, nights: tuple[str, ...]
) -> None:
    # Given an arrival day (blank when BAMS did not know it) and whether they stay late
    # When their nights are worked out
    on_site = nights_on_site(arrival, late)
    # Then they are on site every night from arrival, Sunday only when staying late
    assert on_site == nights
    assert number_of_nights(arrival, late) == len(nights)


@pytest.mark.parametrize("arrival", ["Monday", "Sunday", "someday"])
def test_an_unknown_arrival_day_counts_as_all_five_nights(arrival: Any) -> None:
    # Given an arrival day that is not one of the event's
    # When the nights are counted
    count = number_of_nights(arrival, False)
    # Then the attendee is counted for the whole event
    assert count == 5


def test_the_event_has_five_arrival_days_and_six_nights_ending_on_sunday() -> None:
    # Given the event calendar
    # When its days and nights are listed
    # Then arrival is Tuesday to Saturday, and Sunday is the extra night
    assert ARRIVAL_DAYS == ("Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
    assert (*ARRIVAL_DAYS, "Sunday") == EVENT_NIGHTS


@pytest.mark.parametrize(
    ("text", "day"),
    [("Tue", "Tuesday"), ("tuesday", "Tuesday"), ("WED", "Wednesday"), (" thu ", "Thursday")],
)
def test_days_are_recognised_abbreviated_or_in_full_in_any_case(text: str, day: str) -> None:
    # Given a day as someone may write it
    # When it is parsed
    # Then it is the full day name
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["Mon", "Sun", "Tu", "", "1"])
def test_a_day_that_is_no_arrival_day_is_not_recognised(text: str) -> None:
    # Given text that is no arrival day of the event
    # When it is parsed
    # Then nothing is guessed
    assert parse_day(text) is None
