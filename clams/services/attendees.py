"""Reading and writing attendees for the API, and the two reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from clams.domain.attendee import Attendee, StoredAttendee
from clams.domain.errors import AlreadyExistsError, NotFoundError, StaleWriteError
from clams.domain.report import DietEntry, KitchenReport, Report, kitchen_report, report
from clams.domain.summary import Summary
from clams.domain.version import make_version, utc_now
from clams.stores.attendees import Change, Outcome


class AttendeeRecords(Protocol):
    """The part of the attendee store the API uses."""

    def get(self, code: str) -> StoredAttendee | None: ...

    def page(
        self, limit: int, after: str | None = None
    ) -> tuple[list[StoredAttendee], str | None]: ...

    def apply(self, changes: list[Change]) -> dict[str, Outcome]: ...

    def summary(self) -> Summary: ...

    def diets(self) -> list[DietEntry]: ...


@dataclass(frozen=True)
class Page:
    records: list[StoredAttendee]
    after: str | None
    """The code to continue after; None on the last page."""


class AttendeeService:
    def __init__(self, store: AttendeeRecords, clock: Callable[[], datetime] = utc_now) -> None:
        self._store = store
        self._clock = clock

    def get(self, code: str) -> StoredAttendee:
        record = self._store.get(code)
        if record is None:
            raise NotFoundError(f"no attendee {code}")
        return record

    def page(self, limit: int, after: str | None) -> Page:
        records, following = self._store.page(limit, after)
        return Page(records, following)

    def create(self, attendee: Attendee) -> StoredAttendee:
        """Store a new attendee; AlreadyExistsError when the code is taken."""
        outcome = self._write(Change.put(attendee, self._version(), create_only=True))
        if outcome is Outcome.EXISTS:
            raise AlreadyExistsError(f"attendee {attendee.AuthCode} already exists")
        return self.get(attendee.AuthCode)

    def replace(self, attendee: Attendee) -> StoredAttendee:
        """Create or replace the attendee with this code."""
        self._write(Change.put(attendee, self._version()))
        return self.get(attendee.AuthCode)

    def report(self, camping_rate: int) -> Report:
        return report(self._store.summary(), camping_rate)

    def kitchen_report(self) -> KitchenReport:
        return kitchen_report(self._store.summary(), self._store.diets())

    def _write(self, change: Change) -> Outcome:
        outcome = self._store.apply([change])[change.code]
        if outcome is Outcome.STALE:
            raise StaleWriteError(f"attendee {change.code} changed at a later time; retry")
        return outcome

    def _version(self) -> str:
        return make_version(self._clock())
