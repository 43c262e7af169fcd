"""The event's figures as a sum of per-attendee contributions.

A :class:`Summary` of many attendees is the sum of the summaries of each, so it can be kept
up to date by adding a record's contribution and subtracting the one it replaces — the
scalable report stores exactly these counters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Final

from clams.domain.attendee import Attendee
from clams.domain.nights import EVENT_NIGHTS, Night

_NIGHT_FIELDS: Final = ("on_site", "kids_on_site")


@dataclass(frozen=True)
class Summary:
    """Counters that add up over attendees. Per-night counts are in ``EVENT_NIGHTS`` order."""

    attendees: int = 0
    kids: int = 0
    nights: int = 0
    to_pay: int = 0
    paid: int = 0
    on_site: tuple[int, ...] = (0,) * len(EVENT_NIGHTS)
    kids_on_site: tuple[int, ...] = (0,) * len(EVENT_NIGHTS)

    @classmethod
    def of(cls, attendee: Attendee) -> Summary:
        """What one attendee contributes."""
        present = attendee.nights
        money = attendee.Financials
        return cls(
            attendees=1,
            kids=attendee.NumberOfKids,
            nights=attendee.NumberOfNights,
            to_pay=money.AmountToPay,
            paid=money.AmountPaid,
            on_site=tuple(int(n in present) for n in EVENT_NIGHTS),
            kids_on_site=tuple(attendee.NumberOfKids * (n in present) for n in EVENT_NIGHTS),
        )

    @classmethod
    def of_all(cls, attendees: Iterable[Attendee]) -> Summary:
        total = cls()
        for attendee in attendees:
            total += cls.of(attendee)
        return total

    def __add__(self, other: Summary) -> Summary:
        return self._combine(other, 1)

    def __sub__(self, other: Summary) -> Summary:
        return self._combine(other, -1)

    def _combine(self, other: Summary, sign: int) -> Summary:
        values: dict[str, Any] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, tuple):
                values[f.name] = tuple(a + sign * b for a, b in zip(mine, theirs, strict=True))
            else:
                values[f.name] = mine + sign * theirs
        return Summary(**values)

    def with_added(self, attendee: Attendee) -> Summary:
        return self + Summary.of(attendee)

    def with_removed(self, attendee: Attendee) -> Summary:
        return self - Summary.of(attendee)

    def replacing(self, old: Attendee | None, new: Attendee | None) -> Summary:
        """The summary after ``old`` (if any) is replaced by ``new`` (None: erased)."""
        return delta(old, new) + self

    def is_zero(self) -> bool:
        return self == Summary()

    def as_counters(self) -> dict[str, int]:
        """Flat name → integer counters, e.g. for an atomic ``ADD`` in a key-value store."""
        counters: dict[str, int] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                counters.update(
                    {_night_key(f.name, n): v for n, v in zip(EVENT_NIGHTS, value, strict=True)}
                )
            else:
                counters[f.name] = value
        return counters

    @classmethod
    def from_counters(cls, counters: Mapping[str, int]) -> Summary:
        """The inverse of :meth:`as_counters`; missing counters are zero."""
        values: dict[str, object] = {}
        for f in fields(cls):
            if f.name in _NIGHT_FIELDS:
                values[f.name] = tuple(
                    int(counters.get(_night_key(f.name, n), 0)) for n in EVENT_NIGHTS
                )
            else:
                values[f.name] = int(counters.get(f.name, 0))
        return cls(**values)  # type: ignore[arg-type]


def _night_key(name: str, night: Night) -> str:
    return f"{name}_{night}"


def delta(old: Attendee | None, new: Attendee | None) -> Summary:
    """The change to the summary when ``old`` becomes ``new`` (either may be absent)."""
    added = Summary.of(new) if new is not None else Summary()
    removed = Summary.of(old) if old is not None else Summary()
    return added - removed
