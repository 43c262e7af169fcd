"""The event's nights and who is on site on each of them (SPEC section 1, "Nights on site")."""

from __future__ import annotations

from typing import Final, Literal

Day = Literal["Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
Night = Literal["Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

ARRIVAL_DAYS: Final[tuple[Day, ...]] = ("Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
EVENT_NIGHTS: Final[tuple[Night, ...]] = (*ARRIVAL_DAYS, "Sunday")
LATE_NIGHT: Final[Night] = "Sunday"

_BY_SPELLING: Final[dict[str, Day]] = {
    spelling: day for day in ARRIVAL_DAYS for spelling in (day.lower(), day[:3].lower())
}


def parse_day(text: str) -> Day | None:
    """``Tue``, ``tuesday``, ``TUESDAY`` … → ``Tuesday``; anything else → None."""
    return _BY_SPELLING.get(text.strip().lower())


def nights_on_site(arrival: Day | Literal[""], staying_late: bool) -> tuple[Night, ...]:
    """The nights an attendee sleeps on site, in event order.

    An unknown or blank arrival day counts as arriving on the first night.
    """
    first = ARRIVAL_DAYS.index(arrival) if arrival in ARRIVAL_DAYS else 0
    late: tuple[Night, ...] = (LATE_NIGHT,) if staying_late else ()
    return EVENT_NIGHTS[first : len(ARRIVAL_DAYS)] + late


def number_of_nights(arrival: Day | Literal[""], staying_late: bool) -> int:
    return len(nights_on_site(arrival, staying_late))
