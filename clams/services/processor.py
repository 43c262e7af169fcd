"""Processor: turn one sign-up notification into a denormalised sign-up record."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Protocol

from clams.domain.errors import NotFoundError
from clams.domain.signups import SignupNotice, SignupRecord


class SignupLookup(Protocol):
    def describe(self, signup_id: int) -> SignupRecord | None: ...


class SignupUnit(AbstractContextManager["SignupUnit"], Protocol):
    @property
    def signups(self) -> SignupLookup: ...


class RecordSink(Protocol):
    def put(self, record: SignupRecord) -> None: ...


def process_notice(
    notice: SignupNotice, units: Callable[[], SignupUnit], records: RecordSink
) -> SignupRecord:
    """Store the sign-up as it is now; raise NotFoundError when it no longer exists.

    The record is read fresh from the database, so duplicate or out-of-order deliveries
    write the same current state again.
    """
    with units() as unit:
        record = unit.signups.describe(notice.signup_id)
    if record is None:
        raise NotFoundError(f"sign-up {notice.signup_id} does not exist")
    records.put(record)
    return record
