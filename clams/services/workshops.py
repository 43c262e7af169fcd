"""Workshops and their sign-ups: what the API lists, and adding a sign-up."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Protocol

from clams.domain.errors import NotFoundError
from clams.domain.signups import SignupRecord, SignupRequest, Workshop


class SignupReader(Protocol):
    def all(self) -> list[SignupRecord]: ...

    def for_workshop(self, workshop_id: int) -> list[SignupRecord]: ...


class SignupWriter(Protocol):
    def sign_up(self, request: SignupRequest) -> int: ...

    def describe(self, signup_id: int) -> SignupRecord | None: ...


class SignupWriteUnit(AbstractContextManager["SignupWriteUnit"], Protocol):
    @property
    def signups(self) -> SignupWriter: ...

    def commit(self) -> None: ...


def list_workshops(records: SignupReader) -> list[Workshop]:
    """Every workshop with sign-ups, by id, with how many signed up in each role."""
    titles: dict[int, str] = {}
    counts: dict[int, Counter[str]] = {}
    for record in records.all():
        titles[record.WorkshopId] = record.WorkshopTitle
        counts.setdefault(record.WorkshopId, Counter())[record.Role] += 1
    return [
        Workshop(WorkshopId=w, Title=titles[w], SignupsByRole=dict(sorted(counts[w].items())))
        for w in sorted(titles)
    ]


def workshop_signups(records: SignupReader, workshop_id: int) -> list[SignupRecord]:
    """The sign-up records of one workshop, oldest sign-up first."""
    found = records.for_workshop(workshop_id)
    if not found:
        raise NotFoundError(f"workshop {workshop_id} has no sign-ups")
    return sorted(found, key=lambda r: r.SignupId)


def sign_up(units: Callable[[], SignupWriteUnit], request: SignupRequest) -> SignupRecord:
    """Add the sign-up (creating the workshop and person when new); the trigger notifies."""
    with units() as unit:
        signup_id = unit.signups.sign_up(request)
        record = unit.signups.describe(signup_id)
        unit.commit()
    assert record is not None
    return record
