"""The event report and the kitchen report of SPEC section 3, as pure functions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from pydantic import BaseModel, ConfigDict

from clams.domain.attendee import Attendee
from clams.domain.nights import EVENT_NIGHTS, Night
from clams.domain.summary import Summary

DEFAULT_CAMPING_RATE: Final = 10


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class HeadCount(_Out):
    Day: Night
    Count: int


class Report(_Out):
    TotalAttendees: int
    TotalKids: int
    TotalNightsCamped: int
    TotalCampingCharge: int
    TotalPaid: int
    TotalToPay: int
    TotalIncome: int
    AveragePaidByAttendee: float
    DailyHeadCounts: list[HeadCount]


class DietaryNote(_Out):
    Name: str
    Note: str


class KitchenNight(_Out):
    Night: Night
    Adults: int
    Kids: int
    DietaryNotes: list[DietaryNote]


class KitchenReport(_Out):
    Nights: list[KitchenNight]


def report(summary: Summary, camping_rate: int = DEFAULT_CAMPING_RATE) -> Report:
    """The event statistics from the summed counters."""
    count = summary.attendees
    return Report(
        TotalAttendees=count,
        TotalKids=summary.kids,
        TotalNightsCamped=summary.nights,
        TotalCampingCharge=summary.nights * camping_rate,
        TotalPaid=summary.paid,
        TotalToPay=summary.to_pay - summary.paid,
        TotalIncome=summary.to_pay,
        AveragePaidByAttendee=round(summary.paid / count, 2) if count else 0,
        DailyHeadCounts=[
            HeadCount(Day=night, Count=n)
            for night, n in zip(EVENT_NIGHTS, summary.on_site, strict=True)
        ],
    )


def full_report(attendees: Iterable[Attendee], camping_rate: int = DEFAULT_CAMPING_RATE) -> Report:
    """The report computed from every record: the reference the summary must equal."""
    return report(Summary.of_all(attendees), camping_rate)


@dataclass(frozen=True)
class DietEntry:
    """What the kitchen needs of one attendee with a dietary note."""

    name: str
    note: str
    nights: tuple[Night, ...]

    @classmethod
    def of(cls, attendee: Attendee) -> DietEntry:
        return cls(attendee.Name, attendee.Diet, attendee.nights)


def kitchen_report(summary: Summary, diets: Iterable[DietEntry | Attendee]) -> KitchenReport:
    """Adults, kids and dietary notes per night.

    ``diets`` needs to hold only the people with a dietary note (blank notes are left out),
    so a store can keep them apart and the cost does not grow with the whole event.
    """
    entries = [d if isinstance(d, DietEntry) else DietEntry.of(d) for d in diets]
    notes: dict[Night, list[DietaryNote]] = {night: [] for night in EVENT_NIGHTS}
    for entry in sorted(entries, key=lambda e: (e.name.casefold(), e.name, e.note)):
        if entry.note:
            for night in entry.nights:
                notes[night].append(DietaryNote(Name=entry.name, Note=entry.note))
    return KitchenReport(
        Nights=[
            KitchenNight(Night=night, Adults=adults, Kids=kids, DietaryNotes=notes[night])
            for night, adults, kids in zip(
                EVENT_NIGHTS, summary.on_site, summary.kids_on_site, strict=True
            )
        ]
    )


def full_kitchen_report(attendees: Iterable[Attendee]) -> KitchenReport:
    records = list(attendees)
    return kitchen_report(Summary.of_all(records), records)
