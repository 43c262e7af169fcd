"""The event report and the kitchen report of SPEC section 3, on a hand-computed event."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from clams.domain.attendee import Attendee
from clams.domain.report import full_kitchen_report, full_report, kitchen_report, report
from clams.domain.summary import Summary

MakeAttendee = Callable[..., Attendee]


@pytest.fixture
def small_event(an_attendee: MakeAttendee) -> list[Attendee]:
    """Three bookings whose figures are worked out by hand in the tests below."""
    return [
        # Tue-Sat (5 nights), 2 kids, owes 60
        an_attendee("AAA001", "Ada", "Tuesday", False, kids=2, to_pay=100, paid=40, diet="vegan"),
        # Thu-Sun (4 nights), no kids, paid in full
        an_attendee("BBB002", "Bryn", "Thursday", True, kids=0, to_pay=50, paid=50),
        # Sat only (1 night), 1 kid, overpaid by 5
        an_attendee("CCC003", "Cai", "Saturday", False, kids=1, to_pay=30, paid=35, diet="no nuts"),
    ]


def test_the_report_adds_up_a_small_event(small_event: list[Attendee]) -> None:
    # Given three bookings and a nightly camping rate of £7
    # When the report is computed
    result = full_report(small_event, camping_rate=7)
    # Then every total is as worked out by hand
    assert result.model_dump(exclude={"DailyHeadCounts"}) == {
        "TotalAttendees": 3,
        "TotalKids": 3,
        "TotalNightsCamped": 10,
        "TotalCampingCharge": 70,
        "TotalPaid": 125,
        "TotalToPay": 55,
        "TotalIncome": 180,
        "AveragePaidByAttendee": 41.67,
    }


def test_the_camping_charge_is_ten_pounds_a_night_by_default(small_event: list[Attendee]) -> None:
    # Given the same event and no rate
    # When the report is computed
    result = full_report(small_event)
    # Then each of the 10 nights costs £10
    assert result.TotalCampingCharge == 100


def test_daily_head_counts_cover_every_night_including_sunday(
    small_event: list[Attendee],
) -> None:
    # Given the same event
    # When the report is computed
    counts = full_report(small_event).model_dump()["DailyHeadCounts"]
    # Then each night counts the adults on site, Sunday included
    assert counts == [
        {"Day": "Tuesday", "Count": 1},
        {"Day": "Wednesday", "Count": 1},
        {"Day": "Thursday", "Count": 2},
        {"Day": "Friday", "Count": 2},
        {"Day": "Saturday", "Count": 3},
        {"Day": "Sunday", "Count": 1},
    ]


def test_an_event_with_no_attendees_reports_zeros() -> None:
    # Given no attendees at all
    # When the report is computed
    result = full_report([])
    # Then everything is zero, the average too, and every night is still listed
    assert result.TotalAttendees == 0
    assert result.AveragePaidByAttendee == 0
    assert [c.Count for c in result.DailyHeadCounts] == [0] * 6


def test_the_average_is_rounded_to_two_decimals(an_attendee: MakeAttendee) -> None:
    # Given three attendees who paid £10, £10 and £0 (an average of 6.666...)
    people = [an_attendee(f"AAA00{i}", paid=p, to_pay=10) for i, p in enumerate((10, 10, 0))]
    # When the report is computed
    # Then the average is 6.67
    assert full_report(people).AveragePaidByAttendee == 6.67


def test_the_report_of_a_summary_equals_the_report_of_its_records(
    small_event: list[Attendee],
) -> None:
    # Given the event's running summary
    summary = Summary.of_all(small_event)
    # When the report is computed from it
    # Then it is the report of the records themselves
    assert report(summary, 7) == full_report(small_event, 7)


def test_the_kitchen_report_counts_adults_and_kids_and_lists_notes_per_night(
    small_event: list[Attendee],
) -> None:
    # Given the same event, where Bryn has no dietary note
    # When the kitchen report is computed
    nights = full_kitchen_report(small_event).model_dump()["Nights"]
    # Then each night has its adults, kids and the notes of those on site
    ada = {"Name": "Ada", "Note": "vegan"}
    cai = {"Name": "Cai", "Note": "no nuts"}
    assert nights == [
        {"Night": "Tuesday", "Adults": 1, "Kids": 2, "DietaryNotes": [ada]},
        {"Night": "Wednesday", "Adults": 1, "Kids": 2, "DietaryNotes": [ada]},
        {"Night": "Thursday", "Adults": 2, "Kids": 2, "DietaryNotes": [ada]},
        {"Night": "Friday", "Adults": 2, "Kids": 2, "DietaryNotes": [ada]},
        {"Night": "Saturday", "Adults": 3, "Kids": 3, "DietaryNotes": [ada, cai]},
        {"Night": "Sunday", "Adults": 1, "Kids": 0, "DietaryNotes": []},
    ]


def test_the_kitchen_report_needs_only_the_people_with_notes(
    small_event: list[Attendee],
) -> None:
    # Given the event's summary and only the attendees that have a dietary note
    with_notes = [a for a in small_event if a.Diet]
    # When the kitchen report is computed from those
    result = kitchen_report(Summary.of_all(small_event), with_notes)
    # Then it is the same as from every record
    assert result == full_kitchen_report(small_event)
